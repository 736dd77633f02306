import type { StoreApi } from 'zustand/vanilla'
import type { Entry, UploaderContext } from './control/context'
import { abortedBy, entryOf } from './control/entries'
import { cancelEntry, forgetRecords, pauseEntry, removeEntries, requeue, startEntry } from './control/file-actions'
import { lazyEngine } from './control/lazy-engine'
import { followNetwork } from './control/network'
import type { AutoTuner } from './engine/auto-tuner'
import { createFileMachine } from './engine/file-machine'
import { type EngineDeps, emptyProgress } from './engine/file-run'
import { createLimiter } from './engine/limiter'
import { DEFAULT_PART_SIZE, MiB } from './engine/planner'
import { DEFAULT_RETRY } from './engine/retryer'
import { type Scheduler, createScheduler } from './engine/scheduler'
import { browserOnlineManager } from './environment/online-manager'
import { UploadError } from './errors'
import { createEmitter } from './events/emitter'
import { createFrameThrottle } from './events/frame-throttle'
import type { UploaderEventType, UploaderEvents } from './events/uploader-events'
import type { AcceptedFile, AddFilesResult, FileInput } from './files/add-files'
import { createFileIntake } from './files/file-intake'
import type { PartHasher } from './hashing/part-hasher'
import { type UploaderOptions, validateOptions } from './options/uploader-options'
import { checkBoolean, checkFunction, invalidOption } from './options/validate'
import { createPersistence, scopeStorage } from './persistence/persistence'
import { uploadKey } from './persistence/records'
import { createProjection } from './store/projection'
import type { UploadFileState, UploaderState } from './store/state'

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

/** The wiring: builds the engine's parts, connects them, and exposes the public actions. */
export function createUploader(options: UploaderOptions): Uploader {
  validateOptions(options)
  const { provider } = options
  const concurrency = options.concurrency ?? 4
  const persistence = options.persistence ? createPersistence(options.persistence) : undefined
  let tuner: AutoTuner | undefined // partSize 'auto': made with the engine's code (a file runs only once it is loaded)
  let hasher: PartHasher | undefined = options.hasher
  let hasherLoading: Promise<PartHasher> | undefined
  let disposed = false

  // What only some pages need loads on first use, not with the entry: the engine's code with the
  // first file added, the hashing pool (and its worker) with the first checksum.
  const engine = lazyEngine((code) => {
    if (options.partSize === 'auto') {
      tuner = code.createAutoTuner({ maxConcurrency: concurrency, minPartSize: provider.limits.minPartSize, maxPartSize: Math.min(provider.limits.maxPartSize, 128 * MiB) })
    }
  })
  const loadHasher = () =>
    (hasherLoading ??= hasher
      ? Promise.resolve(hasher)
      : import('./hashing/worker-pool').then(({ createWorkerPool }) => {
          const pool = createWorkerPool({ size: options.hashing?.workers, readyTimeoutMs: options.hashing?.readyTimeoutMs, fallback: options.hashing?.fallback })
          if (disposed) pool.dispose() // disposed while the pool's code loaded: its jobs fail at once
          return (hasher = pool)
        }))

  const deps: EngineDeps = {
    provider,
    transport: options.transport,
    limiter: createLimiter(concurrency),
    hasher: loadHasher,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    online: options.onlineManager ?? browserOnlineManager,
    apiTimeoutMs: options.apiTimeoutMs ?? 30_000,
    stallTimeoutMs: options.stallTimeoutMs ?? 30_000,
    singleRequestMaxSize: options.singleRequestMaxSize ?? 8 * MiB,
    partSize: () => tuner?.partSize ?? (typeof options.partSize === 'number' ? options.partSize : DEFAULT_PART_SIZE),
    concurrency: () => tuner?.concurrency ?? concurrency,
    ...(options.partSize === 'auto' ? { onPartOutcome: (o) => (o.ok ? tuner?.recordSuccess(o.bytes, o.ms) : tuner?.recordFailure()) } : {}),
    records: persistence?.resume ? persistence.storage : undefined,
    recordLifetimeMs: persistence?.maxAgeMs ?? 0,
    wholeFileHash: options.wholeFileHash ?? false,
  }

  const entries = new Map<string, Entry>()
  const projection = createProjection()
  const emitter = createEmitter<UploaderEvents>()
  const ctx: UploaderContext = {
    options,
    deps,
    entries,
    projection,
    emitter,
    scheduler: undefined as unknown as Scheduler, // set just below: its runs need this context
    persistence,
    online: deps.online,
    progressEvents: createFrameThrottle<number>((id, bytesSent) => {
      const entry = entries.get(id)
      if (entry) emitter.emit('part-progress', { id, bytesSent, size: entry.info.size })
    }),
    hashingMode: () => hasher?.mode,
    get disposed() {
      return disposed
    },
  }
  const scheduler = createScheduler({
    maxActive: options.maxActiveFiles ?? concurrency * 2,
    run: (id) => engine.run(ctx, entries.get(id)),
    onIdle: () => emitter.emit('all-done', { totals: projection.totals() }),
  })
  ctx.scheduler = scheduler
  projection.setGlobal({ online: deps.online.isOnline() })

  // Environment listeners attach with the first file, so an uploader made and dropped (React
  // StrictMode renders twice) holds nothing; they go on dispose.
  let stopFollowingNetwork: (() => void) | undefined
  const keepFiles = persistence?.keepFiles ? persistence : undefined
  const intake = createFileIntake({
    restrictions: options.restrictions,
    currentCounts: () => {
      const totals = projection.totals()
      return { count: totals.files, totalSize: totals.bytesTotal }
    },
    register({ state, blob, info, handle }: AcceptedFile) {
      const key = uploadKey(provider.name, info)
      // Written with the slice, in one transaction (commit below flushes).
      if (keepFiles) void keepFiles.writes.keep({ key, name: info.name, relativePath: info.relativePath, file: blob, handle }, Date.now())
      entries.set(state.id, { id: state.id, blob, info, handle, key, machine: createFileMachine(state.id), progress: emptyProgress(), controller: undefined, running: undefined, starting: false, meter: undefined })
    },
    commit(accepted) {
      if (keepFiles) void keepFiles.writes.flush()
      projection.add(accepted.map((a) => a.state))
      void engine.load().catch(() => undefined) // fetched early, also when autoStart is off; a failed load fails the runs
      stopFollowingNetwork ??= followNetwork(ctx)
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
  const cancelAndForget = (targets: Iterable<Entry>) => {
    const forgotten: string[] = []
    for (const entry of targets) {
      const key = cancelEntry(ctx, entry)
      if (key) forgotten.push(key)
    }
    forgetRecords(ctx, forgotten)
    return forgotten.length
  }

  let retains = 0
  let disposeTimer: ReturnType<typeof setTimeout> | undefined

  const uploader: Uploader = {
    store: projection.store,
    on(type, listener) {
      if (typeof listener !== 'function') throw invalidOption('listener', listener, 'a function')
      return emitter.on(type, listener)
    },
    addFiles(files) {
      if (disposed) return intake.add([]).then(() => rejectAll(files, 'The uploader was disposed.'))
      return intake.add(files)
    },
    start: (id) => act(() => startEntry(ctx, entryOf(ctx, id))),
    pause: (id) => act(() => pauseEntry(ctx, entryOf(ctx, id), 'user')),
    resume: (id) => act(() => requeue(ctx, entryOf(ctx, id), 'resume')),
    cancel: (id) => act(() => cancelAndForget([entryOf(ctx, id)]) > 0),
    retry: (id) => act(() => requeue(ctx, entryOf(ctx, id), 'retry')),
    remove: (id) =>
      act(() => {
        removeEntries(ctx, new Set([entryOf(ctx, id).id]))
        return true
      }),
    startAll: () => act(() => each((entry) => startEntry(ctx, entry))),
    pauseAll: () => act(() => each((entry) => pauseEntry(ctx, entry, 'user'))),
    resumeAll: () => act(() => each((entry) => requeue(ctx, entry, 'resume'))),
    cancelAll: () =>
      act(() => {
        intake.abandon('Adding was stopped: all files were cancelled.')
        return cancelAndForget(entries.values())
      }),
    retryAll: () => act(() => each((entry) => entry.machine.status === 'error' && requeue(ctx, entry, 'retry'))),
    removeAll(filter) {
      checkFunction('filter', filter)
      return act(() => {
        if (!filter) intake.abandon('Adding was stopped: all files were removed.')
        const ids = new Set<string>()
        for (const id of entries.keys()) if (!filter || filter(projection.current(id)!)) ids.add(id)
        removeEntries(ctx, ids)
        return ids.size
      })
    },
    getFile: (id) => entries.get(id)?.blob,
    async whenIdle() {
      await intake.drained
      await scheduler.whenIdle()
      projection.flush()
      await persistence?.writes.flush() // what the finished files left to forget has landed
    },
    async restoreFiles(restoreOptions = {}) {
      checkBoolean('requestPermission', restoreOptions.requestPermission)
      if (!keepFiles || disposed) return { ids: [], rejected: [] }
      const { keptInputs } = await import('./control/restore-files')
      const present = new Set([...entries.values()].map((entry) => entry.key))
      return uploader.addFiles(await keptInputs(keepFiles.storage, present, restoreOptions.requestPermission ?? false))
    },
    async clearPersistence(scope) {
      if (scope !== undefined && (typeof scope !== 'string' || scope.trim() === '')) throw invalidOption('scope', scope, 'a non-empty string')
      if (scope === undefined || scope === persistence?.scope) return void (await persistence?.storage.clear())
      await (persistence?.open(scope) ?? scopeStorage({ scope })).clear()
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
        // Disposed in a later task, unless retained again before (StrictMode mounts again at once).
        disposeTimer = setTimeout(() => uploader.dispose(), 0)
      }
    },
    dispose() {
      if (disposed) return
      disposed = true
      clearTimeout(disposeTimer)
      intake.abandon('Adding was stopped: the uploader was disposed.')
      for (const entry of entries.values()) entry.controller?.abort(abortedBy('The uploader was disposed.'))
      stopFollowingNetwork?.()
      ctx.progressEvents.cancel()
      projection.flush()
      hasher?.dispose()
      void persistence?.writes.close()
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
