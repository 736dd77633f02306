import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** CDF's error body: `{"error":{"code":<status>,"message":"…","missing"?:[…],"duplicated"?:[…]}}`. */
export function cdfError(c: Context, status: ContentfulStatusCode, message: string, extra: { missing?: unknown[]; duplicated?: unknown[] } = {}) {
  return c.json({ error: { code: status, message, ...extra } }, status)
}

/**
 * An error from the "cloud storage" behind the part URLs, in the XML shape GCS/S3 use: the
 * adapter must treat it as storage, not as CDF (e.g. 400 ExpiredToken = fetch a new URL).
 */
export function storageError(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  const xml = `<?xml version='1.0' encoding='UTF-8'?><Error><Code>${code}</Code><Message>${message}</Message></Error>`
  return c.body(xml, status, { 'Content-Type': 'application/xml; charset=UTF-8' })
}
