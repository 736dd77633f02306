import { afterEach, describe, expect, it } from 'vitest'
import type { PartHasher } from './part-hasher'
import { createWorkerPool } from './worker-pool'

// Runs in real Chromium: the pool starts real module workers, which read the Blobs the engine
// sliced and hash them.
const text = (s: string) => new Blob([new TextEncoder().encode(s)])

let pool: PartHasher
afterEach(() => pool?.dispose())

describe('worker pool (real Chromium workers)', () => {
  it('hashes known test vectors: MD5, SHA-256 and CRC32C', async () => {
    pool = createWorkerPool({ size: 2 })
    const abc = await pool.hashPart(text('abc'), ['md5', 'sha256', 'crc32c'])
    expect(pool.mode).toBe('worker')
    expect(abc.bytes).toBe(3)
    expect(abc.checksums.md5?.hex).toBe('900150983cd24fb0d6963f7d28e17f72')
    expect(abc.checksums.md5?.base64).toBe('kAFQmDzST7DWlj99KOF/cg==')
    expect(abc.checksums.sha256?.hex).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')

    const check = await pool.hashPart(text('123456789'), ['crc32c'])
    expect(check.checksums.crc32c?.hex).toBe('e3069283') // the CRC-32C check value (RFC 3720)

    const empty = await pool.hashPart(new Blob([]), ['md5', 'sha256'])
    expect(empty.checksums.md5?.hex).toBe('d41d8cd98f00b204e9800998ecf8427e')
    expect(empty.checksums.sha256?.hex).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })

  it('hashes exactly the slice it is given, and a whole file in order', async () => {
    pool = createWorkerPool({ size: 1 })
    const million = new Blob([new TextEncoder().encode('a'.repeat(1_000_000))])
    const whole = await pool.hashPart(million, ['sha256'])
    expect(whole.checksums.sha256?.hex).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0')
    const tail = await pool.hashPart(new Blob(['xxabcxx']).slice(2, 5), ['md5'])
    expect(tail.checksums.md5?.hex).toBe('900150983cd24fb0d6963f7d28e17f72')
    const streamed = await pool.hashFile(million, 'sha256')
    expect(streamed).toEqual({ checksums: { sha256: whole.checksums.sha256 }, bytes: 1_000_000 })
  })

  it('runs parts in parallel across workers and returns each its own result', async () => {
    // Real workers, watched from the page: a part is in flight on a worker from the request the
    // pool posts to it until that worker's answer arrives.
    const inFlight = new Map<Worker, number>()
    let most = 0
    let busyWorkersAtOnce = 0
    let mostOnOneWorker = 0
    const watched = () => {
      const worker = new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module' })
      const post = worker.postMessage.bind(worker) as (message: unknown) => void
      worker.postMessage = (message: unknown) => {
        inFlight.set(worker, (inFlight.get(worker) ?? 0) + 1)
        mostOnOneWorker = Math.max(mostOnOneWorker, inFlight.get(worker)!)
        const total = [...inFlight.values()].reduce((a, b) => a + b, 0)
        most = Math.max(most, total)
        busyWorkersAtOnce = Math.max(busyWorkersAtOnce, [...inFlight.values()].filter((n) => n > 0).length)
        post(message)
      }
      // Added before the pool sets onmessage, so it runs first: the count drops before the pool posts the next part.
      worker.addEventListener('message', () => inFlight.set(worker, inFlight.get(worker)! - 1))
      return worker
    }
    pool = createWorkerPool({ size: 3, createWorker: watched })
    const bytes = new Uint8Array(8 * 1024 * 1024)
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff
    const blob = new Blob([bytes])
    const size = 1024 * 1024
    const parts = await Promise.all(Array.from({ length: 8 }, (_, i) => pool.hashPart(blob.slice(i * size, (i + 1) * size), ['sha256'])))
    for (const [i, part] of parts.entries()) {
      const expected = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.slice(i * size, (i + 1) * size)))
      const hex = Array.from(expected, (b) => b.toString(16).padStart(2, '0')).join('')
      expect(part.checksums.sha256?.hex).toBe(hex)
      expect(part.bytes).toBe(size)
    }
    expect(pool.mode).toBe('worker')
    // Three parts in flight at once, one on each of the three workers; never two on one worker.
    expect(most).toBe(3)
    expect(busyWorkersAtOnce).toBe(3)
    expect(mostOnOneWorker).toBe(1)
    expect(inFlight.size).toBe(3)
  })

  it('falls back to the main thread when a worker cannot be created, and says so', async () => {
    pool = createWorkerPool({
      createWorker: () => {
        throw new DOMException('blocked by CSP', 'SecurityError')
      },
    })
    const abc = await pool.hashPart(text('abc'), ['md5'])
    expect(abc.checksums.md5?.hex).toBe('900150983cd24fb0d6963f7d28e17f72')
    expect(pool.mode).toBe('main-thread')
  })

  it('falls back when the worker script fails to load', async () => {
    pool = createWorkerPool({ createWorker: () => new Worker('/definitely-missing-worker.js', { type: 'module' }) })
    const abc = await pool.hashPart(text('abc'), ['sha256'])
    expect(abc.checksums.sha256?.hex).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(pool.mode).toBe('main-thread')
  })

  it('does not wait forever on a worker that never says it is ready (a CSP fires no error): it falls back', async () => {
    // A worker that loads but never answers, as one blocked by worker-src looks from the page.
    const silent = () => new Worker(URL.createObjectURL(new Blob(['onmessage = () => {}'], { type: 'text/javascript' })))
    pool = createWorkerPool({ createWorker: silent, readyTimeoutMs: 300, size: 2 })
    const started = performance.now()
    // Several parts at once: the pool starts two workers, and must not keep starting new ones.
    const [abc, , last] = await Promise.all([pool.hashPart(text('abc'), ['crc32c']), pool.hashPart(text('def'), ['crc32c']), pool.hashPart(text('123456789'), ['crc32c'])])
    expect(abc!.checksums.crc32c?.hex).toBe('364b3fb7')
    expect(last!.checksums.crc32c?.hex).toBe('e3069283')
    expect(pool.mode).toBe('main-thread')
    expect(performance.now() - started).toBeGreaterThanOrEqual(300)
  })

  it('or fails with worker-unavailable when told not to fall back', async () => {
    const silent = () => new Worker(URL.createObjectURL(new Blob(['onmessage = () => {}'], { type: 'text/javascript' })))
    pool = createWorkerPool({ createWorker: silent, readyTimeoutMs: 200, fallback: 'fail', size: 2 })
    const both = [pool.hashPart(text('abc'), ['md5']), pool.hashPart(text('def'), ['md5'])]
    for (const job of both) await expect(job).rejects.toMatchObject({ code: 'worker-unavailable', message: expect.stringMatching(/Content-Security-Policy/) })
    await expect(pool.hashPart(text('abc'), ['md5'])).rejects.toMatchObject({ code: 'worker-unavailable' })
  })
})
