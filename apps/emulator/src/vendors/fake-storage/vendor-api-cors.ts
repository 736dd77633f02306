import type { MiddlewareHandler } from 'hono'

/**
 * CORS for the vendor APIs whose CORS is undocumented (Drime, Archetype, Gjirafa): README rule 9
 * says clients send only `Authorization` and `Content-Type` there, so preflights allow exactly
 * those, and a client that adds a custom header fails its preflight here as it might in
 * production. `expose` lists response headers a browser client may need (rate-limit headers).
 */
export function vendorApiCors(methods: string[], expose: string[] = []): MiddlewareHandler {
  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin': '*',
    ...(expose.length ? { 'Access-Control-Expose-Headers': expose.join(', ') } : {}),
  }
  const preflight = {
    ...headers,
    'Access-Control-Allow-Methods': [...methods, 'OPTIONS'].join(', '),
    'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    'Access-Control-Max-Age': '600',
  }
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return c.body(null, 204, preflight)
    await next()
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value)
  }
}
