import type { Context, MiddlewareHandler } from 'hono'
import type { HttpBindings } from '@hono/node-server'
import { withCorruptedBody, withTruncatedBody } from './body-faults'

/**
 * Fault injection, per route. A route is a dotted name a vendor module gives each endpoint
 * (e.g. "blaxel.part", "s3.put"); a rule's `route` matches it exactly, by prefix ("blaxel.*"),
 * or everything ("*"). Rules come from the admin endpoint (PUT /__faults) or UPLINK_FAULTS (JSON).
 */
export interface FaultRule {
  route: string
  /** 0..1: share of matching requests that fail with `status`. */
  failRate?: number
  status?: number
  /** Body for failed requests (defaults to a JSON error). */
  body?: string
  contentType?: string
  /** Added delay before handling, ms. */
  latencyMs?: number
  /** Apply to only N matching requests (then let them through). */
  times?: number
  /** Let the first N matching requests through untouched before applying. */
  skip?: number
  /** Flip a byte of the request body before the server checks it (a corrupted transfer). */
  corruptBody?: boolean
  /** Hand the server only the first half of the request body, as if that were all the client sent. */
  truncateBody?: boolean
  /** Cut the connection after reading part of the request body. */
  dropConnection?: boolean
  /** Lifetime given to URLs this route hands out, seconds (overrides the vendor default). */
  urlTtlSeconds?: number
  /** Throttle request bodies to this many bytes per second. */
  bytesPerSecond?: number
}

export function createFaults(initial: FaultRule[] = parseEnv()) {
  let rules: Array<FaultRule & { hits: number; seen: number }> = initial.map((r) => ({ ...r, hits: 0, seen: 0 }))

  const matching = (route: string) =>
    rules.filter((r) => r.route === '*' || r.route === route || (r.route.endsWith('.*') && route.startsWith(r.route.slice(0, -1))))

  return {
    set(next: FaultRule[]) {
      rules = next.map((r) => ({ ...r, hits: 0, seen: 0 }))
    },
    list: () => rules.map(({ hits, seen: _seen, ...rule }) => ({ ...rule, hits })),
    clear() {
      rules = []
    },
    /** URL lifetime for a route: the injected one, else the vendor's default. */
    urlTtlSeconds(route: string, fallback: number): number {
      const rule = matching(route).find((r) => r.urlTtlSeconds !== undefined && (r.times === undefined || r.hits < r.times))
      if (!rule) return fallback
      rule.hits++
      return rule.urlTtlSeconds!
    },
    bytesPerSecond(route: string): number | undefined {
      return matching(route).find((r) => r.bytesPerSecond !== undefined)?.bytesPerSecond
    },
    /** Decide what happens to one request on this route. */
    draw(route: string): {
      latencyMs: number
      fail?: { status: number; body?: string; contentType?: string }
      drop: boolean
      corrupt: boolean
      truncate: boolean
    } {
      let latencyMs = 0
      let fail: { status: number; body?: string; contentType?: string } | undefined
      let drop = false
      let corrupt = false
      let truncate = false
      for (const rule of matching(route)) {
        const acts =
          rule.failRate !== undefined || rule.dropConnection || rule.corruptBody || rule.truncateBody || rule.latencyMs !== undefined || rule.status !== undefined
        if (!acts) continue
        rule.seen++
        if (rule.skip !== undefined && rule.seen <= rule.skip) continue
        if (rule.times !== undefined && rule.hits >= rule.times) continue
        if (Math.random() >= (rule.failRate ?? 1)) continue
        rule.hits++
        latencyMs += rule.latencyMs ?? 0
        if (rule.dropConnection) drop = true
        if (rule.corruptBody) corrupt = true
        if (rule.truncateBody) truncate = true
        if (!fail && rule.status) {
          fail = { status: rule.status, ...(rule.body !== undefined ? { body: rule.body } : {}), ...(rule.contentType ? { contentType: rule.contentType } : {}) }
        }
      }
      return { latencyMs, drop, corrupt, truncate, ...(fail ? { fail } : {}) }
    },
  }
}

export type Faults = ReturnType<typeof createFaults>

function parseEnv(): FaultRule[] {
  const raw = process.env.UPLINK_FAULTS
  if (!raw) return []
  const parsed = JSON.parse(raw) as unknown
  if (!Array.isArray(parsed)) throw new Error('UPLINK_FAULTS must be a JSON array of fault rules')
  return parsed as FaultRule[]
}

/**
 * Hono middleware applying the faults of one route: delay, then fail or drop, else handle.
 * A dropped connection reads part of the body first, so the client sees it die mid-upload.
 */
export function withFaults(faults: Faults, route: string): MiddlewareHandler<{ Bindings: HttpBindings }> {
  return async (c, next) => {
    const outcome = faults.draw(route)
    if (outcome.latencyMs > 0) await new Promise((r) => setTimeout(r, outcome.latencyMs))
    if (outcome.drop) {
      await dropMidBody(c)
      return c.body(null, 500)
    }
    if (outcome.fail) {
      const { status, body, contentType } = outcome.fail
      return c.newResponse(body ?? JSON.stringify({ error: `injected fault: ${status}` }), status as 500, {
        'Content-Type': contentType ?? 'application/json',
      })
    }
    if (outcome.corrupt) c.req.raw = withCorruptedBody(c.req.raw)
    if (outcome.truncate) c.req.raw = await withTruncatedBody(c.req.raw)
    await next()
  }
}

async function dropMidBody(c: Context<{ Bindings: HttpBindings }>): Promise<void> {
  const incoming = c.env?.incoming
  if (!incoming) return
  await new Promise<void>((resolve) => {
    let seen = 0
    const onData = (chunk: Buffer) => {
      seen += chunk.length
      if (seen >= 1024) finish()
    }
    const finish = () => {
      incoming.off('data', onData)
      incoming.socket.destroy()
      resolve()
    }
    incoming.on('data', onData)
    incoming.once('end', finish)
    setTimeout(finish, 200)
  })
}
