import {
  type ErrorTable,
  type FileInfo,
  type PartPlan,
  type PartReceipt,
  type ProviderContext,
  type ProviderLimits,
  UploadError,
  type UploadProvider,
  type StoredObject,
} from '@uplink/core'
import { type TokenSupplier, requestJson } from '../http/json-request'
import { STORAGE_ERRORS, etagReceipt, storagePut } from '../http/presigned-part'
import { everyPartStored, storedReceipts } from '../http/stored-upload'
import { badResponse, expectObject, expectString } from '../http/validate'
import { ARCHETYPE_LIMITS } from './limits'
import { type ArchetypePart, URL_LIFETIME_MS, checkPlan, readParts, serverPlan } from './server-plan'

export interface ArchetypeProviderOptions {
  /** API base, default https://api.u1.archetypeai.app/v0.5. */
  baseUrl?: string
  /** Supplies the Archetype API key (Bearer). Asked again once after a 401; never stored. */
  getToken: TokenSupplier
  /** Checkpoint each part once it is stored, so a later resume skips it (default true). */
  checkpoint?: boolean
  /** Ask for fresh URLs when one expires within this many ms. */
  expiryMarginMs?: number
  /** Most part URLs to refresh in one parts/urls call. */
  refreshBatchSize?: number
  limits?: Partial<ProviderLimits>
  fetch?: typeof fetch
}

export interface ArchetypeSession {
  uploadId: string
  fileUid: string | undefined
  fileName: string
  /** Whether complete takes a whole-file CRC32C (the server says, per upload). */
  integrity: 'crc32c' | 'none'
  /** Parts the server checkpointed: left out of complete's list. */
  checkpointed: Set<number>
}

export interface ArchetypeResult extends StoredObject {
  /** The completed file's uid (`fil_…`). */
  fileUid: string
  /** The file's name, which is also its id for Lenses. */
  fileName: string
  fileStatus: string
}

/**
 * What Archetype's answers mean beyond the engine's defaults (its error bodies are undocumented:
 * archetypeai.md §2, INFERRED).
 */
const ARCHETYPE_ERRORS: ErrorTable = [
  ...STORAGE_ERRORS,
  // 404 on an upload's endpoints: it was aborted or never existed, so start over.
  { on: 'call', status: 404, means: 'session-lost', message: 'Archetype no longer knows this upload (404).' },
  // A checksum mismatch at complete marks the file Corrupt (§3.5; status INFERRED 400/422): some
  // bytes changed on the way, so the upload starts over and sends them again.
  {
    on: 'call',
    status: [400, 422],
    body: /corrupt|integrity|checksum/i,
    means: 'session-lost',
    message: 'Archetype found that the stored bytes do not match the file (CRC32C) and marked the upload Corrupt; starting over.',
  },
]

/**
 * Archetype AI's direct-to-cloud Files API (shared/providers/archetypeai.md). The server plans
 * the parts (the engine sends exactly its offset/length ranges, never re-splits), hands out
 * expiring part URLs (refreshed through parts/urls), checkpoints finished parts, and checks a
 * whole-file CRC32C at complete. Part tokens are the storage ETags, verbatim.
 */
export function createArchetypeProvider(options: ArchetypeProviderOptions): UploadProvider<ArchetypeSession> {
  const base = (options.baseUrl ?? 'https://api.u1.archetypeai.app/v0.5').replace(/\/+$/, '')
  const call = (path: string, signal: AbortSignal, body?: unknown) =>
    requestJson(`${base}${path}`, { method: 'POST', body, signal, getToken: options.getToken, fetch: options.fetch, errors: ARCHETYPE_ERRORS })
  const uploadPath = (session: ArchetypeSession, rest: string) => `/files/uploads/${encodeURIComponent(session.uploadId)}/${rest}`

  const initiate = async (file: FileInfo, resume: boolean, signal: AbortSignal) => {
    const answer = expectObject(
      await call('/files/uploads/initiate', signal, {
        filename: file.name,
        file_type: file.type || 'application/octet-stream',
        num_bytes: file.size,
        resume_if_started: resume,
      }),
      'initiate',
    )
    const uploadId = expectString(answer, 'upload_id', 'initiate')
    const numParts = answer.num_parts
    if (typeof numParts !== 'number' || !Number.isSafeInteger(numParts) || numParts < 1) throw badResponse('initiate.num_parts is missing')
    const parts = readParts(answer.parts, 'initiate')
    const session: ArchetypeSession = {
      uploadId,
      fileUid: typeof answer.file_uid === 'string' ? answer.file_uid : undefined,
      fileName: typeof answer.file_name === 'string' ? answer.file_name : file.name,
      // "none" is the only other documented value; anything else we take as "do not send one".
      integrity: answer.integrity_algorithm === 'crc32c' ? 'crc32c' : 'none',
      checkpointed: new Set(),
    }
    return { session, parts, numParts, isResume: answer.is_resume === true }
  }

  return {
    name: 'archetype',
    limits: { ...ARCHETYPE_LIMITS, ...options.limits },
    errors: ARCHETYPE_ERRORS,
    wholeFileChecksum: 'crc32c',
    partUrls: {
      batchSize: Math.max(1, options.refreshBatchSize ?? 10),
      // parts/urls takes a list of part numbers; no cap is documented (INFERRED 100).
      maxBatch: 100,
      lifetimeMs: URL_LIFETIME_MS,
      ...(options.expiryMarginMs === undefined ? {} : { marginMs: options.expiryMarginMs }),
      async fetch(session, parts, { signal }) {
        const answer = expectObject(await call(uploadPath(session, 'parts/urls'), signal, { part_numbers: parts.map((p) => p.number) }), 'parts/urls')
        return readParts(answer.parts, 'parts/urls').map((p) => p.url)
      },
    },

    async createUpload(file, _plan, { signal }) {
      const { session, parts, numParts } = await initiate(file, false, signal)
      return { session, plan: serverPlan(parts, file.size, numParts), urls: parts.map((p) => p.url) }
    },

    // Presigned storage URL: no Authorization, no custom headers (README item 7, rule 9). The
    // storage may answer 200 or 201; the token is the ETag header, quotes and all.
    partRequest: (_session, _part, { url }) => storagePut(url!),
    partReceipt: (_session, part, response) => etagReceipt(part, response),

    ...(options.checkpoint === false
      ? {}
      : {
          async checkpoint(session: ArchetypeSession, receipts: readonly PartReceipt[], { signal }: ProviderContext) {
            const parts = receipts.filter((r) => r.token).map((r) => ({ part_number: r.number, part_token: r.token }))
            if (parts.length === 0) return
            await call(uploadPath(session, 'parts/checkpoint'), signal, { parts })
            for (const part of parts) session.checkpointed.add(part.part_number)
          },
        }),

    async completeUpload(session, receipts, { signal, wholeFileChecksum }) {
      const parts = [...receipts]
        .filter((r) => !session.checkpointed.has(r.number))
        .sort((a, b) => a.number - b.number)
        .map((r) => {
          if (!r.token) throw new UploadError({ code: 'provider', message: `Archetype: part ${r.number} has no part token and was not checkpointed.` })
          return { part_number: r.number, part_token: r.token }
        })
      const body = { parts, ...(session.integrity === 'crc32c' && wholeFileChecksum ? { integrity_checksum: wholeFileChecksum } : {}) }
      let answer: Record<string, unknown>
      try {
        answer = expectObject(await call(uploadPath(session, 'complete'), signal, body), 'complete')
      } catch (error) {
        // Read here, not in the error table: a 409 to complete is not a failure but the news that
        // this upload was completed already (an earlier attempt whose answer was lost, or a page
        // closed while completing). Registered is done; Corrupt means the bytes differed.
        const completed = completedBefore(error)
        if (completed === 'registered') return resultOf(session, {})
        if (completed === 'corrupt') throw corrupt(error)
        throw error
      }
      return resultOf(session, answer)
    },

    async abortUpload(session, { signal }) {
      await call(uploadPath(session, 'abort'), signal)
    },

    // Ids only: URLs expire and are asked for again; tokens of checkpointed parts live on the
    // server. The file's uid and name (and whether complete takes a checksum) let a resume that
    // finds the upload completing finish it without initiating a new one.
    persistSession: (session) => ({ uploadId: session.uploadId, fileUid: session.fileUid ?? null, fileName: session.fileName, integrity: session.integrity }),

    async resumeUpload(stored, file, { signal }) {
      const snapshot = expectObject(stored.snapshot, 'stored Archetype session')
      const storedId = expectString(snapshot, 'uploadId', 'stored')
      if (everyPartStored(stored, true)) {
        // Every part was stored: the page closed while completing. Initiating would start a new
        // upload if the old one completed, so complete the stored one again instead (409 = it was).
        const session = storedSession(storedId, snapshot, file)
        return { session, plan: [...stored.plan], done: storedReceipts(stored) }
      }
      let started: Awaited<ReturnType<typeof initiate>>
      try {
        started = await initiate(file, true, signal)
      } catch (error) {
        // 409: an upload of this name is in progress with another type or size; start anew.
        if (error instanceof UploadError && error.status === 409) return null
        throw error
      }
      const { session, parts, numParts, isResume } = started
      const urls = parts.map((p) => p.url)
      // Nothing was in progress any more, so the server began a fresh upload: use it.
      if (!isResume) return { session, plan: serverPlan(parts, file.size, numParts), done: [], urls }
      // The server names only the parts it has no checkpoint for; the rest of the plan is ours.
      const plan: PartPlan[] = [...stored.plan]
      if (session.uploadId !== storedId || plan.length !== numParts || !matchesPlan(parts, plan)) return null
      checkPlan(plan, file.size)
      const pending = new Set(parts.map((p) => p.number))
      // A part the storage acknowledged (its part token is on record) whose checkpoint the page
      // did not live to send is not pending for us: it is sent with its token at complete, never
      // uploaded again. Parts with no token on record are sent again.
      const recorded = new Map(stored.receipts.filter((r) => r.token).map((r) => [r.number, r]))
      const done: PartReceipt[] = []
      for (const part of plan) {
        const receipt = recorded.get(part.number)
        if (!pending.has(part.number)) {
          session.checkpointed.add(part.number)
          done.push({ number: part.number, size: part.size })
        } else if (receipt && receipt.size === part.size) {
          done.push(receipt)
        }
      }
      return { session, plan, done, urls }
    },
  }
}

/** The session a resume rebuilds from what was persisted, with no URL (every part is stored). */
function storedSession(uploadId: string, snapshot: Record<string, unknown>, file: FileInfo): ArchetypeSession {
  return {
    uploadId,
    fileUid: typeof snapshot.fileUid === 'string' ? snapshot.fileUid : undefined,
    fileName: typeof snapshot.fileName === 'string' ? snapshot.fileName : file.name,
    integrity: snapshot.integrity === 'crc32c' ? 'crc32c' : 'none',
    checkpointed: new Set(),
  }
}

function resultOf(session: ArchetypeSession, answer: Record<string, unknown>): ArchetypeResult {
  const fileUid = typeof answer.file_uid === 'string' ? answer.file_uid : session.fileUid
  if (!fileUid) throw badResponse('complete.file_uid is missing')
  return {
    key: fileUid,
    fileUid,
    fileName: typeof answer.file_name === 'string' ? answer.file_name : session.fileName,
    fileStatus: typeof answer.file_status === 'string' ? answer.file_status : 'Registered',
  }
}

/** A 409 at complete: the upload was completed before, Registered or Corrupt (archetypeai.md §3.6, README rule 6). */
function completedBefore(error: unknown): 'registered' | 'corrupt' | undefined {
  if (!(error instanceof UploadError) || error.status !== 409) return undefined
  return /corrupt/i.test(error.message) ? 'corrupt' : 'registered'
}

/** Every part the server still wants lies exactly where the stored plan has it. */
function matchesPlan(parts: readonly ArchetypePart[], plan: readonly PartPlan[]): boolean {
  const byNumber = new Map(plan.map((p) => [p.number, p]))
  return parts.every((p) => byNumber.get(p.number)?.offset === p.offset && byNumber.get(p.number)?.size === p.length)
}

/** A 409 saying Corrupt: the bytes differed; the upload starts over. */
function corrupt(error: unknown): UploadError {
  return new UploadError({
    code: 'session-lost',
    message: 'Archetype found that the stored bytes do not match the file (CRC32C) and marked the upload Corrupt; starting over.',
    ...(error instanceof UploadError && error.status !== undefined ? { status: error.status } : {}),
    cause: error,
  })
}
