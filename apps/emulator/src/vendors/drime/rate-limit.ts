import type { MiddlewareHandler } from 'hono'

/**
 * Laravel's `throttle` as Drime runs it (2000 requests a minute): every answer carries
 * X-Ratelimit-Limit / X-Ratelimit-Remaining; over the limit the answer is
 * 429 {"message": "Too Many Attempts."} with Retry-After.
 */
export function rateLimit(limitPerMinute: number, now: () => number): MiddlewareHandler {
  let windowStart = 0
  let used = 0
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next()
    const at = now()
    if (at - windowStart >= 60_000) {
      windowStart = at
      used = 0
    }
    used++
    if (used > limitPerMinute) {
      const retryAfter = Math.ceil((windowStart + 60_000 - at) / 1000)
      return c.json({ message: 'Too Many Attempts.' }, 429, {
        'X-Ratelimit-Limit': String(limitPerMinute),
        'X-Ratelimit-Remaining': '0',
        'Retry-After': String(retryAfter),
        'X-Ratelimit-Reset': String(Math.ceil((windowStart + 60_000) / 1000)),
      })
    }
    await next()
    c.res.headers.set('X-Ratelimit-Limit', String(limitPerMinute))
    c.res.headers.set('X-Ratelimit-Remaining', String(Math.max(0, limitPerMinute - used)))
  }
}
