import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/

/** A page served from this machine (the demo, a test page): http(s)://127.0.0.1|localhost|[::1][:port]. */
export function isLoopbackOrigin(origin: string): boolean {
  const match = /^https?:\/\/([^/]+)$/.exec(origin)
  return match !== null && LOOPBACK_HOST.test(match[1]!)
}

/**
 * For the emulator's control routes (faults, inspection, request log, health): they answer this
 * machine only. A request is refused (403) when
 * - its Origin is a page that is not on loopback (any site could otherwise set faults or read
 *   the log through a visitor's browser), or
 * - its Host is not a loopback name: a same-origin page of a site whose DNS name was rebound to
 *   127.0.0.1 sends no Origin on a GET, but its Host still names that site.
 * Allowed pages get CORS with their own origin echoed (never "*").
 */
export function loopbackOnly(): MiddlewareHandler[] {
  const guard: MiddlewareHandler = async (c, next) => {
    const origin = c.req.header('origin')
    const host = c.req.header('host') ?? ''
    if ((origin !== undefined && !isLoopbackOrigin(origin)) || !LOOPBACK_HOST.test(host)) {
      return c.json({ error: 'loopback-only' }, 403)
    }
    await next()
  }
  return [guard, loopbackCors()]
}

/** CORS that echoes loopback origins only, for the emulator's own routes. */
export function loopbackCors(): MiddlewareHandler {
  return cors({
    origin: (origin) => (isLoopbackOrigin(origin) ? origin : null),
    allowHeaders: ['Authorization', 'Content-Type'],
    exposeHeaders: ['ETag', 'X-Request-Id'],
    maxAge: 600,
  })
}
