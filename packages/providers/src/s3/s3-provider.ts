import type { ErrorTable, FileInfo, ProviderContext, ProviderLimits, UploadProvider } from '@uplink/core'
import { STORAGE_ERRORS, etagReceipt, storagePut } from '../http/presigned-part'
import { type TokenSupplier, requestJson } from '../http/json-request'
import { badResponse } from '../http/validate'
import { type S3Checksum, engineAlgorithm, partChecksumValue, s3Algorithm } from './checksum'
import { S3_LIMITS } from './limits'
import type { S3Session } from './session'
import { uploadParams } from './upload-params'

/** How the signer's answers are read: loaded with the first call (see s3-answers.ts). */
const answers = () => import('./s3-answers')

export interface S3ProviderOptions {
  /** Base URL of the signer backend (the routes of s3.md §1 live below it). */
  signerUrl: string
  /** Bearer token for the signer, if it wants one. Never stored. */
  getToken?: TokenSupplier
  /**
   * Per-part integrity check the store verifies: Content-MD5 (default; every S3 store checks it),
   * or an S3 additional checksum (CRC32C, SHA-256) signed into each part's URL.
   */
  checksum?: S3Checksum
  /** How many part URLs to ask the signer for in one call (without additional checksums). */
  signBatchSize?: number
  /** Fetch a fresh URL when one expires within this many ms. */
  expiryMarginMs?: number
  /** Files up to this size go as one presigned PutObject (POST /s3/object on the signer); 0 turns it off. */
  singleRequestMaxSize?: number
  /**
   * Sign the URLs of many small files in one call (POST /s3/objects, which createS3Signer has),
   * ahead of sending them (default true). A signer without that route answers 404 and the
   * adapter goes back to one call per file by itself; false never tries.
   */
  signManyObjects?: boolean
  limits?: Partial<ProviderLimits>
  metadata?: Record<string, string>
  fetch?: typeof fetch
}

/** What S3's answers mean beyond the engine's defaults (expired URLs, BadDigest, 5xx, …). */
const S3_ERRORS: ErrorTable = [
  ...STORAGE_ERRORS,
  // The signer passes S3's NoSuchUpload on as 404 no-such-upload (at complete: neither an open
  // upload nor an object of the declared size).
  { on: 'call', status: 404, code: 'no-such-upload', means: 'session-lost' },
]

/** The signer presigns at most this many part URLs per call (createS3Signer's cap). */
const SIGNER_MAX_BATCH = 100

/**
 * S3 multipart through presigned URLs, with a signer backend holding the credentials
 * (s3.md §1). ETags are kept verbatim; an upload the store no longer knows starts over.
 */
export function createS3Provider(options: S3ProviderOptions): UploadProvider<S3Session> {
  const base = options.signerUrl.replace(/\/+$/, '')
  const checksum: S3Checksum = options.checksum ?? 'md5'
  const algorithm = s3Algorithm(checksum)
  const call = (path: string, method: 'GET' | 'POST' | 'DELETE', signal: AbortSignal, body?: unknown) =>
    requestJson(`${base}${path}`, { method, body, signal, getToken: options.getToken, fetch: options.fetch, errors: S3_ERRORS })
  const uploadQuery = (session: S3Session) => `${encodeURIComponent(session.uploadId)}?${uploadParams(session)}`
  const describeFile = (file: { name: string; relativePath?: string; type: string; size: number }) => ({
    filename: file.relativePath ?? file.name,
    type: file.type || 'application/octet-stream',
    size: file.size,
    metadata: options.metadata ?? {},
    ...(algorithm ? { checksumAlgorithm: algorithm } : {}),
  })
  /** Content-MD5 travels as a plain header; additional checksums come signed with the URL. */
  const integrityHeaders = (part: Parameters<typeof partChecksumValue>[0]): Record<string, string> =>
    checksum === 'md5' && part.checksums.md5 ? { 'Content-MD5': part.checksums.md5.base64 } : {}
  // Each single-request upload's object (its key, and its URL: the presigned one without its
  // signature), by file, between request() and result().
  const singleObjects = new WeakMap<object, { key: string; url: string }>()
  const partChecksum = engineAlgorithm(checksum)
  // What this adapter learnt of its signer: whether it has POST /s3/objects (createS3Signer does).
  const signer = { signsMany: true }

  return {
    name: 's3',
    limits: { ...S3_LIMITS, ...options.limits },
    errors: S3_ERRORS,
    ...(partChecksum ? { partChecksum } : {}),
    partUrls: {
      batchSize: Math.max(1, options.signBatchSize ?? 10),
      maxBatch: SIGNER_MAX_BATCH,
      ...(options.expiryMarginMs === undefined ? {} : { marginMs: options.expiryMarginMs }),
      // With an additional checksum, each part's value is signed into its URL (s3.md §4).
      signsChecksum: algorithm !== undefined,
      async fetch(session, parts, { signal }) {
        let query = `${uploadParams(session)}&partNumbers=${parts.map((p) => p.number).join(',')}`
        if (algorithm) {
          const values = parts.map((p) => p.checksums?.[engineAlgorithm(checksum)!]?.base64)
          if (values.some((v) => !v)) throw badResponse(`a part to sign has no ${algorithm} checksum`)
          query += `&checksumAlgorithm=${algorithm}&checksums=${encodeURIComponent(values.join(','))}`
        }
        const answer = await call(`/s3/multipart/${encodeURIComponent(session.uploadId)}/batch?${query}`, 'GET', signal)
        return (await answers()).signedUrls(answer, parts.map((p) => p.number))
      },
    },
    ...(options.singleRequestMaxSize === 0
      ? {}
      : {
          singleRequest: {
            // One presigned PutObject: S3 takes up to 5 GiB in one PUT; the engine's threshold decides.
            maxSize: options.singleRequestMaxSize ?? S3_LIMITS.maxPartSize,
            // Without an additional checksum nothing per file is signed into its URL: the signer signs
            // the next small files in one call (POST /s3/objects), the engine keeps their URLs.
            ...(algorithm || options.signManyObjects === false
              ? {}
              : {
                  urls: {
                    maxBatch: SIGNER_MAX_BATCH,
                    ...(options.expiryMarginMs === undefined ? {} : { marginMs: options.expiryMarginMs }),
                    async fetch(files: ReadonlyArray<{ file: FileInfo }>, { signal }: ProviderContext) {
                      const post = (path: string, body: unknown) => call(path, 'POST', signal, body)
                      return (await answers()).signObjects(files.map(({ file }) => describeFile(file)), post, signer, S3_ERRORS)
                    },
                  },
                }),
            async request(file, part, { signal, url }) {
              if (url) {
                singleObjects.set(file, { key: url.key ?? file.name, url: url.url.split('?')[0]! })
                return { method: 'PUT' as const, url: url.url, headers: { 'Content-Type': file.type || 'application/octet-stream', ...integrityHeaders(part), ...url.headers } }
              }
              const value = partChecksumValue(part, checksum)
              const answer = await call('/s3/object', 'POST', signal, { ...describeFile(file), ...(algorithm && value ? { checksum: value } : {}) })
              const object = (await answers()).presignedObject(answer)
              singleObjects.set(file, { key: object.key, url: object.url.split('?')[0]! })
              return {
                method: 'PUT' as const,
                url: object.url,
                headers: { 'Content-Type': file.type || 'application/octet-stream', ...integrityHeaders(part), ...object.headers },
              }
            },
            result(file, response) {
              const etag = response.header('ETag')
              const object = singleObjects.get(file)
              if (!object) throw badResponse('a single-request upload finished that this adapter did not start')
              return { ...object, ...(etag ? { etag } : {}) }
            },
          },
        }),

    async createUpload(file, plan, { signal }) {
      // The signer fixes the plan from the declared size and the part size asked for; its plan
      // (the same one when the limits agree) is the one to follow: it signs exactly those lengths.
      const asked = plan[0]?.size ? { partSize: plan[0].size } : {}
      const answer = await call('/s3/multipart', 'POST', signal, { ...describeFile(file), ...asked })
      return (await answers()).createdSession(answer, file.size, plan, S3_LIMITS.maxParts)
    },

    // The presigned URL with its signed headers, and Content-MD5 where that is the check.
    partRequest: (_session, part, { url }) => {
      const request = storagePut(url!)
      return { ...request, headers: { ...integrityHeaders(part), ...request.headers } }
    },

    partReceipt(_session, part, response) {
      const receipt = etagReceipt(part, response)
      const value = algorithm ? partChecksumValue(part, checksum) : undefined
      return value ? { ...receipt, checksum: value } : receipt
    },

    async completeUpload(session, receipts, { signal }) {
      const parts = [...receipts]
        .sort((a, b) => a.number - b.number)
        .map((r) => ({ PartNumber: r.number, ETag: r.token, ...(algorithm && r.checksum ? { [`Checksum${algorithm}`]: r.checksum } : {}) }))
      // Sent again after a lost answer (or by a resume), the signer finds the object by HEAD.
      const answer = await call(`/s3/multipart/${encodeURIComponent(session.uploadId)}/complete?${uploadParams(session)}`, 'POST', signal, { parts })
      return (await answers()).completedObject(answer, session)
    },

    async abortUpload(session, { signal }) {
      await call(`/s3/multipart/${uploadQuery(session)}`, 'DELETE', signal)
    },

    persistSession: (session) => ({ key: session.key, uploadId: session.uploadId, partCount: session.partCount, ...(session.token ? { token: session.token } : {}) }),

    async resumeUpload(stored, _file, { signal }) {
      return (await answers()).resumeS3Upload(stored, algorithm, (path) => call(path, 'GET', signal))

    },
  }
}
