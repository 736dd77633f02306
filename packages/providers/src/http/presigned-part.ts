import { type PartReceipt, type PartRequest, type PartResponse, type PreparedPart, UploadError } from '@uplink/core'

/**
 * Helpers for part PUTs to presigned S3-compatible storage URLs handed out by a vendor API
 * (Drime, Archetype, Gjirafa): the ETag receipt, the storage's "upload gone" answer, and URL
 * lifetimes. Nothing here sends vendor credentials: storage URLs carry their own signature.
 */

/** A PUT to a presigned storage URL: no Authorization, no custom headers (the URL is the credential). */
export function storagePut(target: { url: string; expiresAt?: number | undefined }): PartRequest {
  return { method: 'PUT', url: target.url, headers: {}, ...(target.expiresAt === undefined ? {} : { expiresAt: target.expiresAt }) }
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

/** 404 NoSuchUpload on a part PUT: the upload was aborted, completed or expired, so start over. */
export function storageSessionLost(response: PartResponse): UploadError | undefined {
  if (response.status === 404 && /NoSuchUpload/.test(response.body)) {
    return new UploadError({ code: 'session-lost', message: 'The storage no longer knows this upload.', status: 404 })
  }
  return undefined
}

/** A part URL with what we know of its life: epoch ms when received and when it dies. */
export interface TimedUrl {
  url: string
  receivedAt: number
  expiresAt: number | undefined
}

/**
 * When a SigV4-style presigned URL dies, from its X-Amz-Expires (seconds), counted from when we
 * received it: X-Amz-Date has only second precision and the server's clock is not ours, so the
 * local receipt time is the safer origin. Undefined when the URL does not say.
 */
export function presignedExpiry(url: string, receivedAt: number): number | undefined {
  let expires: string | null
  try {
    expires = new URL(url).searchParams.get('X-Amz-Expires')
  } catch {
    return undefined
  }
  const seconds = Number(expires)
  return expires !== null && Number.isFinite(seconds) && seconds > 0 ? receivedAt + seconds * 1000 : undefined
}

/**
 * Whether to fetch a fresh URL before using this one: it expires within `marginMs`, or (for a
 * short-lived URL) it is past half of its life. A URL that seemed dead on arrival (a clock
 * skewed against the server's) is used as it is, and the storage's own "expired" answer
 * drives the refresh.
 */
export function isNearExpiry(target: TimedUrl, now: number, marginMs: number): boolean {
  if (target.expiresAt === undefined) return false
  const lifetime = target.expiresAt - target.receivedAt
  if (lifetime <= 0) return false
  return target.expiresAt - now < Math.min(marginMs, lifetime / 2)
}

/** Parse a URL the API handed out; only http(s) is acceptable for a part PUT. */
export function isHttpUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\//i.test(value)
}
