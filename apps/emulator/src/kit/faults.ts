import type { Context, MiddlewareHandler } from 'hono'
import type { HttpBindings } from '@hono/node-server'
import { createPace, withCorruptedBody, withPacedBody, withTruncatedBody } from './body-faults'

/**
 * Fault injection, per route. A route is a dotted name a vendor module gives each endpoint
 * (e.g. "blaxel.part", "s3.put"); a rule's `route` matches it exactly, by prefix ("blaxel.*"),
 * or everything ("*"). Rules come from the admin endpoint (PUT /__faults) or UPLINK_FAULTS (JSON).
 */
export interface FaultRule {
  route: string
  /** 0..1: share of matching requests that fail with `status`. */
  failRate?: number
  /**
   * Seed of this rule's random draws (failRate): the k-th request the rule sees always gets the
   * k-th number of the same sequence, so a run can be repeated. Without it, Math.random.
   */
  seed?: number
  /** Hit any one part (see partIdentity) at most this many times; a streak's repeats are not counted. */
  perPart?: number
  /**
   * Hit only a part no other rule with distinctParts has hit: faults meant for different parts
   * (one 500, one reset, ...) never pile up on one part, whatever order the parts arrive in.
   */
  distinctParts?: boolean
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
  /**
   * Handle the request, then cut the connection a few bytes into the answer: the request took
   * effect but the client never hears so (a page closed, a network lost, while a completion was
   * in flight).
   */
  dropResponse?: boolean
  /**
   * Read the whole request body, leave the request unhandled, and cut the connection a few bytes
   * into an answer: the server got every byte, stored nothing, and the client gets no answer it
   * can read. The first bytes go out before the reset because a browser silently sends a request
   * again when a reused keep-alive connection dies before any answer (Chromium: up to twice, on a
   * fresh connection), which would hide the fault from the page and put requests on the wire
   * the page never made.
   */
  resetAfterBody?: boolean
  /**
   * Once a request is hit, the next `streak - 1` requests for the same part (same path, part
   * number and upload offset) are hit too, whatever `failRate` draws: one part failing several
   * times in a row.
   */
  streak?: number
  /**
   * Handle the request, then hold the answer this long, ms: the request took effect while the
   * client still waits (a page closed while a completion was in flight).
   */
  holdAnswerMs?: number
  /** Headers of the injected failure answer (e.g. a Location for a 302). */
  headers?: Record<string, string>
  /**
   * When a request matches, expire every URL issued so far (as POST /__expire-urls does) before
   * it is handled: URLs die mid-upload at a chosen request, which is refused as expired.
   */
  expireUrls?: boolean
  /** Lifetime given to URLs this route hands out, seconds (overrides the vendor default). */
  urlTtlSeconds?: number
  /** Throttle request bodies to this many bytes per second. */
  bytesPerSecond?: number
}

export function createFaults(initial: FaultRule[] = parseEnv()) {
  type Live = FaultRule & { hits: number; seen: number; streaks: Map<string, number>; partHits: Map<string, number>; random: () => number }
  const live = (r: FaultRule): Live => ({ ...r, hits: 0, seen: 0, streaks: new Map(), partHits: new Map(), random: r.seed === undefined ? Math.random : seededRandom(r.seed) })
  let rules: Live[] = initial.map(live)
  /** Parts hit by a rule with distinctParts (under the rules in force). */
  let distinctHit = new Set<string>()
  /** Answers being held back now (holdAnswerMs): their requests took effect, the client still waits. */
  const holding = new Map<string, number>()
  /** Requests waiting out an injected latency now (latencyMs): they reached the server, nothing is done yet. */
  const delaying = new Map<string, number>()
  const wait = async (counts: Map<string, number>, route: string, ms: number) => {
    counts.set(route, (counts.get(route) ?? 0) + 1)
    try {
      await new Promise((r) => setTimeout(r, ms))
    } finally {
      const left = counts.get(route)! - 1
      if (left > 0) counts.set(route, left)
      else counts.delete(route)
    }
  }
  /** URLs issued before this instant (epoch ms) are expired, whatever lifetime they were given. */
  let urlsExpireBefore = 0

  const matching = (route: string) =>
    rules.filter((r) => r.route === '*' || r.route === route || (r.route.endsWith('.*') && route.startsWith(r.route.slice(0, -1))))

  return {
    set(next: FaultRule[]) {
      rules = next.map(live)
      distinctHit = new Set()
    },
    list: () => rules.map(({ hits, seen: _seen, streaks: _streaks, partHits: _partHits, random: _random, ...rule }) => ({ ...rule, hits })),
    clear() {
      rules = []
      distinctHit = new Set()
    },
    /** How many answers are held back right now, per route (their requests took effect). */
    holding: () => Object.fromEntries(holding),
    /** Hold an answer of `route` back `ms` (the request already took effect). */
    hold: (route: string, ms: number): Promise<void> => wait(holding, route, ms),
    /**
     * How many requests wait out an injected latency right now, per route: a test acts once a
     * request is really in flight on the server (a part held back), not merely started by the page.
     */
    delaying: () => Object.fromEntries(delaying),
    /** Delay a request of `route` by `ms` before it is handled. */
    delay: (route: string, ms: number): Promise<void> => wait(delaying, route, ms),
    /** URL lifetime for a route: the injected one, else the vendor's default. */
    urlTtlSeconds(route: string, fallback: number): number {
      const rule = matching(route).find((r) => r.urlTtlSeconds !== undefined && (r.times === undefined || r.hits < r.times))
      if (!rule) return fallback
      rule.hits++
      return rule.urlTtlSeconds!
    },
    /**
     * Expire every presigned URL issued so far, for every provider that hands them out. URLs
     * carry their issue time in whole seconds (X-Amz-Date), so the cut is the next whole second,
     * and this resolves once that second has begun: a URL issued after it resolves is valid, and
     * one issued while it waited counts as issued at the same time. Never moves back (clear()
     * keeps it).
     */
    async expireUrls(): Promise<number> {
      const cut = Math.floor(Date.now() / 1000) * 1000 + 1000
      urlsExpireBefore = Math.max(urlsExpireBefore, cut)
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, cut - Date.now())))
      return urlsExpireBefore
    },
    /** Whether a URL issued at `issuedAt` (epoch ms) was expired on demand. */
    isUrlExpired: (issuedAt: number) => issuedAt < urlsExpireBefore,
    bytesPerSecond(route: string): number | undefined {
      return matching(route).find((r) => r.bytesPerSecond !== undefined)?.bytesPerSecond
    },
    /**
     * Decide what happens to one request on this route. `identity` names the part the request
     * carries (see partIdentity), for rules with a streak, perPart or distinctParts. A request
     * fails at most once: a rule that would fail it (status, dropConnection, dropResponse,
     * resetAfterBody) leaves it to an earlier rule that already does, and counts no hit, so each
     * hit is one failure the client meets (a streak's repeats always hit: list streaks first).
     */
    draw(
      route: string,
      identity?: string,
    ): {
      latencyMs: number
      fail?: InjectedFailure
      drop: boolean
      dropResponse: boolean
      resetAfterBody: boolean
      holdAnswerMs: number
      expireUrls: boolean
      corrupt: boolean
      truncate: boolean
    } {
      let latencyMs = 0
      let fail: InjectedFailure | undefined
      let drop = false
      let dropResponse = false
      let resetAfterBody = false
      let holdAnswerMs = 0
      let expireUrls = false
      let corrupt = false
      let truncate = false
      let failed = false
      for (const rule of matching(route)) {
        const acts =
          rule.failRate !== undefined ||
          rule.dropConnection ||
          rule.dropResponse ||
          rule.resetAfterBody ||
          rule.holdAnswerMs !== undefined ||
          rule.expireUrls ||
          rule.corruptBody ||
          rule.truncateBody ||
          rule.latencyMs !== undefined ||
          rule.status !== undefined
        if (!acts) continue
        rule.seen++
        // Drawn for every request the rule sees, used or not: the k-th request gets the k-th number.
        const drawn = rule.random()
        const streakLeft = identity === undefined ? 0 : (rule.streaks.get(identity) ?? 0)
        if (streakLeft > 0) {
          // The same part again, in a streak that started when it was first hit.
          if (streakLeft > 1) rule.streaks.set(identity!, streakLeft - 1)
          else rule.streaks.delete(identity!)
        } else {
          if (rule.skip !== undefined && rule.seen <= rule.skip) continue
          if (rule.times !== undefined && rule.hits >= rule.times) continue
          if (failed && failsRequest(rule)) continue
          if (identity !== undefined && rule.perPart !== undefined && (rule.partHits.get(identity) ?? 0) >= rule.perPart) continue
          if (identity !== undefined && rule.distinctParts && distinctHit.has(identity)) continue
          if (drawn >= (rule.failRate ?? 1)) continue
          if (identity !== undefined && rule.streak !== undefined && rule.streak > 1) rule.streaks.set(identity, rule.streak - 1)
          if (identity !== undefined) rule.partHits.set(identity, (rule.partHits.get(identity) ?? 0) + 1)
          if (identity !== undefined && rule.distinctParts) distinctHit.add(identity)
        }
        rule.hits++
        if (failsRequest(rule)) failed = true
        latencyMs += rule.latencyMs ?? 0
        if (rule.dropConnection) drop = true
        if (rule.dropResponse) dropResponse = true
        if (rule.resetAfterBody) resetAfterBody = true
        holdAnswerMs += rule.holdAnswerMs ?? 0
        if (rule.expireUrls) expireUrls = true
        if (rule.corruptBody) corrupt = true
        if (rule.truncateBody) truncate = true
        if (!fail && rule.status) {
          fail = {
            status: rule.status,
            ...(rule.body !== undefined ? { body: rule.body } : {}),
            ...(rule.contentType ? { contentType: rule.contentType } : {}),
            ...(rule.headers ? { headers: rule.headers } : {}),
          }
        }
      }
      return { latencyMs, drop, dropResponse, resetAfterBody, holdAnswerMs, expireUrls, corrupt, truncate, ...(fail ? { fail } : {}) }
    },
  }
}

export type Faults = ReturnType<typeof createFaults>

/**
 * Which part a request carries, the same on every attempt to send it: its path, its part number
 * (S3 and the presigned stores, Blaxel) and its tus offset. Signatures, which change with each
 * fresh URL, are left out.
 */
export function partIdentity(url: string, header: (name: string) => string | null | undefined): string {
  const parsed = new URL(url, 'http://emulator.local')
  return `${parsed.pathname}#${parsed.searchParams.get('partNumber') ?? ''}@${header('upload-offset') ?? ''}`
}

/** Whether a rule makes a request fail (rather than slow it, hold its answer, or alter its body). */
const failsRequest = (rule: FaultRule) => rule.status !== undefined || rule.dropConnection === true || rule.dropResponse === true || rule.resetAfterBody === true

/** A small seeded generator (mulberry32): numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface InjectedFailure {
  status: number
  body?: string
  contentType?: string
  headers?: Record<string, string>
}

function parseEnv(): FaultRule[] {
  const raw = process.env.UPLINK_FAULTS
  if (!raw) return []
  const parsed = JSON.parse(raw) as unknown
  if (!Array.isArray(parsed)) throw new Error('UPLINK_FAULTS must be a JSON array of fault rules')
  return parsed as FaultRule[]
}

/**
 * Hono middleware applying the faults of one route: delay, then fail or drop, else handle.
 * A dropped connection reads part of the body first, so the client sees it die mid-upload; a
 * dropped response lets the route do its work, then cuts the connection before the answer.
 */
export function withFaults(faults: Faults, route: string, options: { paceBody?: boolean } = {}): MiddlewareHandler<{ Bindings: HttpBindings }> {
  const pace = createPace()
  return async (c, next) => {
    const outcome = faults.draw(route, partIdentity(c.req.url, (name) => c.req.header(name)))
    if (outcome.expireUrls) await faults.expireUrls()
    if (outcome.latencyMs > 0) await faults.delay(route, outcome.latencyMs)
    if (outcome.drop) {
      await dropMidBody(c)
      return c.body(null, 500)
    }
    if (outcome.resetAfterBody) {
      await c.req.raw.arrayBuffer().catch(() => undefined)
      const socket = c.env?.incoming?.socket
      // Waits for the reset, so the request log sees the connection cut.
      if (socket) await new Promise<void>((resolve) => cutSocketAnswer(socket, 500, resolve))
      return c.body(null, 500)
    }
    if (outcome.fail) {
      const { status, body, contentType, headers } = outcome.fail
      return c.newResponse(body ?? JSON.stringify({ error: `injected fault: ${status}` }), status as 500, {
        'Content-Type': contentType ?? 'application/json',
        ...headers,
      })
    }
    if (outcome.corrupt) c.req.raw = withCorruptedBody(c.req.raw)
    if (outcome.truncate) c.req.raw = await withTruncatedBody(c.req.raw)
    // Routes whose handler paces its own reads (the fake storage) say paceBody: false.
    if (options.paceBody !== false && faults.bytesPerSecond(route) !== undefined) c.req.raw = withPacedBody(c.req.raw, () => faults.bytesPerSecond(route), pace)
    await next()
    if (outcome.holdAnswerMs > 0) await faults.hold(route, outcome.holdAnswerMs)
    if (outcome.dropResponse) await cutAnswer(c)
  }
}

/**
 * Cut the connection after the first bytes of the answer: the request took effect, the client
 * sees a broken answer. Some bytes must go out first: a browser silently sends a request again
 * (POST included) when a kept-alive connection closes before any byte of the answer arrives,
 * which would turn a lost answer into a second request the client never knew it made.
 */
async function cutAnswer(c: Context<{ Bindings: HttpBindings }>): Promise<void> {
  const socket = c.env?.incoming?.socket
  // Waits for the reset, so the request log sees the answer cut (aborted).
  if (socket) await new Promise<void>((resolve) => cutSocketAnswer(socket, c.res.status, resolve))
}

/** Write the start of an answer (headers promising a body, one byte of it), then reset; `onReset` once it is. */
export function cutSocketAnswer(socket: import('node:net').Socket, status: number, onReset?: () => void): void {
  socket.write(`HTTP/1.1 ${status} OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{`, () => {
    socket.destroy()
    onReset?.()
  })
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
