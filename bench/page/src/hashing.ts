import { createWorkerPool } from '@uplink/core/internal'
import { bigFile } from './big-blob'
import type { HashInput, HashRow } from './protocol'

const MiB = 1024 * 1024
const rate = (bytes: number, ms: number) => bytes / MiB / (ms / 1000)

function row(what: string, workers: number | null, algorithm: HashRow['algorithm'], bytes: number, ms: number): HashRow {
  return { what, workers, algorithm, bytes, ms, mibPerSecond: rate(bytes, ms) }
}

/**
 * Hashing throughput of the worker pool (read + hash in the worker, part bytes transferred back),
 * per algorithm and pool size, beside two ceilings on the main thread: reading the same bytes
 * without hashing, and one crypto.subtle.digest at a time over bytes already in memory.
 */
export async function hashing(input: HashInput): Promise<HashRow[]> {
  const { totalBytes, partSize } = input
  const file = bigFile(totalBytes, 'hash.bin')
  const parts = Math.ceil(totalBytes / partSize)
  const rows: HashRow[] = []

  // Each figure is the best of `repeats` timings: the machine is shared, and the least disturbed
  // pass is the closest to what the code can do.
  const best = async (pass: () => Promise<void>) => {
    let fastest = Infinity
    for (let r = 0; r < input.repeats; r++) {
      const t0 = performance.now()
      await pass()
      fastest = Math.min(fastest, performance.now() - t0)
    }
    return fastest
  }
  const range = (i: number): [number, number] => [i * partSize, Math.min(totalBytes, (i + 1) * partSize)]

  // Ceiling 1: read only, main thread, one part at a time.
  let ms = await best(async () => {
    for (let i = 0; i < parts; i++) await file.slice(...range(i)).arrayBuffer()
  })
  rows.push(row('read only, main thread (no hash)', null, 'none', totalBytes, ms))

  // Ceiling 2: WebCrypto SHA-256, main thread, one digest at a time, bytes already read.
  const one = new Uint8Array(await file.slice(0, partSize).arrayBuffer())
  await crypto.subtle.digest('SHA-256', one)
  ms = await best(async () => {
    for (let i = 0; i < parts; i++) await crypto.subtle.digest('SHA-256', one)
  })
  rows.push(row('crypto.subtle.digest, main thread, bytes in memory', null, 'sha256', parts * partSize, ms))

  for (const size of input.poolSizes) {
    const pool = createWorkerPool({ size })
    // Start every worker and load the WASM hashers before timing.
    await Promise.all(Array.from({ length: size }, () => pool.hashPart(file.slice(0, MiB), ['crc32c', 'md5', 'sha256'])))
    // The pool only reads a part to hash it (a part with no checksum is sent as a file slice,
    // unread), so "read only" has no pool row: the main-thread read above is the ceiling.
    for (const algorithm of input.algorithms.filter((a) => a !== 'none')) {
      const algorithms = [algorithm]
      ms = await best(async () => {
        // Two parts queued per worker, as an upload with that many lanes would keep it busy.
        let next = 0
        const lane = async () => {
          while (next < parts) await pool.hashPart(file.slice(...range(next++)), algorithms)
        }
        await Promise.all(Array.from({ length: size * 2 }, lane))
      })
      rows.push(row(`pool x${size}, ${algorithm}`, size, algorithm, totalBytes, ms))
    }
    pool.dispose()
  }
  return rows
}
