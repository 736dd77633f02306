import { createStore, type StoreApi } from 'zustand/vanilla'
import { UploadError, toUploadError } from './errors'
import { createLimiter } from './engine/limiter'
import { DEFAULT_PART_SIZE, planParts } from './engine/planner'
import { DEFAULT_RETRY, type RetryPolicy } from './engine/retry'
import { runUpload } from './engine/run-upload'
import type { PartHasher } from './hashing/part-hasher'
import { createWorkerPool } from './hashing/worker-pool'
import { createPatchBatcher } from './store/patch-batcher'
import { type UploadFileState, type UploaderState, initialUploaderState } from './store/state'
import type { Transport } from './transport/transport'
import { xhrTransport } from './transport/xhr-transport'
import type { FileInfo, UploadProvider, UploadResult } from './types'

export interface UploaderOptions {
  provider: UploadProvider
  /** Preferred part size in bytes; grown or shrunk to fit the provider's limits. */
  partSize?: number
  /** Parts in flight at once, across all files. */
  concurrency?: number
  /** Start each file as soon as it is added. */
  autoStart?: boolean
  retry?: Partial<RetryPolicy>
  /** Abort and retry a request when no byte has moved for this long (ms). */
  stallTimeoutMs?: number
  /** Replaces the worker pool (tests, custom bundlers). */
  hasher?: PartHasher
  /** Replaces the XHR transport (tests, non-browser runtimes). */
  transport?: Transport
  onComplete?: (file: UploadFileState, result: UploadResult) => void
  onError?: (file: UploadFileState, error: UploadError) => void
}

export interface Uploader {
  /** The zustand vanilla store: getState, subscribe, and selectors from this package. */
  readonly store: StoreApi<UploaderState>
  /** Add files; returns their ids. Starts them when autoStart is on. */
  addFiles(files: Iterable<File | { file: Blob; name: string; relativePath?: string }>): string[]
  /** Start one file, or every queued one. */
  start(id?: string): void
  /** Cancel one file, or all: in-flight requests are aborted, then the provider session. */
  cancel(id?: string): void
  /** Forget a file (cancelling it first if it is running). */
  remove(id?: string): void
  /** Resolves when no file is queued or uploading. */
  whenIdle(): Promise<void>
  /** Stop everything and release the workers. */
  dispose(): void
}

interface Entry {
  blob: Blob
  info: FileInfo
  controller: AbortController | undefined
}

let idCounter = 0
const newId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `file-${Date.now()}-${++idCounter}`

export function createUploader(options: UploaderOptions): Uploader {
  const store = createStore<UploaderState>()(() => initialUploaderState())
  const batcher = createPatchBatcher(store)
  const limiter = createLimiter(options.concurrency ?? 4)
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry }
  const transport = options.transport ?? xhrTransport
  const entries = new Map<string, Entry>()
  let hasher = options.hasher
  const getHasher = () => {
    hasher ??= createWorkerPool()
    return hasher
  }

  const patchNow = (id: string, patch: Partial<UploadFileState>) => batcher.patchNow(id, patch)

  async function run(id: string): Promise<void> {
    const entry = entries.get(id)
    const file = store.getState().files[id]
    if (!entry || !file || file.status === 'uploading' || file.status === 'done') return
    const controller = new AbortController()
    entry.controller = controller
    patchNow(id, { status: 'uploading', startedAt: Date.now(), error: undefined, bytesSent: 0, partsDone: 0 })
    try {
      const plan = planParts(entry.info.size, options.provider.limits, options.partSize ?? DEFAULT_PART_SIZE)
      patchNow(id, { partsTotal: plan.length })
      const partHasher = getHasher()
      const result = await runUpload({
        file: entry.blob,
        info: entry.info,
        plan,
        provider: options.provider,
        hasher: partHasher,
        transport,
        limiter,
        concurrency: options.concurrency ?? 4,
        retry,
        stallTimeoutMs: options.stallTimeoutMs ?? 30_000,
        signal: controller.signal,
        onProgress: ({ bytesSent, partsDone }) => batcher.patch(id, { bytesSent, partsDone }),
      })
      if (store.getState().hashingMode !== partHasher.mode) store.setState({ hashingMode: partHasher.mode })
      patchNow(id, { status: 'done', bytesSent: entry.info.size, result, finishedAt: Date.now() })
      options.onComplete?.(store.getState().files[id]!, result)
    } catch (thrown) {
      const error = toUploadError(thrown)
      if (controller.signal.aborted) return
      patchNow(id, { status: 'error', error: error.toJSON(), finishedAt: Date.now() })
      options.onError?.(store.getState().files[id]!, error)
    } finally {
      if (entry.controller === controller) entry.controller = undefined
    }
  }

  const idsOf = (id?: string) => (id === undefined ? [...store.getState().order] : [id])

  const uploader: Uploader = {
    store,
    addFiles(files) {
      const added: UploadFileState[] = []
      for (const item of files) {
        const blob = item instanceof Blob ? item : item.file
        const name = item instanceof Blob ? item.name : item.name
        const relativePath = item instanceof Blob ? item.webkitRelativePath || undefined : item.relativePath
        const id = newId()
        const info: FileInfo = {
          name,
          size: blob.size,
          type: blob.type,
          lastModified: blob instanceof File ? blob.lastModified : Date.now(),
          ...(relativePath ? { relativePath } : {}),
        }
        entries.set(id, { blob, info, controller: undefined })
        added.push({
          id,
          name,
          size: blob.size,
          type: blob.type,
          relativePath,
          status: 'queued',
          bytesSent: 0,
          partsTotal: 0,
          partsDone: 0,
          error: undefined,
          result: undefined,
          addedAt: Date.now(),
          startedAt: undefined,
          finishedAt: undefined,
        })
      }
      // One store write for the whole batch, however many files.
      store.setState((state) => {
        const filesById = { ...state.files }
        for (const file of added) filesById[file.id] = file
        return { files: filesById, order: [...state.order, ...added.map((f) => f.id)] }
      })
      const ids = added.map((f) => f.id)
      if (options.autoStart ?? true) for (const id of ids) void run(id)
      return ids
    },
    start(id) {
      for (const fileId of idsOf(id)) {
        const status = store.getState().files[fileId]?.status
        if (status === 'queued' || status === 'error') void run(fileId)
      }
    },
    cancel(id) {
      for (const fileId of idsOf(id)) {
        const file = store.getState().files[fileId]
        if (!file || file.status === 'done' || file.status === 'cancelled') continue
        entries.get(fileId)?.controller?.abort(new UploadError({ code: 'aborted', message: 'The upload was cancelled.' }))
        patchNow(fileId, { status: 'cancelled', finishedAt: Date.now() })
      }
    },
    remove(id) {
      const ids = idsOf(id)
      uploader.cancel(id)
      for (const fileId of ids) entries.delete(fileId)
      batcher.flush()
      const gone = new Set(ids)
      store.setState((state) => ({
        files: Object.fromEntries(Object.entries(state.files).filter(([fileId]) => !gone.has(fileId))),
        order: state.order.filter((fileId) => !gone.has(fileId)),
      }))
    },
    whenIdle() {
      const busy = (s: UploaderState) => s.order.some((id) => ['queued', 'uploading'].includes(s.files[id]!.status))
      if (!busy(store.getState())) return Promise.resolve()
      return new Promise((resolve) => {
        const unsubscribe = store.subscribe((state) => {
          if (!busy(state)) {
            unsubscribe()
            resolve()
          }
        })
      })
    },
    dispose() {
      uploader.cancel()
      hasher?.dispose()
    },
  }
  return uploader
}
