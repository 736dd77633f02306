import { type ProviderLimits, UploadError, type UploadProvider, type UploadResult } from '@uplink/core'
import { type TokenSupplier, requestJson } from '../http/json-request'
import { type TimedUrl, etagReceipt, isNearExpiry, presignedExpiry, storageSessionLost, storagePut } from '../http/presigned-part'
import { expectObject, expectString } from '../http/validate'
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
  limits?: Partial<ProviderLimits>
  fetch?: typeof fetch
}

export interface GjirafaSession {
  requestKey: string
  uploadId: string
  uploadFileDetailsId: number | undefined
  fileName: string
  partCount: number
  urls: Map<number, TimedUrl>
  /** A multipart-resume call in flight, shared by every part that needs a fresh URL. */
  refreshing: Promise<void> | undefined
}

export interface GjirafaResult extends UploadResult {
  projectId: string
  fileName: string
  /** Handle of the upload for complete, abort and resume. */
  requestKey: string
  /** The storage's multipart upload id. */
  uploadId: string
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
  const margin = options.expiryMarginMs ?? 5 * 60_000
  const call = async (path: string, method: 'POST' | 'PUT', what: string, signal: AbortSignal, body: unknown) =>
    envelopeResult(await requestJson(`${base}${path}`, { method, body, signal, getToken: options.getToken, fetch: options.fetch }), what)

  /** Take in the URLs of an initiate or resume result. */
  const storeUrls = (session: GjirafaSession, result: Record<string, unknown>, what: string) => {
    const receivedAt = Date.now()
    const fallback = receivedAt + (hours ?? 12) * 3_600_000
    for (const { partNumber, url } of readPartUrls(result.presignedUrl, session.partCount, what)) {
      session.urls.set(partNumber, { url, receivedAt, expiresAt: presignedExpiry(url, receivedAt) ?? fallback })
    }
  }
  const resume = async (session: GjirafaSession, signal: AbortSignal) => {
    session.refreshing ??= (async () => {
      const result = expectObject(await call('/uploads/multipart-resume', 'POST', 'multipart-resume', signal, { requestKey: session.requestKey, ...expiry }), 'multipart-resume')
      storeUrls(session, result, 'multipart-resume')
    })().finally(() => {
      session.refreshing = undefined
    })
    await session.refreshing
  }

  return {
    name: 'gjirafa',
    limits: { ...GJIRAFA_LIMITS, ...options.limits },
    // partsNumber is fixed at initiate: the plan must never change afterwards.

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
        urls: new Map(),
        refreshing: undefined,
      }
      storeUrls(session, result, 'initiate')
      return { session }
    },

    async partRequest(session, part, { signal, reason }) {
      const cached = session.urls.get(part.number)
      if (reason === 'expired' || !cached || isNearExpiry(cached, Date.now(), margin)) {
        if (reason === 'expired') session.urls.delete(part.number)
        await resume(session, signal)
      }
      const target = session.urls.get(part.number)
      if (!target) throw new UploadError({ code: 'bad-response', message: `Gjirafa gave no URL for part ${part.number}.` })
      // Presigned storage URL: no Authorization and no other header (README item 7, rule 9).
      return storagePut(target)
    },

    partReceipt: (_session, part, response) => etagReceipt(part, response),

    classifyPartError: (_session, _part, response) => storageSessionLost(response),

    async completeUpload(session, receipts, { signal }) {
      // Every part, 1..N ascending, with exactly the keys `partNumber` and `eTag` (README rule 4).
      const parts = [...receipts].sort((a, b) => a.number - b.number).map((r) => ({ partNumber: r.number, eTag: r.token }))
      try {
        await call('/uploads/multipart-complete', 'PUT', 'multipart-complete', signal, { requestKey: session.requestKey, parts })
      } catch (error) {
        throw readMissingUpload(error)
      }
      const result: GjirafaResult = {
        location: session.requestKey,
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
        urls: new Map(),
        refreshing: undefined,
      }
      try {
        await resume(session, signal)
      } catch (error) {
        // Completed, aborted or unknown: "Result Not Found". Start over.
        if (error instanceof UploadError && error.status === 404) return null
        throw error
      }
      // No server listing: the parts this client saw acknowledged, with their ETags.
      const sizes = new Map(stored.plan.map((p) => [p.number, p.size]))
      const done = stored.receipts.filter((r) => r.token && sizes.get(r.number) === r.size)
      return { session, done: [...done] }
    },
  }
}

/** 404 at complete: the upload is no longer open ("Result Not Found"), so start over. */
function readMissingUpload(error: unknown): unknown {
  if (error instanceof UploadError && error.status === 404) {
    return new UploadError({ code: 'session-lost', message: 'Gjirafa no longer knows this upload (404).', status: 404, cause: error })
  }
  return error
}
