import type { MiddlewareHandler } from 'hono'

/** The bearer token every vendor emulator expects (vendor APIs need an account key). */
export const EMULATOR_TOKEN = process.env.UPLINK_EMULATOR_TOKEN ?? 'uplink-dev-token'

/**
 * 401 unless `Authorization: Bearer <token>` matches; the body is in the vendor's own error shape.
 * Preflight requests pass (browsers send no credentials on OPTIONS).
 */
export function requireBearer(token: string, unauthorizedBody: () => unknown): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next()
    const header = c.req.header('Authorization') ?? ''
    if (header !== `Bearer ${token}`) return c.json(unauthorizedBody() as object, 401)
    await next()
  }
}
