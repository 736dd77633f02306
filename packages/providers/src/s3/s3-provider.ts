import { UploadError, type PartReceipt, type PartRequest, type ProviderLimits, type UploadProvider } from '@uplink/core'
import { type TokenSupplier, requestJson } from '../http/json-request'
import { badResponse, expectObject, expectString } from '../http/validate'
import { S3_LIMITS } from './limits'

export interface S3ProviderOptions {
  /** Base URL of the signer backend (the routes of s3.md §1 live below it). */
  signerUrl: string
  /** Bearer token for the signer, if it wants one. Never stored. */
  getToken?: TokenSupplier
  /** Per-part integrity check: Content-MD5, which every S3 store verifies (BadDigest). */
  checksum?: 'md5' | 'none'
  /** How many part URLs to ask the signer for in one call. */
  signBatchSize?: number
  /** Fetch a fresh URL when one expires within this many ms. */
  expiryMarginMs?: number
  /** Files up to this size go as one presigned PutObject (POST /s3/object on the signer); 0 turns it off. */
  singleRequestMaxSize?: number
  limits?: Partial<ProviderLimits>
  metadata?: Record<string, string>
  fetch?: typeof fetch
}

export interface S3Session {
  key: string
  uploadId: string
  partCount: number
  urls: Map<number, { url: string; expiresAt: number | undefined }>
  signing: Map<number, Promise<void>>
}

function newSession(key: string, uploadId: string, partCount: number): S3Session {
  return { key, uploadId, partCount, urls: new Map(), signing: new Map() }
}

/**
 * S3 multipart through presigned URLs, with a signer backend holding the credentials
 * (s3.md §1). Part URLs are signed in batches ahead of need; ETags are kept verbatim.
 */
export function createS3Provider(options: S3ProviderOptions): UploadProvider<S3Session> {
  const base = options.signerUrl.replace(/\/+$/, '')
  const batchSize = Math.max(1, options.signBatchSize ?? 10)
  const margin = options.expiryMarginMs ?? 60_000
  // Object keys of single-request uploads, by file, between request() and result().
  const singleKeys = new WeakMap<object, string>()
  const call = (path: string, method: 'GET' | 'POST' | 'DELETE', signal: AbortSignal, body?: unknown) =>
    requestJson(`${base}${path}`, { method, body, signal, getToken: options.getToken, fetch: options.fetch })

  async function signBatch(session: S3Session, numbers: number[], signal: AbortSignal): Promise<void> {
    const query = `key=${encodeURIComponent(session.key)}&partNumbers=${numbers.join(',')}`
    const answer = expectObject(await call(`/s3/multipart/${encodeURIComponent(session.uploadId)}/batch?${query}`, 'GET', signal), 'batch')
    const urls = expectObject(answer.presignedUrls, 'batch.presignedUrls')
    const expiresAt = typeof answer.expiresAt === 'number' ? answer.expiresAt : undefined
    for (const number of numbers) {
      const url = urls[String(number)]
      if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw badResponse(`no URL for part ${number}`)
      session.urls.set(number, { url, expiresAt })
    }
  }

  return {
    name: 's3',
    limits: { ...S3_LIMITS, ...options.limits },
    ...(options.checksum === 'none' ? {} : { partChecksum: 'md5' as const }),
    ...(options.singleRequestMaxSize === 0
      ? {}
      : {
          singleRequest: {
            // One presigned PutObject: S3 takes up to 5 GiB in one PUT; the engine's threshold decides.
            maxSize: options.singleRequestMaxSize ?? S3_LIMITS.maxPartSize,
            async request(file, part, { signal }) {
              const answer = expectObject(
                await call('/s3/object', 'POST', signal, {
                  filename: file.relativePath ?? file.name,
                  type: file.type || 'application/octet-stream',
                  size: file.size,
                  metadata: options.metadata ?? {},
                }),
                'object',
              )
              const url = expectString(answer, 'url', 'object')
              const key = expectString(answer, 'key', 'object')
              const headers: Record<string, string> = { 'Content-Type': file.type || 'application/octet-stream' }
              if (part.checksums.md5) headers['Content-MD5'] = part.checksums.md5.base64
              singleKeys.set(file, key)
              return { method: 'PUT' as const, url, headers }
            },
            result(file, response) {
              const etag = response.header('ETag')
              const key = singleKeys.get(file) ?? file.name
              return { location: key, key, ...(etag ? { etag } : {}) }
            },
          },
        }),

    async createUpload(file, plan, { signal }) {
      const answer = expectObject(
        await call('/s3/multipart', 'POST', signal, {
          filename: file.relativePath ?? file.name,
          type: file.type || 'application/octet-stream',
          size: file.size,
          metadata: options.metadata ?? {},
        }),
        'create',
      )
      return { session: newSession(expectString(answer, 'key', 'create'), expectString(answer, 'uploadId', 'create'), plan.length) }
    },

    async partRequest(session, part, { signal, reason }) {
      const refresh = reason === 'expired'
      const cached = session.urls.get(part.number)
      const fresh = cached && (cached.expiresAt === undefined || cached.expiresAt - margin > Date.now())
      if (refresh || !fresh) {
        if (refresh) session.urls.delete(part.number)
        let pending = session.signing.get(part.number)
        if (!pending) {
          // Sign this part and the next few that have no URL yet (wrapping round), in one call.
          const numbers = [part.number]
          for (let step = 1; step < session.partCount && numbers.length < batchSize; step++) {
            const n = ((part.number - 1 + step) % session.partCount) + 1
            if (!session.urls.has(n) && !session.signing.has(n)) numbers.push(n)
          }
          pending = signBatch(session, numbers, signal).finally(() => numbers.forEach((n) => session.signing.delete(n)))
          numbers.forEach((n) => session.signing.set(n, pending!))
        }
        await pending
      }
      const target = session.urls.get(part.number)
      if (!target) throw badResponse(`no URL for part ${part.number}`)
      const request: PartRequest = { method: 'PUT', url: target.url, headers: {} }
      if (target.expiresAt !== undefined) request.expiresAt = target.expiresAt
      const md5 = part.checksums.md5
      if (md5) request.headers['Content-MD5'] = md5.base64
      return request
    },

    partReceipt(_session, part, response) {
      const etag = response.header('ETag')
      if (!etag) {
        throw new UploadError({
          code: 'etag-not-exposed',
          message:
            'The storage accepted the part but its ETag is not readable. The bucket CORS rule must expose the ETag header (ExposeHeaders: ["ETag"]).',
        })
      }
      return { number: part.number, size: part.size, token: etag }
    },

    async completeUpload(session, receipts, { signal }) {
      const parts = [...receipts].sort((a, b) => a.number - b.number).map((r) => ({ PartNumber: r.number, ETag: r.token }))
      const path = `/s3/multipart/${encodeURIComponent(session.uploadId)}/complete?key=${encodeURIComponent(session.key)}`
      const answer = expectObject(await call(path, 'POST', signal, { parts }), 'complete')
      const location = typeof answer.location === 'string' ? answer.location : session.key
      return { location, key: session.key, ...(typeof answer.etag === 'string' ? { etag: answer.etag } : {}) }
    },

    classifyPartError(_session, _part, response) {
      // The upload is gone (aborted, completed, expired by a lifecycle rule): start over.
      if (response.status === 404 && /NoSuchUpload/.test(response.body)) {
        return new UploadError({ code: 'session-lost', message: 'The storage no longer knows this upload.', status: 404 })
      }
      return undefined
    },

    persistSession: (session) => ({ key: session.key, uploadId: session.uploadId, partCount: session.partCount }),

    async resumeUpload(stored, _file, { signal }) {
      const snapshot = expectObject(stored.snapshot, 'stored session')
      const session = newSession(expectString(snapshot, 'key', 'stored'), expectString(snapshot, 'uploadId', 'stored'), stored.plan.length)
      const path = `/s3/multipart/${encodeURIComponent(session.uploadId)}?key=${encodeURIComponent(session.key)}`
      let listed: unknown
      try {
        listed = await call(path, 'GET', signal)
      } catch (error) {
        if (error instanceof UploadError && (error.status === 404 || error.status === 501 || error.status === 405)) return null
        throw error
      }
      if (!Array.isArray(listed)) throw badResponse('the part list is not a list')
      // Server truth: keep only parts whose size matches the plan (a torn part is sent again).
      const sizes = new Map(stored.plan.map((p) => [p.number, p.size]))
      const done: PartReceipt[] = []
      for (const raw of listed) {
        const part = expectObject(raw, 'listed part')
        const number = part.PartNumber
        const etag = part.ETag
        if (typeof number !== 'number' || typeof etag !== 'string') throw badResponse('a listed part lacks PartNumber or ETag')
        if (sizes.get(number) === part.Size) done.push({ number, size: part.Size as number, token: etag })
      }
      return { session, done }
    },

    async abortUpload(session, { signal }) {
      const path = `/s3/multipart/${encodeURIComponent(session.uploadId)}?key=${encodeURIComponent(session.key)}`
      await call(path, 'DELETE', signal)
    },
  }
}
