import { type ErrorTable, type FileInfo, type IssuedUrl, type PartReceipt, type ProviderLimits, UploadError, type StoredObject, type UploadProvider } from '@uplink/core'
import { type TokenSupplier, requestJson } from '../http/json-request'
import { STORAGE_ERRORS, etagReceipt, isHttpUrl, storagePut } from '../http/presigned-part'
import { everyPartStored, storedReceipts } from '../http/stored-upload'
import { badResponse, expectObject, expectString } from '../http/validate'
import { entryFilename, fileExtension, folderOf } from './file-naming'
import { DRIME_LIMITS } from './limits'

export interface DrimeProviderOptions {
  /** API base, default https://app.drime.cloud/api/v1. */
  baseUrl?: string
  /** Supplies the Drime access token (Bearer). Asked again once after a 401; never stored. */
  getToken: TokenSupplier
  /** Workspace to upload into; 0 = personal space (the default). */
  workspaceId?: number
  /** Destination folder id; null = root. Files from a dropped folder use their relativePath instead. */
  parentId?: number | null
  /** Part URLs asked for per batch-sign-part-urls call (BeDrive asks 10; keep at most 100). */
  signBatchSize?: number
  /** Sign again when a URL expires within this many ms. */
  expiryMarginMs?: number
  limits?: Partial<ProviderLimits>
  fetch?: typeof fetch
}

export interface DrimeSession {
  key: string
  uploadId: string
  /** The file's name, type and folder, for /s3/entries after complete. */
  file: Pick<FileInfo, 'name' | 'type' | 'relativePath'>
  /** What complete answered: a retried completion goes straight to /s3/entries. */
  completedLocation?: string
  /**
   * The upload is gone from S3 when complete is sent (an earlier one's answer was lost), or at
   * a resume that found every part stored: complete most likely went through, so only /s3/entries is left.
   * If entries says there is no such completed object, the upload was aborted instead and
   * starts over.
   */
  completionAssumed?: boolean
}

/** What the adapter keeps for resume: the upload's ids, nothing else. */
interface DrimeSnapshot {
  key: string
  uploadId: string
}

export interface DrimeResult extends StoredObject {
  /** S3 object key of the upload. */
  key: string
  /** Id of the drive file entry /s3/entries created. */
  fileEntryId: number | undefined
  /** Where the file sits in the drive: `<relativePath>/<name>`, or the name at the destination. */
  drivePath: string
}

/** Drime lists at most one ListParts page (drime.md §3.4). */
const LISTED_PARTS_MAX = 1000
/** BeDrive signs part URLs for 30 minutes (drime.md §3.2, INFERRED for Drime): used when a URL does not say. */
const URL_LIFETIME_MS = 30 * 60_000
/** Third-party clients ask for up to 100 URLs a call (drime.md §3.2): the most the adapter asks for. */
const SIGN_MAX_BATCH = 100

/**
 * What Drime's answers mean beyond the engine's defaults. Drime passes S3 failures on as
 * `{"message": "<S3 code>: …"}` (drime.md §3.5, INFERRED shape, usually a 500): an upload S3 no
 * longer knows means start over; a refused part list will not get better by retrying.
 */
const DRIME_ERRORS: ErrorTable = [
  ...STORAGE_ERRORS,
  { on: 'call', body: /NoSuchUpload/, means: 'session-lost', message: 'Drime no longer knows this upload (NoSuchUpload).' },
  { on: 'call', body: /InvalidPart|InvalidPartOrder|EntityTooSmall/, means: 'fatal' },
]

/**
 * Drime Cloud's S3 multipart API (shared/providers/drime.md): create, batch-sign part URLs,
 * PUT parts to storage (no vendor credentials there), complete with capitalised
 * `{PartNumber, ETag}`, then POST /s3/entries so the file appears in the drive.
 */
export function createDrimeProvider(options: DrimeProviderOptions): UploadProvider<DrimeSession> {
  const base = (options.baseUrl ?? 'https://app.drime.cloud/api/v1').replace(/\/+$/, '')
  const call = (path: string, signal: AbortSignal, body: unknown) =>
    requestJson(`${base}${path}`, { method: 'POST', body, signal, getToken: options.getToken, fetch: options.fetch, errors: DRIME_ERRORS })
  const ids = (session: { key: string; uploadId: string }) => ({ key: session.key, uploadId: session.uploadId })
  /** Where the file goes: a dropped folder's path, else the configured parent folder (never both). */
  const placement = (file: Pick<FileInfo, 'name' | 'relativePath'>) => {
    const relativePath = folderOf(file.relativePath, file.name)
    return {
      workspaceId: options.workspaceId ?? 0,
      ...(relativePath ? { relativePath } : { parentId: options.parentId ?? null }),
    }
  }
  const newSession = (key: string, uploadId: string, file: FileInfo): DrimeSession => ({
    key,
    uploadId,
    file: { name: file.name, type: file.type, ...(file.relativePath ? { relativePath: file.relativePath } : {}) },
  })

  return {
    name: 'drime',
    limits: { ...DRIME_LIMITS, ...options.limits },
    errors: DRIME_ERRORS,
    partUrls: {
      batchSize: Math.min(SIGN_MAX_BATCH, Math.max(1, options.signBatchSize ?? 10)),
      maxBatch: SIGN_MAX_BATCH,
      lifetimeMs: URL_LIFETIME_MS,
      ...(options.expiryMarginMs === undefined ? {} : { marginMs: options.expiryMarginMs }),
      async fetch(session, parts, { signal }) {
        const partNumbers = parts.map((p) => p.number)
        return signedUrls(await call('/s3/multipart/batch-sign-part-urls', signal, { ...ids(session), partNumbers }), partNumbers)
      },
    },

    async createUpload(file, plan, { signal }) {
      const answer = expectObject(
        await call('/s3/multipart/create', signal, {
          filename: file.name,
          mime: file.type || 'application/octet-stream',
          size: file.size,
          extension: fileExtension(file.name),
          ...placement(file),
        }),
        'create',
      )
      return { session: newSession(expectString(answer, 'key', 'create'), expectString(answer, 'uploadId', 'create'), file) }
    },

    // Presigned storage URL: no Authorization, no custom headers (README item 7, rule 9).
    partRequest: (_session, _part, { url }) => storagePut(url!),

    partReceipt: (_session, part, response) => etagReceipt(part, response),

    async completeUpload(session, receipts, { signal }) {
      if (session.completedLocation === undefined) {
        const parts = [...receipts].sort((a, b) => a.number - b.number).map((r) => ({ PartNumber: r.number, ETag: r.token }))
        try {
          const answer = expectObject(await call('/s3/multipart/complete', signal, { ...ids(session), parts }), 'complete')
          session.completedLocation = typeof answer.location === 'string' ? answer.location : session.key
        } catch (error) {
          // Every part was just stored, yet S3 no longer knows the upload: an earlier complete
          // went through and its answer was lost (the engine's retry, or the browser itself sending
          // a POST again whose connection dropped). /s3/entries tells whether the object is there.
          if (!(error instanceof UploadError && error.code === 'session-lost')) throw error
          session.completedLocation = session.key
          session.completionAssumed = true
        }
      }
      const file = session.file
      const size = receipts.reduce((total, r) => total + r.size, 0)
      const place = placement(file)
      // Without this call the object sits in the bucket but never shows up in the drive.
      let registered: unknown
      try {
        registered = await call('/s3/entries', signal, {
          filename: entryFilename(session.key),
          size,
          clientName: file.name,
          clientMime: file.type || 'application/octet-stream',
          clientExtension: fileExtension(file.name),
          ...place,
        })
      } catch (error) {
        throw session.completionAssumed ? notCompleted(error) : error
      }
      const entry = expectObject(registered, 'entries')
      const fileEntry = typeof entry.fileEntry === 'object' && entry.fileEntry !== null ? (entry.fileEntry as Record<string, unknown>) : undefined
      if (!fileEntry) throw badResponse('entries.fileEntry is missing')
      const result: DrimeResult = {
        key: session.key,
        ...(isHttpUrl(session.completedLocation) ? { url: session.completedLocation } : {}),
        fileEntryId: typeof fileEntry.id === 'number' ? fileEntry.id : undefined,
        drivePath: 'relativePath' in place ? `${place.relativePath}/${file.name}` : file.name,
        fileEntry,
      }
      return result
    },

    async abortUpload(session, { signal }) {
      await call('/s3/multipart/abort', signal, ids(session))
    },

    persistSession: (session): DrimeSnapshot => ids(session),

    async resumeUpload(stored, file, { signal }) {
      const snapshot = expectObject(stored.snapshot, 'stored Drime session')
      const session = newSession(expectString(snapshot, 'key', 'stored'), expectString(snapshot, 'uploadId', 'stored'), file)
      let answer: Record<string, unknown>
      try {
        answer = expectObject(await call('/s3/multipart/get-uploaded-parts', signal, ids(session)), 'get-uploaded-parts')
      } catch (error) {
        if (!(error instanceof UploadError && error.code === 'session-lost')) throw error
        // S3 no longer knows the upload. With every part stored, it stopped while completing:
        // complete went through (or it was aborted, which /s3/entries will tell). Never re-upload.
        if (!everyPartStored(stored, true)) return null
        session.completedLocation = session.key
        session.completionAssumed = true
        return { session, done: storedReceipts(stored) }
      }
      if (!Array.isArray(answer.parts)) throw badResponse('get-uploaded-parts.parts is not a list')
      const sizes = new Map(stored.plan.map((p) => [p.number, p.size]))
      const done = new Map<number, PartReceipt>()
      for (const raw of answer.parts) {
        const part = expectObject(raw, 'uploaded part')
        if (typeof part.PartNumber !== 'number' || typeof part.ETag !== 'string') throw badResponse('an uploaded part lacks PartNumber or ETag')
        // A part of another size is torn or from another plan: send it again.
        if (typeof part.Size === 'number' && sizes.get(part.PartNumber) === part.Size) done.set(part.PartNumber, { number: part.PartNumber, size: part.Size, token: part.ETag })
      }
      // Only the first 1000 parts are listed: beyond the listing, trust what this client recorded.
      if (answer.parts.length >= LISTED_PARTS_MAX) {
        const highest = Math.max(...done.keys())
        for (const receipt of stored.receipts) if (receipt.number > highest && receipt.token && sizes.get(receipt.number) === receipt.size) done.set(receipt.number, receipt)
      }
      return { session, done: [...done.values()] }
    },
  }
}

/**
 * /s3/entries refused the key of an upload we assumed completed: S3 never completed it (it was
 * aborted), so the upload starts over.
 */
function notCompleted(error: unknown): unknown {
  if (error instanceof UploadError && error.status === 422 && /filename/i.test(error.message)) {
    return new UploadError({ code: 'session-lost', message: 'Drime has no completed object for this upload; starting over.', status: 422, cause: error })
  }
  return error
}

/** batch-sign-part-urls: `{urls: [{partNumber, url}]}`, one per number asked for, same order. */
function signedUrls(answer: unknown, asked: readonly number[]): IssuedUrl[] {
  const signed = expectObject(answer, 'batch-sign-part-urls')
  if (!Array.isArray(signed.urls)) throw badResponse('batch-sign-part-urls.urls is not a list')
  return signed.urls.flatMap((raw: unknown) => {
    const entry = expectObject(raw, 'batch-sign-part-urls.urls[]')
    if (typeof entry.partNumber !== 'number' || !isHttpUrl(entry.url)) throw badResponse('a signed URL lacks partNumber or url')
    return asked.includes(entry.partNumber) ? [{ number: entry.partNumber, url: entry.url }] : []
  })
}
