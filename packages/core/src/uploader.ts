import type { StoreApi } from 'zustand/vanilla'
import { createActivity } from './engine/activity'
import { type AutoTuner, createAutoTuner } from './engine/auto-tuner'
import { callApi } from './engine/api-call'
import { type FileEvent, type FileMachine, type FileStatus, createFileMachine, isActive } from './engine/file-machine'
import { type EngineDeps, type FileProgress, emptyProgress } from './engine/file-run'
import { createLimiter } from './engine/limiter'
import { DEFAULT_PART_SIZE, MiB } from './engine/planner'
import { DEFAULT_RETRY } from './engine/retryer'
import { createScheduler } from './engine/scheduler'
import { type SpeedMeter, createSpeedMeter } from './engine/speed-meter'
import { uploadFile } from './engine/upload-file'
import { browserOnlineManager } from './environment/online-manager'
import { UploadError, toUploadError } from './errors'
import { createEmitter } from './events/emitter'
import { createFrameThrottle } from './events/frame-throttle'
import type { UploaderEventType, UploaderEvents } from './events/uploader-events'
import type { AcceptedFile, AddFilesResult, FileInput } from './files/add-files'
import { createFileIntake } from './files/file-intake'
import type { PartHasher } from './hashing/part-hasher'
import { createWorkerPool } from './hashing/worker-pool'
import { type UploaderOptions, validateOptions } from './options/uploader-options'
import { checkBoolean, checkFunction, invalidOption } from './options/validate'
import { readKeptFile, keptRecord } from './persistence/kept-files'
import { createPersistence } from './persistence/persistence'
import { uploadKey } from './persistence/records'
import { createProjection } from './store/projection'
import type { UploadFileState, UploaderState } from './store/state'
import { xhrTransport } from './transport/xhr-transport'
import type { FileInfo, UploadResult } from './types'

export interface Uploader {
  /** The zustand vanilla store: getState, subscribe, and selectors from this package. */
  readonly store: StoreApi<UploaderState>
  /** Listen to one kind of event; returns the unsubscribe. */
  on<Type extends UploaderEventType>(type: Type, listener: (event: UploaderEvents[Type]) => void): () => void
  /**
   * Add files; resolves with the ids of those accepted and why the others were refused. Large
   * batches go into the store in slices of a few milliseconds, so the page stays responsive and
   * the first files start while the rest are added; a small batch is in the store when this
   * returns. Batches are added in call order. cancelAll(), removeAll() and dispose() stop a
   * batch still being added (the rest come back rejected with code "aborted").
   */
  addFiles(files: Iterable<FileInput>): Promise<AddFilesResult>
  /**
   * Per-file actions. The id is required: an unknown or missing id throws an UploadError with
   * code `unknown-file`. An action the file's status does not allow (see allowedActions) does
   * nothing and returns false; true when it acted.
   */
  /** Start a queued file (when autoStart is off). */
  start(id: string): boolean
  /** Pause: in-flight parts stop; finished parts are kept. */
  pause(id: string): boolean
  /** Resume a paused file, sending only what the server does not have. */
  resume(id: string): boolean
  /** Cancel: in-flight requests are aborted, then the provider session. */
  cancel(id: string): boolean
  /** Try a failed (or cancelled) file again. */
  retry(id: string): boolean
  /** Forget a file (cancelling it first if it is still running). */
  remove(id: string): boolean
  /** Bulk actions, each on every file it applies to; they return how many files they acted on. */
  startAll(): number
  pauseAll(): number
  resumeAll(): number
  cancelAll(): number
  /** Retry every failed file. */
  retryAll(): number
  /** Remove every file the filter accepts (all of them without one), e.g. `(f) => f.status === 'done'`. */
  removeAll(filter?: (file: UploadFileState) => boolean): number
  /** The bytes of a file added to this uploader (for previews); undefined once removed. */
  getFile(id: string): Blob | undefined
  /** Resolves when no file is running or waiting to run, and every batch is added. */
  whenIdle(): Promise<void>
  /**
   * Add back the files kept by `persistence.keepFiles` in this scope (after a reload): they
   * resume, sending only what the server lacks. Handles whose read permission lapsed are asked
   * again when `requestPermission` is set (call it from a user gesture), else skipped.
   */
  restoreFiles(options?: { requestPermission?: boolean }): Promise<AddFilesResult>
  /** Forget the remembered uploads and kept files of this scope, or of another one (e.g. on sign-out). */
  clearPersistence(scope?: string): Promise<void>
  /**
   * Mark the uploader as in use (e.g. by a mounted React root); returns the release. When every
   * retain has been released and none comes back within the same task, the uploader disposes
   * itself, so StrictMode's unmount-and-mount keeps it and several roots can share it.
   * Uploaders never retained live until dispose().
   */
  retain(): () => void
  /** Stop everything and release workers, timers and listeners. Safe to call twice. */
  dispose(): void
  readonly disposed: boolean
}

interface Entry {
  id: string
  blob: Blob
  info: FileInfo
  handle: FileSystemFileHandle | undefined
  key: string
  machine: FileMachine
  progress: FileProgress
  controller: AbortController | undefined
  /** The current run, until it has wound down (a resumed file waits for its paused run to end). */
  running: Promise<void> | undefined
  /** Created when the file first runs (10,000 queued files need none). */
  meter: SpeedMeter | undefined
}

/** The event that shows a phase of a running file. */
const PHASE_EVENT: Partial<Record<FileStatus, FileEvent>> = { preparing: 'prepare', uploading: 'send', completing: 'complete', retrying: 'wait' }

const abortedBy = (message: string) => new UploadError({ code: 'aborted', message })

/** The wiring of the engine's parts: one place that connects them, and the public actions. */
export function createUploader(options: UploaderOptions): Uploader {
  validateOptions(options)
  const { provider } = options
  const concurrency = options.concurrency ?? 4
  const projection = createProjection()
  const { store } = projection
  const emitter = createEmitter<UploaderEvents>()
  const online = options.onlineManager ?? browserOnlineManager
  const persistence = options.persistence ? createPersistence(options.persistence) : undefined
  const keepFiles = persistence?.keepFiles ? persistence : undefined
  const tuner: AutoTuner | undefined =
    options.partSize === 'auto'
      ? createAutoTuner({ maxConcurrency: concurrency, minPartSize: provider.limits.minPartSize, maxPartSize: Math.min(provider.limits.maxPartSize, 128 * MiB) })
      : undefined
  let hasher: PartHasher | undefined = options.hasher
  const entries = new Map<string, Entry>()
  let disposed = false

  const deps: EngineDeps = {
    provider,
    transport: options.transport ?? xhrTransport,
    limiter: createLimiter(concurrency),
    hasher: () => (hasher ??= createWorkerPool({ size: options.hashing?.workers, readyTimeoutMs: options.hashing?.readyTimeoutMs, fallback: options.hashing?.fallback })),
    retry: { ...DEFAULT_RETRY, ...options.retry },
    online,
    apiTimeoutMs: options.apiTimeoutMs ?? 30_000,
    stallTimeoutMs: options.stallTimeoutMs ?? 30_000,
    singleRequestMaxSize: options.singleRequestMaxSize ?? 8 * MiB,
    partSize: () => tuner?.partSize ?? (typeof options.partSize === 'number' ? options.partSize : DEFAULT_PART_SIZE),
    concurrency: () => tuner?.concurrency ?? concurrency,
    ...(tuner ? { onPartOutcome: (o) => (o.ok ? tuner.recordSuccess(o.bytes, o.ms) : tuner.recordFailure()) } : {}),
    records: persistence?.resume ? persistence.storage : undefined,
    recordLifetimeMs: persistence?.maxAgeMs ?? 0,
    wholeFileHash: options.wholeFileHash ?? false,
  }

  const progressEvents = createFrameThrottle<number>((id, bytesSent) => {
    const entry = entries.get(id)
    if (entry) emitter.emit('part-progress', { id, bytesSent, size: entry.info.size })
  })

  /** Apply an event to a file's machine; the store and the listeners follow. */
  const fire = (entry: Entry, event: FileEvent, extra: Partial<UploadFileState> = {}): UploadFileState | undefined => {
    const previous = entry.machine.status
    if (!entry.machine.send(event)) return undefined
    const status = entry.machine.status
    const file = projection.patch(entry.id, { ...extra, status })!
    if (status !== previous) emitter.emit('file-status', { id: entry.id, status, previous, file })
    return file
  }
  const confirmedBytes = (entry: Entry) => {
    let bytes = 0
    for (const receipt of entry.progress.receipts.values()) bytes += receipt.size
    return bytes
  }
  const stopped = (entry: Entry) => ({ speed: 0, etaSeconds: undefined, bytesSent: confirmedBytes(entry) })

  const scheduler = createScheduler({
    maxActive: options.maxActiveFiles ?? concurrency * 2,
    run: (id) => run(entries.get(id)),
    onIdle: () => emitter.emit('all-done', { totals: projection.totals() }),
  })

  async function run(entry: Entry | undefined): Promise<void> {
    if (!entry) return
    while (entry.running) await entry.running.catch(() => undefined)
    if (entry.machine.status !== 'queued' || disposed) return
    const running = runOnce(entry)
    entry.running = running
    try {
      await running
    } finally {
      if (entry.running === running) entry.running = undefined
    }
  }

  async function runOnce(entry: Entry): Promise<void> {
    const controller = new AbortController()
    const { signal } = controller
    entry.controller = controller
    const meter = (entry.meter ??= createSpeedMeter())
    meter.reset()
    fire(entry, 'run', { startedAt: Date.now(), error: undefined, pausedBy: undefined, finishedAt: undefined })
    const activity = createActivity((status) => {
      if (!signal.aborted) fire(entry, PHASE_EVENT[status]!)
    })
    try {
      const result = await uploadFile(deps, {
        key: entry.key,
        blob: entry.blob,
        info: entry.info,
        handle: entry.handle,
        progress: entry.progress,
        signal,
        activity,
        onProgress: ({ bytesSent, partsDone, partsTotal }) => {
          if (signal.aborted) return
          meter.sample(bytesSent)
          projection.patch(entry.id, { bytesSent, partsDone, partsTotal, speed: meter.speed, etaSeconds: meter.eta(entry.info.size - bytesSent) })
          progressEvents.push(entry.id, bytesSent)
        },
        onPartDone: ({ number, offset, size }) => emitter.emit('part-done', { id: entry.id, part: { number, offset, size } }),
        onHashed: (sha256) => projection.patch(entry.id, { sha256 }),
        beforeUpload: async () => {
          if (!options.onBeforeUpload) return undefined
          const decision = await options.onBeforeUpload(projection.current(entry.id)!, entry.info)
          return decision && 'skip' in decision ? decision.skip : undefined
        },
      })
      if (signal.aborted) return
      succeed(entry, result)
    } catch (thrown) {
      if (signal.aborted) return // paused, cancelled or disposed: their status is set already
      fail(entry, toUploadError(thrown))
    } finally {
      if (entry.controller === controller) entry.controller = undefined
      if (hasher && store.getState().hashingMode !== hasher.mode) projection.setGlobal({ hashingMode: hasher.mode })
    }
  }

  function succeed(entry: Entry, result: UploadResult): void {
    progressEvents.flush()
    const file = fire(entry, 'succeed', { bytesSent: entry.info.size, speed: 0, etaSeconds: 0, result, finishedAt: Date.now() })
    if (!file) return
    if (keepFiles) void keepFiles.storage.deleteKept([entry.key]).catch(() => undefined)
    emitter.emit('file-done', { id: entry.id, file, result })
    options.onComplete?.(file, result)
  }

  function fail(entry: Entry, error: UploadError): void {
    progressEvents.flush()
    const file = fire(entry, 'fail', { ...stopped(entry), error: error.toJSON(), finishedAt: Date.now() })
    if (!file) return
    emitter.emit('file-error', { id: entry.id, file, error })
    options.onError?.(file, error)
  }

  const entryOf = (id: string): Entry => {
    const entry = typeof id === 'string' ? entries.get(id) : undefined
    if (!entry) throw new UploadError({ code: 'unknown-file', message: `No file with id ${JSON.stringify(id)} is in this uploader.` })
    return entry
  }

  function pauseEntry(entry: Entry, by: 'user' | 'offline'): boolean {
    if (!entry.machine.can('pause')) return false
    entry.controller?.abort(abortedBy('Paused.'))
    scheduler.dequeue(entry.id)
    fire(entry, 'pause', { ...stopped(entry), pausedBy: by })
    return true
  }

  function requeue(entry: Entry, event: 'resume' | 'retry'): boolean {
    if (!entry.machine.can(event)) return false
    fire(entry, event, { pausedBy: undefined, error: undefined })
    scheduler.enqueue(entry.id)
    return true
  }

  /** Cancel one file; returns its key when there are records to forget (done in one go by the caller). */
  function cancelEntry(entry: Entry): string | undefined {
    if (!entry.machine.can('cancel')) return undefined
    entry.controller?.abort(abortedBy('The upload was cancelled.'))
    scheduler.dequeue(entry.id)
    fire(entry, 'cancel', { ...stopped(entry), finishedAt: Date.now() })
    const session = entry.progress.session
    // The session costs storage until aborted; cancel must not wait on it.
    if (session !== undefined && provider.abortUpload) {
      void callApi((ctx) => provider.abortUpload!(session, ctx), new AbortController().signal, deps.apiTimeoutMs, 'the abort').catch(() => undefined)
    }
    entry.progress = emptyProgress()
    return entry.key
  }

  /** Forget what persistence holds for these files: one transaction each, however many files. */
  function forgetRecords(keys: string[]): void {
    if (keys.length === 0 || !persistence) return
    void deps.records?.deleteUploads(keys).catch(() => undefined)
    void keepFiles?.storage.deleteKept(keys).catch(() => undefined)
  }

  function removeEntries(ids: Set<string>): void {
    const forgotten: string[] = []
    for (const id of ids) {
      const key = cancelEntry(entries.get(id)!)
      if (key) forgotten.push(key)
    }
    forgetRecords(forgotten)
    for (const id of ids) entries.delete(id)
    projection.remove(ids)
    if (emitter.has('file-removed')) for (const id of ids) emitter.emit('file-removed', { id })
  }

  // Environment listeners attach with the first file, so an uploader made and dropped (React
  // StrictMode renders twice) holds nothing; they go on dispose.
  let unsubscribeOnline: (() => void) | undefined
  const watchNetwork = () => {
    if (unsubscribeOnline || disposed) return
    projection.setGlobal({ online: online.isOnline() })
    unsubscribeOnline = online.subscribe((isOnline) => {
      projection.setGlobal({ online: isOnline })
      for (const entry of entries.values()) {
        if (!isOnline) {
          if (isActive(entry.machine.status) || scheduler.isWaiting(entry.id)) pauseEntry(entry, 'offline')
        } else if (entry.machine.status === 'paused' && projection.current(entry.id)?.pausedBy === 'offline') requeue(entry, 'resume')
      }
      if (isOnline) scheduler.pump()
    })
  }
  projection.setGlobal({ online: online.isOnline() })

  const intake = createFileIntake({
    restrictions: options.restrictions,
    currentCounts: () => {
      const totals = projection.totals()
      return { count: totals.files, totalSize: totals.bytesTotal }
    },
    register({ state, blob, info, handle }: AcceptedFile) {
      const key = uploadKey(provider.name, info)
      if (keepFiles) {
        const record = keptRecord({ key, name: info.name, relativePath: info.relativePath, file: blob, handle }, keepFiles.maxKeptFileSize, keepFiles.maxAgeMs)
        if (record) void keepFiles.storage.putKept(record).catch(() => undefined)
      }
      entries.set(state.id, { id: state.id, blob, info, handle, key, machine: createFileMachine(state.id), progress: emptyProgress(), controller: undefined, running: undefined, meter: undefined })
    },
    commit(accepted) {
      projection.add(accepted.map((a) => a.state))
      watchNetwork()
      if (emitter.has('file-added')) for (const { state } of accepted) emitter.emit('file-added', { file: state })
      if (options.autoStart ?? true) {
        for (const { state } of accepted) scheduler.enqueue(state.id)
        scheduler.pump()
      }
    },
  })

  const each = (action: (entry: Entry) => boolean) => {
    let acted = 0
    for (const entry of [...entries.values()]) if (action(entry)) acted++
    return acted
  }
  /**
   * A person's action: start what it queued, and show its effect at once (one store write, not
   * at the next batched one); engine-driven changes wait for the batch.
   */
  const act = <T>(action: () => T): T => {
    const result = action()
    scheduler.pump()
    projection.flush()
    return result
  }
  const startEntry = (entry: Entry) => {
    if (!entry.machine.can('run') || scheduler.isWaiting(entry.id) || entry.controller) return false
    scheduler.enqueue(entry.id)
    return true
  }

  let retains = 0
  let disposeTimer: ReturnType<typeof setTimeout> | undefined

  const uploader: Uploader = {
    store,
    on(type, listener) {
      if (typeof listener !== 'function') throw invalidOption('listener', listener, 'a function')
      return emitter.on(type, listener)
    },
    addFiles(files) {
      if (disposed) return intake.add([]).then(() => rejectAll(files, 'The uploader was disposed.'))
      return intake.add(files)
    },
    start(id) {
      return act(() => startEntry(entryOf(id)))
    },
    pause: (id) => act(() => pauseEntry(entryOf(id), 'user')),
    resume: (id) => act(() => requeue(entryOf(id), 'resume')),
    cancel: (id) =>
      act(() => {
        const key = cancelEntry(entryOf(id))
        if (key) forgetRecords([key])
        return key !== undefined
      }),
    retry: (id) => act(() => requeue(entryOf(id), 'retry')),
    remove: (id) =>
      act(() => {
        removeEntries(new Set([entryOf(id).id]))
        return true
      }),
    startAll: () => act(() => each(startEntry)),
    pauseAll: () => act(() => each((entry) => pauseEntry(entry, 'user'))),
    resumeAll: () => act(() => each((entry) => requeue(entry, 'resume'))),
    cancelAll: () =>
      act(() => {
        intake.abandon('Adding was stopped: all files were cancelled.')
        const forgotten: string[] = []
        for (const entry of entries.values()) {
          const key = cancelEntry(entry)
          if (key) forgotten.push(key)
        }
        forgetRecords(forgotten)
        return forgotten.length
      }),
    retryAll: () => act(() => each((entry) => entry.machine.status === 'error' && requeue(entry, 'retry'))),
    removeAll(filter) {
      checkFunction('filter', filter)
      return act(() => {
        if (!filter) intake.abandon('Adding was stopped: all files were removed.')
        const ids = new Set<string>()
        for (const id of entries.keys()) if (!filter || filter(projection.current(id)!)) ids.add(id)
        removeEntries(ids)
        return ids.size
      })
    },
    getFile: (id) => entries.get(id)?.blob,
    async whenIdle() {
      await intake.drained
      await scheduler.whenIdle()
      projection.flush()
    },
    async restoreFiles(restoreOptions = {}) {
      checkBoolean('requestPermission', restoreOptions.requestPermission)
      if (!keepFiles || disposed) return { ids: [], rejected: [] }
      const present = new Set([...entries.values()].map((entry) => entry.key))
      const inputs: FileInput[] = []
      for (const kept of await keepFiles.storage.listKept()) {
        if (present.has(kept.key)) continue
        const file = await readKeptFile(kept, restoreOptions.requestPermission ?? false).catch(() => undefined)
        if (!file) continue
        inputs.push({
          file,
          name: kept.name,
          lastModified: file.lastModified,
          ...(kept.relativePath ? { relativePath: kept.relativePath } : {}),
          ...(kept.handle ? { handle: kept.handle } : {}),
        })
      }
      return uploader.addFiles(inputs)
    },
    async clearPersistence(scope) {
      if (scope !== undefined && (typeof scope !== 'string' || scope.trim() === '')) throw invalidOption('scope', scope, 'a non-empty string')
      if (scope === undefined || scope === persistence?.scope) {
        await persistence?.storage.clear()
        return
      }
      const other = persistence ?? createPersistence({ scope, storage: 'indexeddb' })
      await other.open(scope).clear()
    },
    retain() {
      if (disposed) return () => undefined
      retains++
      clearTimeout(disposeTimer)
      let released = false
      return () => {
        if (released) return
        released = true
        if (--retains > 0) return
        disposeTimer = setTimeout(() => {
          if (retains === 0) uploader.dispose()
        }, 0)
      }
    },
    dispose() {
      if (disposed) return
      disposed = true
      clearTimeout(disposeTimer)
      intake.abandon('Adding was stopped: the uploader was disposed.')
      for (const entry of entries.values()) entry.controller?.abort(abortedBy('The uploader was disposed.'))
      unsubscribeOnline?.()
      progressEvents.cancel()
      projection.flush()
      hasher?.dispose()
      emitter.clear()
    },
    get disposed() {
      return disposed
    },
  }
  return uploader
}

function rejectAll(files: Iterable<FileInput>, message: string): AddFilesResult {
  const error = new UploadError({ code: 'aborted', message }).toJSON()
  return { ids: [], rejected: [...files].map((input) => ({ name: input.name, size: input instanceof Blob ? input.size : input.file.size, error })) }
}
