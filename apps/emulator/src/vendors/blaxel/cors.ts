import type { MiddlewareHandler } from 'hono'

/**
 * The sandbox API's own CORS, from its router: the same three headers on every response and
 * any OPTIONS answered 204 with no body. Only `Content-Type` and `Authorization` may be sent
 * from a browser (so not `X-Blaxel-Authorization`); nothing is exposed, the etag is in JSON.
 */
export function blaxelCors(): MiddlewareHandler {
  const headers = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, HEAD, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, Authorization',
  }
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return c.body(null, 204, headers)
    await next()
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value)
  }
}
