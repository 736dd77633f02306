import { type IssuedUrl, type ProviderLimits, UploadError, type StoredObject, type UploadProvider } from '@uplink/core'
import { type TokenSupplier, requestJson } from '../http/json-request'
import { STORAGE_ERRORS, etagReceipt, storagePut } from '../http/presigned-part'
import { everyPartStored, storedReceipts } from '../http/stored-upload'
import { badResponse, expectObject, expectString } from '../http/validate'
import { envelopeResult, readPartUrls } from './envelope'
import { GJIRAFA_LIMITS } from './limits'

export interface GjirafaProviderOptions {
  /** API base, default https://vp-api.gjirafa.com (INFERRED from third-party code). */
  baseUrl?: string
  /** Project id, `p` and seven letters or digits (e.g. p1a2b3c4). */
  projectId: string
  /** Supplies the API token (sent as Bearer, INFERRED scheme). Asked again once after a 401; never stored. */
  getToken: TokenSupplier
  /** Lifetime of the part URLs, 1..168 hours (Gjirafa's default: 12). */
  presignedUrlExpiryTimeHours?: number
  /** Ask for fresh URLs (multipart-resume) when one expires within this many ms. */
  expiryMarginMs?: number
  /**
   * Files up to this size go by simple upload (`POST …/uploads/url`, one PUT); the write-up
   * says up to 50 MB, read strictly as 50,000,000 bytes (the default). 0 turns it off.
   */
  simpleUploadMaxSize?: number
  limits?: Partial<ProviderLimits>
  fetch?: typeof fetch
}

export interface GjirafaSession {
  requestKey: string
  uploadId: string
  uploadFileDetailsId: number | undefined
  fileName: string
  partCount: number
}

export interface GjirafaResult extends StoredObject {
  projectId: string
  fileName: string
  /** Handle of the upload for complete, abort and resume. */
  requestKey: string
  /** The storage's multipart upload id (none for a simple upload). */
  uploadId: string | undefined
  uploadFileDetailsId: number | undefined
}

/**
 * Gjirafa VP's multipart Upload API (shared/providers/gjirafa.md): initiate with the part count
 * (fixed from then on) and get one presigned URL per part, PUT the parts to S3-compatible
 * storage, complete with `PUT …/multipart-complete {requestKey, parts: [{partNumber, eTag}]}`.
 * There is no part listing: finished parts are remembered by the client (the engine's stored
 * receipts) and multipart-resume hands out fresh URLs. Encoding is left to the integrator.
 */
export function createGjirafaProvider(options: GjirafaProviderOptions): UploadProvider<GjirafaSession> {
  const base = `${(options.baseUrl ?? 'https://vp-api.gjirafa.com').replace(/\/+$/, '')}/api/projects/${encodeURIComponent(options.projectId)}`
  const hours = options.presignedUrlExpiryTimeHours
  const expiry = hours === undefined ? {} : { presignedUrlExpiryTimeHours: hours }
  const call = async (path: string, method: 'POST' | 'PUT', what: string, signal: AbortSignal, body: unknown) =>
    envelopeResult(await requestJson(`${base}${path}`, { method, body, signal, getToken: options.getToken, fetch: options.fetch }), what)
  /** The URLs of an initiate or resume result: one per part, all of them. */
  const urlsOf = (result: Record<string, unknown>, partCount: number, what: string): IssuedUrl[] =>
    readPartUrls(result.presignedUrl, partCount, what).map(({ partNumber, url }) => ({ number: partNumber, url }))
  /** multipart-resume: fresh URLs for every part (it is also how URLs are refreshed). */
  const resume = async (session: GjirafaSession, signal: AbortSignal) =>
    urlsOf(
      expectObject(await call('/uploads/multipart-resume', 'POST', 'multipart-resume', signal, { requestKey: session.requestKey, ...expiry }), 'multipart-resume'),
      session.partCount,
      'multipart-resume',
    )

  const simpleMax = options.simpleUploadMaxSize ?? SIMPLE_UPLOAD_MAX_SIZE
  // The requestKey and ids a simple upload was given, by file, between request() and result().
  const simpleUploads = new WeakMap<object, Record<string, unknown>>()

  return {
    name: 'gjirafa',
    // An empty file can go by simple upload (one PUT of 0 bytes); multipart would need a part.
    limits: { ...GJIRAFA_LIMITS, ...(simpleMax > 0 ? { allowsEmptyFiles: true } : {}), ...options.limits },
    errors: STORAGE_ERRORS,
    partUrls: {
      // multipart-resume hands out every part's URL at once.
      maxBatch: Infinity,
      lifetimeMs: (hours ?? 12) * 3_600_000,
      marginMs: options.expiryMarginMs ?? 5 * 60_000,
      fetch: (session, _parts, { signal }) => resume(session, signal),
    },
    ...(simpleMax > 0
      ? {
          singleRequest: {
            maxSize: simpleMax,
            async request(file, _part, { signal }) {
              const result = expectObject(
                await call('/uploads/url', 'POST', 'uploads/url', signal, {
                  fileName: file.name,
                  contentLength: String(file.size),
                  mimeType: file.type || 'application/octet-stream',
                  ...expiry,
                }),
                'uploads/url',
              )
              simpleUploads.set(file, result)
              // Presigned storage URL: no Authorization and no other header (README item 7, rule 9).
              return storagePut({ url: readSimpleUploadUrl(result) })
            },
            result(file) {
              const answer = simpleUploads.get(file) ?? {}
              const requestKey = typeof answer.requestKey === 'string' ? answer.requestKey : file.name
              const result: GjirafaResult = {
                key: requestKey,
                projectId: options.projectId,
                fileName: file.name,
                requestKey,
                uploadId: undefined,
                uploadFileDetailsId: typeof answer.uploadFileDetailsId === 'number' ? answer.uploadFileDetailsId : undefined,
              }
              return result
            },
          },
        }
      : {}),

    async createUpload(file, plan, { signal }) {
      const result = expectObject(
        await call('/uploads/multipart', 'POST', 'initiate', signal, {
          partsNumber: plan.length,
          fileName: file.name,
          // A string in the docs.
          contentLength: String(file.size),
          mimeType: file.type || 'application/octet-stream',
          ...expiry,
        }),
        'initiate',
      )
      const session: GjirafaSession = {
        requestKey: expectString(result, 'requestKey', 'initiate'),
        uploadId: expectString(result, 'uploadId', 'initiate'),
        uploadFileDetailsId: typeof result.uploadFileDetailsId === 'number' ? result.uploadFileDetailsId : undefined,
        fileName: file.name,
        partCount: plan.length,
      }
      return { session, urls: urlsOf(result, plan.length, 'initiate') }
    },

    // Presigned storage URL: no Authorization and no other header (README item 7, rule 9).
    partRequest: (_session, _part, { url }) => storagePut(url!),
    partReceipt: (_session, part, response) => etagReceipt(part, response),

    async completeUpload(session, receipts, { signal }) {
      // Every part, 1..N ascending, with exactly the keys `partNumber` and `eTag` (README rule 4).
      const parts = [...receipts].sort((a, b) => a.number - b.number).map((r) => ({ partNumber: r.number, eTag: r.token }))
      try {
        await call('/uploads/multipart-complete', 'PUT', 'multipart-complete', signal, { requestKey: session.requestKey, parts })
      } catch (error) {
        // Read here, not in the error table, because a 404 means done only at this moment.
        // "Result Not Found" with every part just stored: an earlier completion went through and
        // its answer was lost (a retry, the browser re-sending a POST whose connection dropped, a
        // page closed while completing). Gjirafa answers 404 for completed and aborted uploads
        // alike, and nothing here aborts without forgetting the upload: count it done.
        if (!(error instanceof UploadError && error.status === 404)) throw error
      }
      const result: GjirafaResult = {
        key: session.requestKey,
        projectId: options.projectId,
        fileName: session.fileName,
        requestKey: session.requestKey,
        uploadId: session.uploadId,
        uploadFileDetailsId: session.uploadFileDetailsId,
      }
      return result
    },

    async abortUpload(session, { signal }) {
      await call('/uploads/multipart-abort', 'PUT', 'multipart-abort', signal, { requestKey: session.requestKey })
    },

    // The handle and ids only; URLs are asked for again, ETags live in the engine's receipts.
    persistSession: (session) => ({
      requestKey: session.requestKey,
      uploadId: session.uploadId,
      uploadFileDetailsId: session.uploadFileDetailsId ?? null,
      fileName: session.fileName,
    }),

    async resumeUpload(stored, file, { signal }) {
      const snapshot = expectObject(stored.snapshot, 'stored Gjirafa session')
      const session: GjirafaSession = {
        requestKey: expectString(snapshot, 'requestKey', 'stored'),
        uploadId: expectString(snapshot, 'uploadId', 'stored'),
        uploadFileDetailsId: typeof snapshot.uploadFileDetailsId === 'number' ? snapshot.uploadFileDetailsId : undefined,
        fileName: file.name,
        partCount: stored.plan.length,
      }
      let urls: IssuedUrl[]
      try {
        urls = await resume(session, signal)
      } catch (error) {
        if (!(error instanceof UploadError && error.status === 404)) throw error
        // Completed, aborted or unknown: "Result Not Found". With every part stored, the page
        // closed while completing: send the completion again rather than the file. Otherwise start over.
        if (!everyPartStored(stored, true)) return null
        return { session, done: storedReceipts(stored) }
      }
      // No server listing: the parts this client saw acknowledged, with their ETags.
      const sizes = new Map(stored.plan.map((p) => [p.number, p.size]))
      const done = stored.receipts.filter((r) => r.token && sizes.get(r.number) === r.size)
      return { session, done: [...done], urls }
    },
  }
}

/** "Files up to 50 MB" (gjirafa.md §2), read strictly: decimal megabytes. */
export const SIMPLE_UPLOAD_MAX_SIZE = 50_000_000

/** The URL of a simple upload's answer: `presignedUrl` (INFERRED, named as in initiate), else `url`. */
function readSimpleUploadUrl(result: Record<string, unknown>): string {
  const url = [result.presignedUrl, result.url].find((v) => typeof v === 'string')
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) throw badResponse('uploads/url gave no presigned URL')
  return url
}

