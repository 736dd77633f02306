import type { MiddlewareHandler } from 'hono'
import { CHECKSUM_ALGORITHMS, checksumHeader } from './checksums'

/** Request headers a browser may send on a part PUT (the bucket CORS rule of s3.md §5). */
const ALLOWED_HEADERS = ['content-type', 'content-md5', 'x-amz-sdk-checksum-algorithm', ...CHECKSUM_ALGORITHMS.map(checksumHeader)]
const ALLOWED_METHODS = ['PUT', 'GET', 'HEAD']
const CHECKSUM_HEADERS = CHECKSUM_ALGORITHMS.map(checksumHeader)

/**
 * Bucket CORS as S3 applies it: the request's Origin is echoed; a preflight for a method or
 * header the rule does not allow (Authorization, say) is refused with 403, so a browser client
 * that sends vendor credentials to storage fails here. `ETag` is exposed unless `exposeEtag()`
 * says otherwise, to reproduce the "200 but no ETag" pitfall.
 */
export function bucketCors(exposeEtag: () => boolean): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin')
    if (c.req.method === 'OPTIONS') {
      const method = c.req.header('access-control-request-method')
      const requested = (c.req.header('access-control-request-headers') ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean)
      if (!origin || !method || !ALLOWED_METHODS.includes(method) || requested.some((h) => !ALLOWED_HEADERS.includes(h))) {
        return c.body(
          '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessForbidden</Code><Message>CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource\'s CORS spec.</Message></Error>',
          403,
          { 'Content-Type': 'application/xml' },
        )
      }
      return c.body(null, 200, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': ALLOWED_METHODS.join(', '),
        ...(requested.length ? { 'Access-Control-Allow-Headers': requested.join(', ') } : {}),
        'Access-Control-Max-Age': '3000',
        Vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
      })
    }
    await next()
    // Set after the handler, so these win over any app-wide CORS defaults.
    const exposed = [...(exposeEtag() ? ['ETag'] : []), ...CHECKSUM_HEADERS, 'x-amz-request-id']
    if (origin) {
      c.res.headers.set('Access-Control-Allow-Origin', origin)
      c.res.headers.set('Vary', 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method')
    }
    c.res.headers.set('Access-Control-Expose-Headers', exposed.join(', '))
  }
}
