import { type ErrorTable, type IssuedUrl, type PartPlan, type PartReceipt, type ProviderLimits, UploadError, type UploadProvider } from '@uplink/core'
import { STORAGE_ERRORS, etagReceipt, isHttpUrl, storagePut } from '../http/presigned-part'
import { type TokenSupplier, requestJson } from '../http/json-request'
import { everyPartStored, storedReceipts } from '../http/stored-upload'
import { badResponse, expectObject, expectString } from '../http/validate'
import { type S3Checksum, engineAlgorithm, partChecksumValue, s3Algorithm } from './checksum'
import { S3_LIMITS } from './limits'
import { type S3Session, newSession } from './session'
import { uploadParams } from './upload-params'

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
  limits?: Partial<ProviderLimits>
  metadata?: Record<string, string>
  fetch?: typeof fetch
}

/**
 * The plan the signer fixed (createS3Signer answers partSize and partCount; a signer without
 * them leaves the engine's plan), checked to cover the file exactly.
 */
function signerPlan(answer: Record<string, unknown>, size: number, maxParts: number): PartPlan[] | undefined {
  const { partSize, partCount } = answer
  if (partSize === undefined && partCount === undefined) return undefined
  const count = typeof partCount === 'number' && Number.isSafeInteger(partCount) && partCount >= 1 && partCount <= maxParts ? partCount : 0
  const length = typeof partSize === 'number' && Number.isSafeInteger(partSize) && partSize >= 0 ? partSize : -1
  const covers = count > 0 && length >= 0 && (size === 0 ? count === 1 : length > 0 && Math.ceil(size / length) === count)
  if (!covers) throw badResponse(`create: a plan of ${String(partCount)} parts of ${String(partSize)} bytes does not fit a file of ${size} bytes`)
  return Array.from({ length: count }, (_, i) => ({ number: i + 1, offset: i * length, size: Math.min(length, size - i * length) }))
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
  // Object keys of single-request uploads, by file, between request() and result().
  const singleKeys = new WeakMap<object, string>()
  const partChecksum = engineAlgorithm(checksum)

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
        return signedUrls(await call(`/s3/multipart/${encodeURIComponent(session.uploadId)}/batch?${query}`, 'GET', signal), parts.map((p) => p.number))
      },
    },
    ...(options.singleRequestMaxSize === 0
      ? {}
      : {
          singleRequest: {
            // One presigned PutObject: S3 takes up to 5 GiB in one PUT; the engine's threshold decides.
            maxSize: options.singleRequestMaxSize ?? S3_LIMITS.maxPartSize,
            async request(file, part, { signal }) {
              const value = partChecksumValue(part, checksum)
              const answer = expectObject(
                await call('/s3/object', 'POST', signal, { ...describeFile(file), ...(algorithm && value ? { checksum: value } : {}) }),
                'object',
              )
              const key = expectString(answer, 'key', 'object')
              singleKeys.set(file, key)
              const signed = typeof answer.headers === 'object' && answer.headers !== null ? (answer.headers as Record<string, string>) : {}
              return {
                method: 'PUT' as const,
                url: expectString(answer, 'url', 'object'),
                headers: { 'Content-Type': file.type || 'application/octet-stream', ...integrityHeaders(part), ...signed },
              }
            },
            result(file, response) {
              const etag = response.header('ETag')
              const key = singleKeys.get(file) ?? file.name
              return { location: key, key, ...(etag ? { etag } : {}) }
            },
          },
        }),

    async createUpload(file, plan, { signal }) {
      // The signer fixes the plan from the declared size and the part size asked for; its plan
      // (the same one when the limits agree) is the one to follow: it signs exactly those lengths.
      const asked = plan[0]?.size ? { partSize: plan[0].size } : {}
      const answer = expectObject(await call('/s3/multipart', 'POST', signal, { ...describeFile(file), ...asked }), 'create')
      const fixed = signerPlan(answer, file.size, S3_LIMITS.maxParts)
      const token = answer.token === undefined ? undefined : expectString(answer, 'token', 'create')
      const session = newSession(expectString(answer, 'key', 'create'), expectString(answer, 'uploadId', 'create'), token, (fixed ?? plan).length)
      return fixed ? { session, plan: fixed } : { session }
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
      const answer = expectObject(
        await call(`/s3/multipart/${encodeURIComponent(session.uploadId)}/complete?${uploadParams(session)}`, 'POST', signal, { parts }),
        'complete',
      )
      const location = typeof answer.location === 'string' ? answer.location : session.key
      return { location, key: session.key, ...(typeof answer.etag === 'string' ? { etag: answer.etag } : {}) }
    },

    async abortUpload(session, { signal }) {
      await call(`/s3/multipart/${uploadQuery(session)}`, 'DELETE', signal)
    },

    persistSession: (session) => ({ key: session.key, uploadId: session.uploadId, partCount: session.partCount, ...(session.token ? { token: session.token } : {}) }),

    async resumeUpload(stored, _file, { signal }) {
      const snapshot = expectObject(stored.snapshot, 'stored session')
      const token = snapshot.token === undefined ? undefined : expectString(snapshot, 'token', 'stored')
      const session = newSession(expectString(snapshot, 'key', 'stored'), expectString(snapshot, 'uploadId', 'stored'), token, stored.plan.length)
      let listed: unknown
      try {
        listed = await call(`/s3/multipart/${uploadQuery(session)}`, 'GET', signal)
      } catch (error) {
        // 403: the token expired or is not this user's any more; 404: the upload is gone.
        if (!(error instanceof UploadError && (error.status === 403 || error.status === 404 || error.status === 501 || error.status === 405))) throw error
        // Gone with every part stored: the page closed while completing. Complete again (the
        // signer then finds the object), never upload again; an aborted upload starts over there.
        return error.status === 404 && everyPartStored(stored, true) ? { session, done: storedReceipts(stored) } : null
      }
      if (!Array.isArray(listed)) throw badResponse('the part list is not a list')
      // Server truth: keep only parts whose size matches the plan (a torn part is sent again);
      // their checksums come from what was stored when they were sent.
      const sizes = new Map(stored.plan.map((p) => [p.number, p.size]))
      const storedChecksums = new Map(stored.receipts.map((r) => [r.number, r.checksum]))
      const done: PartReceipt[] = []
      for (const raw of listed) {
        const part = expectObject(raw, 'listed part')
        const number = part.PartNumber
        const etag = part.ETag
        if (typeof number !== 'number' || typeof etag !== 'string') throw badResponse('a listed part lacks PartNumber or ETag')
        if (sizes.get(number) !== part.Size) continue
        const partChecksumValue = storedChecksums.get(number)
        if (algorithm && !partChecksumValue) continue // its checksum is unknown: send it again
        done.push({ number, size: part.Size as number, token: etag, ...(partChecksumValue ? { checksum: partChecksumValue } : {}) })
      }
      return { session, done }
    },
  }
}

/** The signer's batch answer: `{presignedUrls: {n: url}, headers?: {n: {…}}, expiresAt?}`, one URL per part asked for. */
function signedUrls(answer: unknown, numbers: readonly number[]): IssuedUrl[] {
  const batch = expectObject(answer, 'batch')
  const urls = expectObject(batch.presignedUrls, 'batch.presignedUrls')
  const headers = batch.headers === undefined ? {} : expectObject(batch.headers, 'batch.headers')
  const expiresAt = typeof batch.expiresAt === 'number' ? batch.expiresAt : undefined
  return numbers.map((number) => {
    const url = urls[String(number)]
    if (!isHttpUrl(url)) throw badResponse(`no URL for part ${number}`)
    // A SigV4 URL says its own lifetime (read against our clock); the signer's expiresAt is its clock's.
    const dated = expiresAt !== undefined && !/[?&]X-Amz-Expires=/.test(url)
    return { number, url, headers: stringHeaders(headers[String(number)]), ...(dated ? { expiresAt } : {}) }
  })
}

function stringHeaders(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {}
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'))
}
