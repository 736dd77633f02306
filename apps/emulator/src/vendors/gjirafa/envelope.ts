import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** Gjirafa VP's response envelope; every API answer uses it, with the HTTP status mirrored in statusCode. */
export function envelope(c: Context, status: ContentfulStatusCode, result: unknown, options: { errors?: string[]; messages?: string[] } = {}) {
  const errors = options.errors ?? []
  return c.json({ success: errors.length === 0 && status < 400, errors, messages: options.messages ?? [], result, resultInfo: null, statusCode: status }, status)
}

/** A refusal in envelope form. */
export class EnvelopeError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly errors: string[],
  ) {
    super(errors.join('; '))
  }
}

/**
 * The Varnish "Backend Fetch Failed" page Gjirafa's 503 may be (gjirafa.md §2): HTML, not JSON,
 * so clients must not assume JSON on a 5xx.
 */
export const BACKEND_FETCH_FAILED_HTML = `<!DOCTYPE html>
<html>
  <head>
    <title>503 Backend fetch failed</title>
  </head>
  <body>
    <h1>Error 503 Backend fetch failed</h1>
    <p>Backend fetch failed</p>
    <h3>Guru Meditation:</h3>
    <p>XID: 32770</p>
    <hr>
    <p>Varnish cache server</p>
  </body>
</html>
`
