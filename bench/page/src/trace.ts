import type { Transport } from '@uplink/core'
import { type PartHasher, createWorkerPool, xhrTransport } from '@uplink/core/internal'
import type { PhaseStats, Phases } from './protocol'

/** Collected durations of one kind of step. */
function durations() {
  const all: number[] = []
  return {
    add: (ms: number) => all.push(ms),
    stats: (): PhaseStats => ({
      count: all.length,
      totalMs: all.reduce((a, b) => a + b, 0),
      meanMs: all.length ? all.reduce((a, b) => a + b, 0) / all.length : 0,
      longestMs: Math.max(0, ...all),
    }),
  }
}

/**
 * Uplink's own worker pool and XHR transport, timed, to say where an upload's time goes.
 * The synchronous part of a transport call (xhr.open, headers, send) runs on the main thread
 * before the call returns, so `sendSync` is what xhr.send() blocks. Diagnostics only: the same
 * objects do the same work as without the wrapper.
 */
export function tracedParts(bodyAs: 'arraybuffer' | 'blob' = 'blob'): {
  hasher: PartHasher
  transport: Transport
  phases: () => Phases
  /** Bytes of requests the storage answered 2xx. */
  acknowledgedBytes: () => number
} {
  const pool = createWorkerPool()
  const hash = durations()
  const sendSync = durations()
  const request = durations()
  let acknowledged = 0
  const hasher: PartHasher = {
    get mode() {
      return pool.mode
    },
    async hashPart(part, algorithms) {
      const t0 = performance.now()
      const read = await pool.hashPart(part, algorithms)
      hash.add(performance.now() - t0)
      return read
    },
    hashFile: (blob, algorithm) => pool.hashFile(blob, algorithm),
    dispose: () => pool.dispose(),
  }
  const transport: Transport = async (req, body, options) => {
    const t0 = performance.now()
    // The engine hands over a Blob; the diagnostic variant sends the same bytes as an ArrayBuffer
    // (XHR takes either), to show what that costs in Chromium.
    const pending = bodyAs === 'arraybuffer' ? xhrTransport(req, (await body.arrayBuffer()) as unknown as Blob, options) : xhrTransport(req, body, options)
    sendSync.add(performance.now() - t0)
    try {
      const response = await pending
      if (response.status >= 200 && response.status < 300) acknowledged += body.size
      return response
    } finally {
      request.add(performance.now() - t0)
    }
  }
  return {
    hasher,
    transport,
    phases: () => ({ readAndHash: hash.stats(), sendSync: sendSync.stats(), request: request.stats() }),
    acknowledgedBytes: () => acknowledged,
  }
}
