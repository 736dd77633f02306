import { UploadError } from '../errors'
import type { ChecksumAlgorithm, PartChecksum } from '../types'
import { createMainThreadHasher } from './main-thread-hasher'
import type { PartHasher } from './part-hasher'
import type { HashRequest, HashResponse } from './protocol'
import type { ReadPart } from './read-part'

interface Task {
  request: HashRequest
  resolve: (result: ReadPart | PartChecksum) => void
  reject: (error: unknown) => void
}

interface PoolWorker {
  worker: Worker
  busy: Task | undefined
}

export interface WorkerPoolOptions {
  /** Number of workers; defaults to navigator.hardwareConcurrency (at least 1, at most 4). */
  size?: number
  /** Creates one worker; replaceable for tests and custom bundlers. */
  createWorker?: () => Worker
}

const defaultCreateWorker = () => new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module' })

export function defaultPoolSize(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1
  return Math.max(1, Math.min(4, cores))
}

/**
 * A pool of module workers that read and hash parts. Workers start lazily, on the first part.
 * If a worker cannot be created, the pool falls back to the main thread and says so in `mode`.
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): PartHasher {
  const size = Math.max(1, options.size ?? defaultPoolSize())
  const createWorker = options.createWorker ?? defaultCreateWorker
  const workers: PoolWorker[] = []
  const queue: Task[] = []
  let nextId = 1
  let fallback: PartHasher | undefined

  const pool: PartHasher = {
    get mode() {
      return fallback ? 'main-thread' : 'worker'
    },
    hash(blob, start, end, algorithms) {
      // Nothing to hash: the part is just a slice, no worker round trip.
      if (algorithms.length === 0) return Promise.resolve({ body: blob.slice(start, end), checksums: {} })
      if (fallback) return fallback.hash(blob, start, end, algorithms)
      return submit<ReadPart>({ id: nextId++, kind: 'part', blob, start, end, algorithms: [...algorithms] as ChecksumAlgorithm[] })
    },
    hashFile(blob, algorithm) {
      if (fallback) return fallback.hashFile(blob, algorithm)
      return submit<PartChecksum>({ id: nextId++, kind: 'file', blob, algorithm })
    },
    dispose() {
      for (const entry of workers) entry.worker.terminate()
      workers.length = 0
      for (const task of queue.splice(0)) task.reject(new UploadError({ code: 'aborted', message: 'The hashing pool was closed.' }))
    },
  }

  function submit<T extends ReadPart | PartChecksum>(request: HashRequest): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ request, resolve: resolve as Task['resolve'], reject })
      pump()
    })
  }

  function pump(): void {
    while (queue.length > 0) {
      const idle = workers.find((w) => !w.busy) ?? spawn()
      if (!idle) return
      const task = queue.shift()!
      idle.busy = task
      idle.worker.postMessage(task.request)
    }
  }

  function spawn(): PoolWorker | undefined {
    if (workers.length >= size || fallback) return undefined
    let worker: Worker
    try {
      worker = createWorker()
    } catch {
      switchToMainThread()
      return undefined
    }
    const entry: PoolWorker = { worker, busy: undefined }
    worker.onmessage = (event: MessageEvent<HashResponse>) => {
      const task = entry.busy
      entry.busy = undefined
      if (task) settle(task, event.data)
      pump()
    }
    worker.onerror = (event) => {
      // A worker that fails to load (CSP, missing file) fails every task: drop to the main thread.
      event.preventDefault()
      const task = entry.busy
      entry.busy = undefined
      worker.terminate()
      workers.splice(workers.indexOf(entry), 1)
      if (task) queue.unshift(task)
      if (workers.length === 0) switchToMainThread()
      else pump()
    }
    workers.push(entry)
    return entry
  }

  function switchToMainThread(): void {
    fallback = createMainThreadHasher()
    for (const task of queue.splice(0)) {
      const request = task.request
      const result =
        request.kind === 'part'
          ? fallback.hash(request.blob, request.start, request.end, request.algorithms)
          : fallback.hashFile(request.blob, request.algorithm)
      result.then(task.resolve, task.reject)
    }
  }

  return pool
}

function settle(task: Task, response: HashResponse): void {
  if (response.ok) {
    task.resolve(response.kind === 'part' ? { body: response.body, checksums: response.checksums } : response.checksum)
  } else {
    task.reject(
      new UploadError({
        code: 'file-unreadable',
        message: `The file could not be read (${response.error.message}). It may have been moved or changed.`,
      }),
    )
  }
}
