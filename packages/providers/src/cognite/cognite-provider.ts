import { type ErrorTable, type ProviderContext, type ProviderLimits, UploadError, type StoredObject, type UploadProvider } from '@uplink/core'
import { type TokenSupplier, requestJson } from '../http/json-request'
import { everyPartStored, storedReceipts } from '../http/stored-upload'
import { badResponse, expectObject, expectString } from '../http/validate'
import { COGNITE_LIMITS, COGNITE_MAX_CONCURRENCY, COGNITE_URL_LIFETIME_MS } from './limits'
import { checkCognitePlan, partUrlsOf } from './part-plan'

/** File fields `initmultipartupload` takes besides `name` (cognite.md §3.1). */
export interface CogniteFileFields {
  name?: string
  externalId?: string
  directory?: string
  source?: string
  mimeType?: string
  metadata?: Record<string, string>
  assetIds?: number[]
  dataSetId?: number
  sourceCreatedTime?: number
  sourceModifiedTime?: number
  securityCategories?: number[]
  labels?: Array<{ externalId: string }>
}

export interface CogniteProviderOptions {
  /** `https://{cluster}.cognitedata.com/api/v1/projects/{project}` */
  baseUrl: string
  /** OIDC access token for CDF. Sent to the CDF API only, never to the part URLs; never stored. */
  getToken: TokenSupplier
  /** Extra file fields per file (externalId, directory, dataSetId, …); `name` defaults to the file name. */
  fileFields?: (file: { name: string; type: string; relativePath?: string | undefined }) => CogniteFileFields
  /** Replace the metadata of an existing file with the same externalId (`overwrite=true`). */
  overwrite?: boolean
  /**
   * After completion CDF flips `uploaded` to true asynchronously: wait up to this long for it
   * (polling `GET /files/{id}`), then report `uploaded` in the result either way. 0 = don't wait.
   */
  waitForUploadedMs?: number
  /**
   * Cognite has no abort. When true, cancelling deletes the file resource (`POST /files/delete`),
   * the practical abort the write-up INFERS. Ignored with `overwrite` (it would delete the
   * existing file). Default false: an abandoned upload is removed by CDF after a week.
   */
  deleteFileOnAbort?: boolean
  limits?: Partial<ProviderLimits>
  fetch?: typeof fetch
}

export interface CogniteSession {
  id: number
  uploadId: string
  /** Part i+1 goes to uploadUrls[i]. */
  uploadUrls: string[]
  /** Epoch ms after which the URLs are dead (a week after initiate); there is no refresh. */
  expiresAt: number
}

/**
 * What Cognite's answers mean beyond the engine's defaults. A part URL of a session storage no
 * longer knows is a 404; at completion a 400 naming missing parts means parts we were told
 * arrived are not there, and Cognite cannot list them: start over.
 */
const COGNITE_ERRORS: ErrorTable = [
  { on: 'part', status: 404, means: 'session-lost', message: 'The storage no longer knows this upload; starting a new one.' },
  { on: 'call', status: 400, body: /not all parts|missing part/i, means: 'session-lost' },
]

/** Resume only with at least this much URL lifetime left. */
const RESUME_MARGIN_MS = 3600_000

/**
 * Cognite Data Fusion Files multipart (cognite.md): N fixed at initiate, one URL per part
 * addressed by position, parts PUT straight to cloud storage without the CDF token, no part
 * tokens, complete with {id, uploadId}; `uploaded` becomes true eventually.
 */
export function createCogniteProvider(options: CogniteProviderOptions): UploadProvider<CogniteSession> {
  const base = options.baseUrl.replace(/\/+$/, '')
  const call = (path: string, method: 'GET' | 'POST', signal: AbortSignal, body?: unknown) =>
    requestJson(`${base}${path}`, { method, body, signal, getToken: options.getToken, fetch: options.fetch })
  const waitMs = options.waitForUploadedMs ?? 10_000

  const readFile = async (id: number, signal: AbortSignal) => expectObject(await call(`/files/${id}`, 'GET', signal), 'file')

  const provider: UploadProvider<CogniteSession> = {
    name: 'cognite',
    limits: { ...COGNITE_LIMITS, ...options.limits },
    maxConcurrency: COGNITE_MAX_CONCURRENCY,
    errors: COGNITE_ERRORS,
    // Every URL comes with initiate and lives a week; none can be renewed (cognite.md §4), so
    // the engine starts a new upload when one expires.
    partUrls: { maxBatch: Infinity, lifetimeMs: COGNITE_URL_LIFETIME_MS },
    // `uploaded` flips to true some time after the completion: ask until it does (or give up waiting).
    ...(waitMs > 0
      ? {
          settle: {
            withinMs: waitMs,
            check: async (session: CogniteSession, result: StoredObject, { signal }: ProviderContext) =>
              (await readFile(session.id, signal)).uploaded === true ? { ...result, uploaded: true } : undefined,
          },
        }
      : {}),

    async createUpload(file, plan, { signal }) {
      const parts = checkCognitePlan(plan)
      const fields: CogniteFileFields = { name: file.name, ...(file.type ? { mimeType: file.type } : {}), ...options.fileFields?.(file) }
      const query = `parts=${parts}${options.overwrite ? '&overwrite=true' : ''}`
      const answer = expectObject(await call(`/files/initmultipartupload?${query}`, 'POST', signal, fields), 'initmultipartupload')
      // The OpenAPI wraps the file in items[]; the SDKs (and CDF in practice) answer it flat.
      const item = Array.isArray(answer.items) ? expectObject(answer.items[0], 'initmultipartupload.items[0]') : answer
      const id = item.id
      if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) throw badResponse('initmultipartupload.id is not a file id')
      const urls = item.uploadUrls
      if (!Array.isArray(urls) || urls.length !== parts || !urls.every((u) => typeof u === 'string' && /^https?:\/\//.test(u))) {
        throw badResponse(`initmultipartupload.uploadUrls is not a list of ${parts} URLs`)
      }
      const session: CogniteSession = { id, uploadId: expectString(item, 'uploadId', 'initmultipartupload'), uploadUrls: urls as string[], expiresAt: Date.now() + COGNITE_URL_LIFETIME_MS }
      return { session, urls: partUrlsOf(session.uploadUrls, session.expiresAt) }
    },

    // A presigned storage URL: no CDF token, no custom headers (README rule 9).
    partRequest: (_session, _part, { url }) => ({ method: 'PUT', url: url!.url, headers: {} }),

    // 200 or 201 with nothing to keep: the part is known by its position.
    partReceipt: (_session, part) => ({ number: part.number, size: part.size }),

    async completeUpload(session, _receipts, { signal }) {
      try {
        await call('/files/completemultipartupload', 'POST', signal, { id: session.id, uploadId: session.uploadId })
      } catch (error) {
        // Read here, not in the error table: this 400 is the news that a completion sent before
        // (its answer lost) went through, so the upload is done.
        if (!(error instanceof UploadError && error.status === 400 && /already been completed|already completed/i.test(error.message))) throw error
      }
      return { key: String(session.id), id: session.id, uploaded: false }
    },

    // Starting over (URLs expired): the old file resource has no content; delete it, unless it
    // is an existing file this upload overwrote, which is left as it was.
    ...(options.overwrite
      ? {}
      : {
          async discardUpload(session: CogniteSession, { signal }: ProviderContext) {
            await call('/files/delete', 'POST', signal, { items: [{ id: session.id }], ignoreUnknownIds: true })
          },
        }),

    persistSession: (session) => ({ id: session.id, uploadId: session.uploadId, uploadUrls: session.uploadUrls, expiresAt: session.expiresAt }),

    async resumeUpload(stored, _file, { signal }) {
      const snapshot = expectObject(stored.snapshot, 'stored session')
      const { id, uploadUrls, expiresAt } = snapshot
      if (typeof id !== 'number' || typeof expiresAt !== 'number' || !Array.isArray(uploadUrls)) return null
      const session: CogniteSession = { id, uploadId: expectString(snapshot, 'uploadId', 'stored'), uploadUrls: uploadUrls as string[], expiresAt }
      // With every part stored the page closed while completing: no URL is needed any more,
      // only the completion (sent again; "already completed" counts as done).
      const completing = everyPartStored(stored, false)
      const expired = !completing && (expiresAt - RESUME_MARGIN_MS < Date.now() || uploadUrls.length !== stored.plan.length)
      // Cognite cannot list parts: trust the stored receipts, but make sure the file is still
      // there (deleted means start over). An uploaded file was completed: every part is done.
      let uploaded: boolean
      try {
        uploaded = (await readFile(id, signal)).uploaded === true
      } catch (error) {
        if (error instanceof UploadError && (error.status === 400 || error.status === 404)) return null
        throw error
      }
      if (uploaded) return { session, done: stored.plan.map((p) => ({ number: p.number, size: p.size })) }
      if (expired) {
        // Its URLs cannot be renewed: a new file is started, and this one, never completed, is
        // deleted (best effort) so a resume after the URLs expired leaves no empty file behind.
        // Not with overwrite: the resource is then the existing file, kept until the new upload.
        if (!options.overwrite) await call('/files/delete', 'POST', signal, { items: [{ id }], ignoreUnknownIds: true }).catch(() => undefined)
        return null
      }
      if (completing) return { session, done: storedReceipts(stored) }
      const known = new Set(stored.plan.map((p) => p.number))
      return { session, done: stored.receipts.filter((r) => known.has(r.number)), urls: partUrlsOf(session.uploadUrls, expiresAt) }
    },
  }

  if (options.deleteFileOnAbort && !options.overwrite) {
    provider.abortUpload = async (session, { signal }) => {
      await call('/files/delete', 'POST', signal, { items: [{ id: session.id }], ignoreUnknownIds: true })
    }
  }
  return provider
}
