// Request bodies as the corruptBody and truncateBody faults hand them to a handler (faults.ts).
/**
 * The same request with one byte of its body flipped (the middle of the first chunk that has
 * bytes), as a transfer error would leave it: the length is unchanged, so only a checksum of the
 * bytes can tell. Every handler behind `withFaults` reads the body through `c.req.raw`.
 */
export function withCorruptedBody(request: Request): Request {
  if (!request.body) return request
  let flipped = false
  const corrupted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (!flipped && chunk.length > 0) {
          chunk = Uint8Array.from(chunk)
          chunk[chunk.length >> 1]! ^= 0xff
          flipped = true
        }
        controller.enqueue(chunk)
      },
    }),
  )
  return new Request(request.url, { method: request.method, headers: request.headers, body: corrupted, duplex: 'half', signal: request.signal } as RequestInit)
}

/**
 * The same request with only the first half of its body, and a Content-Length that says so: what
 * a server sees when a client (or a proxy) sent a part short. Only a check of the part's length
 * against what was planned can tell.
 */
export async function withTruncatedBody(request: Request): Promise<Request> {
  const bytes = new Uint8Array(await request.arrayBuffer())
  const headers = new Headers(request.headers)
  const half = bytes.subarray(0, bytes.length >> 1)
  headers.set('content-length', String(half.length))
  return new Request(request.url, { method: request.method, headers, body: half, signal: request.signal })
}

/** One budget of bytes per second, shared by every body paced through it (one link). */
export function createPace() {
  let nextFree = 0
  return {
    /** How long to wait before handing on `bytes`, ms. */
    delayFor(bytes: number, rate: number): number {
      const now = Date.now()
      const start = Math.max(now, nextFree)
      nextFree = start + (bytes / rate) * 1000
      return nextFree - now
    },
  }
}

/**
 * The same request with its body handed on no faster than `rate()` bytes per second (the
 * bytesPerSecond fault, for routes whose handler reads the body through `c.req.raw`): a slow
 * link, so parts stay in flight long enough for a test to act while they are.
 */
export function withPacedBody(request: Request, rate: () => number | undefined, pace: ReturnType<typeof createPace>): Request {
  if (!request.body) return request
  const paced = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      async transform(chunk, controller) {
        const perSecond = rate()
        if (perSecond) {
          const wait = pace.delayFor(chunk.length, perSecond)
          if (wait > 2) await new Promise((resolve) => setTimeout(resolve, wait))
        }
        controller.enqueue(chunk)
      },
    }),
  )
  return new Request(request.url, { method: request.method, headers: request.headers, body: paced, duplex: 'half', signal: request.signal } as RequestInit)
}
