import { type ErrorTable, type IssuedUrl, type PartReceipt, type PartRequest, type PartResponse, type PreparedPart, UploadError } from '@uplink/core'

/**
 * Helpers for part PUTs to presigned S3-compatible storage URLs (S3 itself, and the storage
 * Drime, Archetype and Gjirafa hand out): the request, the ETag receipt, and what the storage's
 * answers mean. Nothing here sends vendor credentials: a storage URL carries its own signature.
 */

/** A PUT to a presigned storage URL: no Authorization, nothing but the headers the URL was signed with. */
export function storagePut(url: Pick<IssuedUrl, 'url' | 'headers' | 'expiresAt'>): PartRequest {
  return { method: 'PUT', url: url.url, headers: { ...url.headers }, ...(url.expiresAt === undefined ? {} : { expiresAt: url.expiresAt }) }
}

/** The part's ETag, verbatim (quotes kept), or the typed error for a bucket that hides it. */
export function etagReceipt(part: PreparedPart, response: PartResponse): PartReceipt {
  const etag = response.header('ETag')
  if (!etag) {
    throw new UploadError({
      code: 'etag-not-exposed',
      message:
        'The storage accepted the part but its ETag is not readable. The bucket CORS rule must expose the ETag header (ExposeHeaders: ["ETag"]).',
      status: response.status,
    })
  }
  return { number: part.number, size: part.size, token: etag }
}

/** S3-compatible storage: 404 NoSuchUpload means the upload was aborted, completed or expired: start over. */
export const STORAGE_ERRORS: ErrorTable = [{ on: 'part', status: 404, code: 'NoSuchUpload', means: 'session-lost' }]

/** Only an http(s) URL is acceptable for a part PUT. */
export function isHttpUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\//i.test(value)
}
