import type { Readable } from 'node:stream'

/**
 * Paces request bodies to a shared rate, as a real link would: every body read through it
 * draws from one budget of bytes per second, whatever the number of connections.
 */
export function createThrottle() {
  let nextFree = 0
  return {
    /** Read `stream` no faster than the rate `bytesPerSecond()` gives at each chunk. */
    pace(stream: Readable, bytesPerSecond: () => number | undefined) {
      stream.on('data', (chunk: Buffer) => {
        const rate = bytesPerSecond()
        if (!rate) return
        const now = Date.now()
        const start = Math.max(now, nextFree)
        nextFree = start + (chunk.length / rate) * 1000
        const wait = nextFree - now
        if (wait > 2) {
          stream.pause()
          setTimeout(() => stream.resume(), wait)
        }
      })
    },
  }
}
