import { UploadError } from '../errors'
import type { ChecksumAlgorithm } from '../types'
import { createMainThreadHasher } from './main-thread-hasher'
import { type Hashed, type PartHasher, fileChunks } from './part-hasher'
import type { HashRequest, HashResponse } from './protocol'

export interface WorkerPoolOptions {
  /** Number of workers; defaults to navigator.hardwareConcurrency (at least 1, at most 4). */
  size?: number
  /** Creates one worker; replaceable for tests and custom bundlers. */
  createWorker?: () => Worker
  /** How long a new worker may take to say it is ready, ms (default 2000). */
  readyTimeoutMs?: number
  /**
   * When no worker can start: hash on the main thread in time slices (default), or fail every
   * job with a `worker-unavailable` error.
   */
  fallback?: 'main-thread' | 'fail'
}

interface Task {
  request: HashRequest
  resolve: (result: Hashed) => void
  reject: (error: unknown) => void
  /** Workers that died while holding this task. */
  crashes: number
}

interface PoolWorker {
  worker: Worker
  ready: boolean
  busy: Task | undefined
  readyTimer: ReturnType<typeof setTimeout> | undefined
}

const defaultCreateWorker = () => new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module' })

export function defaultPoolSize(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1
  return Math.max(1, Math.min(4, cores))
}

/**
 * A pool of module workers that read and hash what the engine sliced. Workers start on the
 * first job and must say they are ready within `readyTimeoutMs`: under a CSP whose
 * `worker-src` refuses them Chromium fires no error at all, so without this bound the jobs
 * would wait forever. When no worker starts, the pool falls back to the main thread (and
 * says so in `mode`), or fails with `worker-unavailable`.
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): PartHasher {
  const size = Math.max(1, options.size ?? defaultPoolSize())
  const createWorker = options.createWorker ?? defaultCreateWorker
  const readyTimeoutMs = options.readyTimeoutMs ?? 2000
  const workers: PoolWorker[] = []
  const queue: Task[] = []
  let nextId = 1
  let fallback: PartHasher | undefined
  let unavailable: UploadError | undefined
  let disposed = false
  /** Some worker said it was ready: a later failure is that worker's, not the environment's. */
  let everReady = false

  function submit(request: HashRequest): Promise<Hashed> {
    if (disposed) return Promise.reject(new UploadError({ code: 'aborted', message: 'The hashing pool was closed.' }))
    if (unavailable) return Promise.reject(unavailable)
    if (fallback) return runOnFallback(request)
    return new Promise<Hashed>((resolve, reject) => {
      queue.push({ request, resolve, reject, crashes: 0 })
      pump()
    })
  }

  function runOnFallback(request: HashRequest): Promise<Hashed> {
    // The chunks were sliced already: hash those same Blobs (no second slicing).
    return request.kind === 'part' ? fallback!.hashPart(request.blob, request.algorithms) : fallback!.hashFile(new Blob(request.chunks), request.algorithm)
  }

  function pump(): void {
    for (const entry of workers) {
      if (queue.length === 0) return
      if (!entry.ready || entry.busy) continue
      const task = queue.shift()!
      entry.busy = task
      entry.worker.postMessage(task.request)
    }
    const starting = workers.filter((w) => !w.ready).length
    if (queue.length > starting && workers.length < size) spawn()
  }

  function spawn(): void {
    let worker: Worker
    try {
      worker = createWorker()
    } catch {
      noWorkerStarts()
      return
    }
    const entry: PoolWorker = { worker, ready: false, busy: undefined, readyTimer: undefined }
    entry.readyTimer = setTimeout(() => drop(entry), readyTimeoutMs)
    worker.onmessage = ({ data }: MessageEvent<HashResponse>) => {
      if (data.kind === 'ready') {
        entry.ready = true
        everReady = true
        clearTimeout(entry.readyTimer)
      } else {
        const task = entry.busy
        entry.busy = undefined
        if (task && task.request.id === data.id) {
          if (data.ok) task.resolve({ checksums: data.checksums, bytes: data.bytes })
          else task.reject(new UploadError({ ...data.error }))
        }
      }
      pump()
    }
    worker.onerror = (event) => {
      // A worker that fails to load (missing file, syntax error) or crashes.
      event.preventDefault()
      drop(entry)
    }
    workers.push(entry)
    pump()
  }

  /** Take a worker out (never ready in time, or failed); its job goes back to the queue. */
  function drop(entry: PoolWorker): void {
    clearTimeout(entry.readyTimer)
    entry.worker.terminate()
    const index = workers.indexOf(entry)
    if (index < 0) return
    workers.splice(index, 1)
    const task = entry.busy
    if (task) {
      if (++task.crashes >= 2) task.reject(new UploadError({ code: 'file-unreadable', message: 'The hashing worker crashed twice on this part.' }))
      else queue.unshift(task)
    }
    // No worker has ever started here: the next would not either (a CSP refuses them all).
    if (!everReady || workers.length === 0) {
      for (const other of workers.splice(0)) {
        clearTimeout(other.readyTimer)
        other.worker.terminate()
        if (other.busy) queue.unshift(other.busy)
      }
      noWorkerStarts()
    } else pump()
  }

  function noWorkerStarts(): void {
    if (options.fallback === 'fail') {
      unavailable = new UploadError({
        code: 'worker-unavailable',
        message: 'The hashing workers did not start, most likely because a Content-Security-Policy (worker-src) forbids them.',
      })
      for (const task of queue.splice(0)) task.reject(unavailable)
      return
    }
    fallback = createMainThreadHasher()
    for (const task of queue.splice(0)) runOnFallback(task.request).then(task.resolve, task.reject)
  }

  return {
    get mode() {
      return fallback ? 'main-thread' : 'worker'
    },
    hashPart: (part, algorithms) => submit({ id: nextId++, kind: 'part', blob: part, algorithms: [...algorithms] as ChecksumAlgorithm[] }),
    hashFile: (file, algorithm) => submit({ id: nextId++, kind: 'file', chunks: fileChunks(file), algorithm }),
    dispose() {
      if (disposed) return
      disposed = true
      for (const entry of workers.splice(0)) {
        clearTimeout(entry.readyTimer)
        entry.worker.terminate()
        entry.busy?.reject(new UploadError({ code: 'aborted', message: 'The hashing pool was closed.' }))
      }
      for (const task of queue.splice(0)) task.reject(new UploadError({ code: 'aborted', message: 'The hashing pool was closed.' }))
    },
  }
}
