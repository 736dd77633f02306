import { createStore, type StoreApi } from 'zustand/vanilla'
import { UploadError, toUploadError } from './errors'
import { type AutoTuner, createAutoTuner } from './engine/auto-tuner'
import { createLimiter } from './engine/limiter'
import { type OnlineManager, createBrowserOnlineManager } from './engine/online-manager'
import { DEFAULT_PART_SIZE, MiB } from './engine/planner'
import { DEFAULT_RETRY, type RetryPolicy } from './engine/retry'
import { type FileProgress, runUpload } from './engine/run-upload'
import { type SpeedMeter, createSpeedMeter } from './engine/speed-meter'
import type { AcceptedFile, AddFilesResult, FileInput } from './files/add-files'
import { createFileIntake } from './files/file-intake'
import type { Restrictions } from './files/restrictions'
import type { PartHasher } from './hashing/part-hasher'
import { createWorkerPool } from './hashing/worker-pool'
import { createIndexedDbResumeStore, indexedDbAvailable } from './persistence/indexeddb-resume-store'
import { type KeptFiles, readKeptFile } from './persistence/kept-files'
import { type ResumeStore, deleteResumeRecords, fileFingerprint } from './persistence/resume-store'
import { createPatchBatcher } from './store/patch-batcher'
import { type FileStatus, type UploadFileState, type UploaderState, initialUploaderState } from './store/state'
import type { Transport } from './transport/transport'
import { xhrTransport } from './transport/xhr-transport'
import type { FileInfo, UploadProvider, UploadResult } from './types'

/** `{ skip: result }` marks the file done without sending it; anything else sends it. */
export type BeforeUploadDecision = { skip: UploadResult } | undefined

export interface UploaderOptions {
  provider: UploadProvider
  /** Preferred part size in bytes (fitted to the provider's limits), or 'auto' to adapt it to the link. */
  partSize?: number | 'auto'
  /** Parts in flight at once, across all files. */
  concurrency?: number
  /** Files being worked on at once (the rest wait, queued). Default: 2 x concurrency. */
  maxActiveFiles?: number
  /** Files up to this size travel as one request where the provider allows it. Default 8 MiB. */
  singleRequestMaxSize?: number
  /** Start each file as soon as it is added. Default true. */
  autoStart?: boolean
  restrictions?: Restrictions
  retry?: Partial<RetryPolicy>
  /** Abort and retry a request when no byte has moved for this long (ms). Default 30 s. */
  stallTimeoutMs?: number
  /** Where unfinished uploads are remembered for resume; default IndexedDB in browsers; false for none. */
  persistence?: ResumeStore | false
  /** Separates stored uploads per user (e.g. a user id), so one user never resumes another's. */
  persistenceScope?: string
  /**
   * Keep files (a File System Access handle, else the File in IndexedDB under a size cap) so that
   * `restoreFiles()` can resume them after a reload with no new pick. Off by default.
   */
  keepFiles?: KeptFiles | false
  /** Compute each file's SHA-256 before it is sent (available to onBeforeUpload and the provider). */
  wholeFileHash?: boolean
  /**
   * Called before a file is sent, after its whole-file hash when asked for. Return `{ skip: result }`
   * when the server already holds this content: the file is marked done without sending.
   */
  onBeforeUpload?: (file: UploadFileState, info: FileInfo) => BeforeUploadDecision | Promise<BeforeUploadDecision>
  onComplete?: (file: UploadFileState, result: UploadResult) => void
  onError?: (file: UploadFileState, error: UploadError) => void
  /** Replaces the worker pool (tests, custom bundlers). */
  hasher?: PartHasher
  /** Replaces the XHR transport (tests, non-browser runtimes). */
  transport?: Transport
  /** Replaces the browser's online/offline events (tests). */
  onlineManager?: OnlineManager
}

export interface Uploader {
  /** The zustand vanilla store: getState, subscribe, and selectors from this package. */
  readonly store: StoreApi<UploaderState>
  /**
   * Add files; resolves with the ids of those accepted and why the others were refused. Large
   * batches go into the store in slices of a few milliseconds, so the page stays responsive and
   * the first files start while the rest are added; a small batch is in the store when this
   * returns. Batches are added in call order. Cancelling or removing all files, or disposing,
   * stops a batch still being added (the rest come back rejected with code "aborted").
   */
  addFiles(files: Iterable<FileInput>): Promise<AddFilesResult>
  /** Start one file, or every queued one (when autoStart is off). */
  start(id?: string): void
  /** Pause one file or all: in-flight parts stop; finished parts are kept. */
  pause(id?: string): void
  /** Resume paused files, sending only what the server does not have. */
  resume(id?: string): void
  /** Try failed (or cancelled) files again. */
  retry(id?: string): void
  /** Cancel one file, or all: in-flight requests are aborted, then the provider session. */
  cancel(id?: string): void
  /** Forget a file (cancelling it first if it is running). */
  remove(id?: string): void
  /** The bytes of a file added to this uploader (for previews); undefined once removed. */
  getFile(id: string): Blob | undefined
  /** Resolves when no file is queued to run or uploading. */
  whenIdle(): Promise<void>
  /** Forget every remembered unfinished upload and kept file (e.g. on sign-out). */
  clearStoredUploads(): Promise<void>
  /**
   * Add back the files kept by `keepFiles` (after a reload): they resume, sending only what the
   * server lacks. Handles whose read permission lapsed are asked again when `requestPermission`
   * is set (call it from a user gesture), else skipped.
   */
  restoreFiles(options?: { requestPermission?: boolean }): Promise<AddFilesResult>
  /** Stop everything and release the workers and listeners. */
  dispose(): void
}

interface Entry {
  blob: Blob
  info: FileInfo
  status: FileStatus
  enqueued: boolean
  progress: FileProgress
  controller: AbortController | undefined
  /** Created when the file first runs (10,000 queued files need none). */
  meter: SpeedMeter | undefined
}

const PAUSED = 'paused by request'

export function createUploader(options: UploaderOptions): Uploader {
  const { provider } = options
  const store = createStore<UploaderState>()(() => initialUploaderState())
  const batcher = createPatchBatcher(store)
  const concurrency = Math.max(1, options.concurrency ?? 4)
  const limiter = createLimiter(concurrency)
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry }
  const transport = options.transport ?? xhrTransport
  const maxActiveFiles = Math.max(1, options.maxActiveFiles ?? concurrency * 2)
  const tuner: AutoTuner | undefined =
    options.partSize === 'auto'
      ? createAutoTuner({ maxConcurrency: concurrency, minPartSize: provider.limits.minPartSize, maxPartSize: Math.min(provider.limits.maxPartSize, 128 * MiB) })
      : undefined
  const resumeStore =
    options.persistence === false ? undefined : (options.persistence ?? (indexedDbAvailable() ? createIndexedDbResumeStore() : undefined))
  const online = options.onlineManager ?? createBrowserOnlineManager()
  const keptFiles = options.keepFiles || undefined
  const forgetKept = (entry: Entry) => void keptFiles?.forget(entry.progress.fingerprint).catch(() => undefined)
  const entries = new Map<string, Entry>()
  let queue: string[] = []
  let queueHead = 0
  let active = 0
  let hasher = options.hasher
  const getHasher = () => (hasher ??= createWorkerPool())

  const setStatus = (id: string, status: FileStatus, extra: Partial<UploadFileState> = {}) => {
    const entry = entries.get(id)
    if (entry) entry.status = status
    batcher.patch(id, { status, ...extra })
  }

  const enqueue = (id: string) => {
    const entry = entries.get(id)
    if (!entry || entry.enqueued) return
    entry.enqueued = true
    queue.push(id)
  }

  // Start queued files while there is room; cheap per file however long the queue.
  const pump = () => {
    while (active < maxActiveFiles && queueHead < queue.length) {
      const id = queue[queueHead++]!
      const entry = entries.get(id)
      if (!entry) continue
      entry.enqueued = false
      if (entry.status !== 'queued') continue
      active++
      void run(id, entry).finally(() => {
        active--
        pump()
      })
    }
    if (queueHead > 1024 && queueHead * 2 > queue.length) {
      queue = queue.slice(queueHead)
      queueHead = 0
    }
  }

  async function run(id: string, entry: Entry): Promise<void> {
    const controller = new AbortController()
    entry.controller = controller
    const meter = (entry.meter ??= createSpeedMeter())
    meter.reset()
    setStatus(id, 'uploading', { startedAt: Date.now(), error: undefined, pausedBy: undefined, finishedAt: undefined })
    try {
      const partHasher = getHasher()
      if (options.wholeFileHash && !entry.info.sha256) {
        entry.info.sha256 = (await partHasher.hashFile(entry.blob, 'sha256')).hex
        batcher.patch(id, { sha256: entry.info.sha256 })
      }
      const decision = await options.onBeforeUpload?.(currentState(id), entry.info)
      if (controller.signal.aborted) return
      const result =
        decision && 'skip' in decision
          ? decision.skip
          : await runUpload({
              file: entry.blob,
              info: entry.info,
              progress: entry.progress,
              provider,
              hasher: partHasher,
              transport,
              limiter,
              concurrency: tuner?.concurrency ?? concurrency,
              partSize: tuner?.partSize ?? (typeof options.partSize === 'number' ? options.partSize : DEFAULT_PART_SIZE),
              singleRequestMaxSize: options.singleRequestMaxSize ?? 8 * MiB,
              retry,
              stallTimeoutMs: options.stallTimeoutMs ?? 30_000,
              resumeStore,
              signal: controller.signal,
              onProgress: ({ bytesSent, partsDone, partsTotal }) => {
                meter.sample(bytesSent)
                batcher.patch(id, { bytesSent, partsDone, partsTotal, speed: meter.speed, etaSeconds: meter.eta(entry.info.size - bytesSent) })
              },
              ...(tuner
                ? { onPartOutcome: (o: { ok: true; bytes: number; ms: number } | { ok: false }) => (o.ok ? tuner.recordSuccess(o.bytes, o.ms) : tuner.recordFailure()) }
                : {}),
            })
      if (store.getState().hashingMode !== partHasher.mode) store.setState({ hashingMode: partHasher.mode })
      if (controller.signal.aborted) return
      setStatus(id, 'done', { bytesSent: entry.info.size, speed: 0, etaSeconds: 0, result, finishedAt: Date.now() })
      forgetKept(entry)
      options.onComplete?.(currentState(id), result)
    } catch (thrown) {
      if (controller.signal.aborted) return // paused or cancelled: their status is already set
      const error = toUploadError(thrown)
      if (!online.isOnline() && error.retryable) {
        setStatus(id, 'paused', { pausedBy: 'offline', speed: 0, etaSeconds: undefined })
        return
      }
      setStatus(id, 'error', { error: error.toJSON(), speed: 0, etaSeconds: undefined, finishedAt: Date.now() })
      options.onError?.(currentState(id), error)
    } finally {
      if (entry.controller === controller) entry.controller = undefined
    }
  }

  const currentState = (id: string): UploadFileState => {
    batcher.flush()
    return store.getState().files[id]!
  }

  const idsOf = (id?: string) => (id === undefined ? [...entries.keys()] : entries.has(id) ? [id] : [])

  const pauseEntry = (id: string, by: 'user' | 'offline') => {
    const entry = entries.get(id)!
    if (entry.status !== 'uploading' && entry.status !== 'queued') return
    entry.controller?.abort(new UploadError({ code: 'aborted', message: PAUSED }))
    setStatus(id, 'paused', { pausedBy: by, speed: 0, etaSeconds: undefined })
  }

  const requeue = (id: string) => {
    setStatus(id, 'queued', { pausedBy: undefined, error: undefined })
    enqueue(id)
  }

  const unsubscribeOnline = online.subscribe((isOnline) => {
    store.setState({ online: isOnline })
    for (const [id, entry] of entries) {
      if (!isOnline) pauseEntry(id, 'offline')
      else if (entry.status === 'paused' && store.getState().files[id]?.pausedBy === 'offline') requeue(id)
    }
    if (isOnline) pump()
  })
  store.setState({ online: online.isOnline() })

  /** The engine's record of an accepted file (made while the file is prepared). */
  const registerAccepted = ({ state, blob, info, handle }: AcceptedFile) => {
    const fingerprint = fileFingerprint(provider.name, info, options.persistenceScope)
    if (keptFiles) {
      void keptFiles.keep({ fingerprint, name: info.name, relativePath: info.relativePath, file: blob, ...(handle ? { handle } : {}) }).catch(() => false)
    }
    entries.set(state.id, {
      blob,
      info,
      status: 'queued',
      enqueued: false,
      progress: { fingerprint, session: undefined, plan: undefined, receipts: new Map() },
      controller: undefined,
      meter: undefined,
    })
  }
  /** One slice of accepted files into the store (one write), then start them. */
  const commitAccepted = (accepted: AcceptedFile[]) => {
    batcher.flush()
    store.setState((state) => {
      const filesById = { ...state.files }
      const order = state.order.slice()
      for (const { state: file } of accepted) {
        filesById[file.id] = file
        order.push(file.id)
      }
      return { files: filesById, order }
    })
    if (options.autoStart ?? true) {
      for (const { state: file } of accepted) enqueue(file.id)
      pump()
    }
  }
  const intake = createFileIntake({
    restrictions: options.restrictions,
    currentState: () => {
      batcher.flush()
      return store.getState()
    },
    register: registerAccepted,
    commit: commitAccepted,
  })

  const uploader: Uploader = {
    store,
    addFiles: (files) => intake.add(files),
    start(id) {
      for (const fileId of idsOf(id)) if (entries.get(fileId)!.status === 'queued') enqueue(fileId)
      pump()
    },
    pause(id) {
      for (const fileId of idsOf(id)) pauseEntry(fileId, 'user')
    },
    resume(id) {
      for (const fileId of idsOf(id)) if (entries.get(fileId)!.status === 'paused') requeue(fileId)
      pump()
    },
    retry(id) {
      for (const fileId of idsOf(id)) {
        const status = entries.get(fileId)!.status
        if (status === 'error' || status === 'cancelled') requeue(fileId)
      }
      pump()
    },
    cancel(id) {
      if (id === undefined) intake.abandon('Adding was stopped: all files were cancelled.')
      const forgotten: string[] = []
      for (const fileId of idsOf(id)) {
        const entry = entries.get(fileId)!
        if (entry.status === 'done' || entry.status === 'cancelled') continue
        entry.controller?.abort(new UploadError({ code: 'aborted', message: 'The upload was cancelled.' }))
        setStatus(fileId, 'cancelled', { speed: 0, etaSeconds: undefined, finishedAt: Date.now() })
        const { session, fingerprint } = entry.progress
        // The session costs storage until aborted; cancel must not wait on it.
        if (session !== undefined && provider.abortUpload) {
          void provider.abortUpload(session, { signal: AbortSignal.timeout(15_000) }).catch(() => undefined)
        }
        forgotten.push(fingerprint)
        entry.progress = { fingerprint, session: undefined, plan: undefined, receipts: new Map() }
      }
      // One IndexedDB transaction for all of them: cancelling 10,000 files stays one short task.
      if (resumeStore) void deleteResumeRecords(resumeStore, forgotten).catch(() => undefined)
      void keptFiles?.forgetMany(forgotten).catch(() => undefined)
    },
    remove(id) {
      if (id === undefined) intake.abandon('Adding was stopped: all files were removed.')
      const ids = idsOf(id)
      uploader.cancel(id)
      batcher.flush()
      const gone = new Set(ids)
      for (const fileId of ids) entries.delete(fileId)
      store.setState((state) => ({
        files: Object.fromEntries(Object.entries(state.files).filter(([fileId]) => !gone.has(fileId))),
        order: state.order.filter((fileId) => !gone.has(fileId)),
      }))
    },
    getFile: (id) => entries.get(id)?.blob,
    async whenIdle() {
      await intake.drained
      const busy = () => [...entries.values()].some((e) => e.status === 'uploading' || (e.status === 'queued' && (e.enqueued || active > 0)))
      return new Promise((resolve) => {
        const check = () => {
          if (busy()) return false
          unsubscribe()
          resolve()
          return true
        }
        const unsubscribe = store.subscribe(() => void check())
        batcher.flush()
        check()
      })
    },
    clearStoredUploads: async () => {
      await Promise.all([resumeStore?.clear(), keptFiles?.clear()])
    },
    async restoreFiles({ requestPermission = false } = {}) {
      if (!keptFiles) return { ids: [], rejected: [] }
      const present = new Set([...entries.values()].map((e) => e.progress.fingerprint))
      const inputs: FileInput[] = []
      for (const entry of await keptFiles.list()) {
        if (present.has(entry.fingerprint)) continue
        const file = await readKeptFile(entry, requestPermission).catch(() => undefined)
        if (!file) continue
        inputs.push({
          file,
          name: entry.name,
          lastModified: file.lastModified,
          ...(entry.relativePath ? { relativePath: entry.relativePath } : {}),
          ...(entry.handle ? { handle: entry.handle } : {}),
        })
      }
      return uploader.addFiles(inputs)
    },
    dispose() {
      intake.abandon('Adding was stopped: the uploader was disposed.')
      for (const entry of entries.values()) entry.controller?.abort(new UploadError({ code: 'aborted', message: 'The uploader was disposed.' }))
      unsubscribeOnline()
      batcher.flush()
      hasher?.dispose()
    },
  }
  return uploader
}
