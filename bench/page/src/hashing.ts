import { createWorkerPool } from '@uplink/core'
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

  // Ceiling 1: read only, main thread, one part at a time.
  let t0 = performance.now()
  for (let i = 0; i < parts; i++) await file.slice(i * partSize, Math.min(totalBytes, (i + 1) * partSize)).arrayBuffer()
  rows.push(row('read only, main thread (no hash)', null, 'none', totalBytes, performance.now() - t0))

  // Ceiling 2: WebCrypto SHA-256, main thread, one digest at a time, bytes already read.
  const one = new Uint8Array(await file.slice(0, partSize).arrayBuffer())
  await crypto.subtle.digest('SHA-256', one)
  t0 = performance.now()
  for (let i = 0; i < parts; i++) await crypto.subtle.digest('SHA-256', one)
  rows.push(row('crypto.subtle.digest, main thread, bytes in memory', null, 'sha256', parts * partSize, performance.now() - t0))

  for (const size of input.poolSizes) {
    const pool = createWorkerPool({ size })
    // Start every worker and load the WASM hashers before timing.
    await Promise.all(Array.from({ length: size }, () => pool.hash(file, 0, MiB, ['crc32c', 'md5', 'sha256'])))
    for (const algorithm of input.algorithms) {
      const algorithms = algorithm === 'none' ? [] : [algorithm]
      t0 = performance.now()
      // Two parts queued per worker, as an upload with that many lanes would keep it busy.
      let next = 0
      const lane = async () => {
        while (next < parts) {
          const i = next++
          await pool.hash(file, i * partSize, Math.min(totalBytes, (i + 1) * partSize), algorithms)
        }
      }
      await Promise.all(Array.from({ length: size * 2 }, lane))
      rows.push(row(algorithm === 'none' ? `pool x${size}, read only` : `pool x${size}, ${algorithm}`, size, algorithm, totalBytes, performance.now() - t0))
    }
    pool.dispose()
  }
  return rows
}
