import { type StoreApi, createStore } from 'zustand/vanilla'
import { type UploadFileState, type UploaderState, initialUploaderState } from './state'
import { type UploadTotals, countChange, settleTotals } from './totals'

export interface ProjectionOptions {
  /** Shortest time between batched writes, ms. */
  intervalMs?: number
  /** Longest time between batched writes however costly they get, ms. */
  maxIntervalMs?: number
  /**
   * Writes may take at most this share of the main thread: after a write that took `t` ms (the
   * copy of the file table plus every subscriber, e.g. React rendering), the next waits at
   * least `t / share`.
   */
  mainThreadShare?: number
  now?: () => number
}

export interface Projection {
  /** The zustand store React and apps read. Only this projection writes it. */
  readonly store: StoreApi<UploaderState>
  /** A file as it is now (changes not yet written included); undefined when it is not there. */
  current(id: string): UploadFileState | undefined
  /** The totals as they are now (changes not yet written included). */
  totals(): Readonly<UploadTotals>
  /** New files, in order: written at once (one write per call). */
  add(files: readonly UploadFileState[]): void
  /** Forget files: written at once. */
  remove(ids: ReadonlySet<string>): void
  /** Change a file: lands with the next batched write (progress fires per network packet). */
  patch(id: string, patch: Partial<UploadFileState>): UploadFileState | undefined
  /** Uploader-wide fields (online, hashing mode): written at once. */
  setGlobal(patch: Partial<Pick<UploaderState, 'online' | 'hashingMode'>>): void
  /** Write pending changes now. */
  flush(): void
  /** The wait before the next batched write (for tests and diagnostics). */
  readonly delayMs: number
}

/**
 * The store as a projection of the engine: file states, their order and the totals, kept by
 * the engine's changes alone. Changes to files are merged and written together at most every
 * `intervalMs`; a write costs time in proportion to the number of files (the file table is
 * copied, subscribers run selectors over it), so with 10,000 files the interval stretches to
 * keep that cost a small, fixed share of the main thread. Totals move with each change, O(1).
 */
export function createProjection(options: ProjectionOptions = {}): Projection {
  const { intervalMs = 50, maxIntervalMs = 1000, mainThreadShare = 0.05 } = options
  const now = options.now ?? (() => performance.now())
  const store = createStore<UploaderState>()(() => initialUploaderState())
  /** Files changed since the last write, as they are now. */
  let pending = new Map<string, UploadFileState>()
  /** Totals with the pending changes counted in; undefined when nothing is pending. */
  let draft: UploadTotals | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let delayMs = intervalMs

  const current = (id: string) => pending.get(id) ?? store.getState().files[id]
  const openDraft = () => (draft ??= { ...store.getState().totals })

  /**
   * Write what is pending, and with `edit` also add or remove files in the same write: one copy
   * of the file table per write (with 10,000 files, a flush and then a second copy per added
   * slice adds up). Totals come from the draft, which counts pending changes and `edit`'s alike.
   */
  const flush = (edit?: (files: UploaderState['files'], order: readonly string[]) => string[]) => {
    clearTimeout(timer)
    timer = undefined
    if (!edit && pending.size === 0 && !draft) return
    const changed = pending
    const totals = draft ? settleTotals(draft) : store.getState().totals
    pending = new Map()
    draft = undefined
    const started = now()
    store.setState((state) => {
      const files = { ...state.files }
      for (const [id, file] of changed) if (files[id]) files[id] = file
      return edit ? { files, order: edit(files, state.order), totals } : { files, totals }
    })
    delayMs = Math.min(maxIntervalMs, Math.max(intervalMs, (now() - started) / mainThreadShare))
  }

  return {
    store,
    current,
    totals: () => (draft ? settleTotals({ ...draft }) : store.getState().totals),
    add(files) {
      if (files.length === 0) return
      const totals = openDraft()
      for (const file of files) countChange(totals, undefined, file)
      flush((byId, order) => {
        for (const file of files) byId[file.id] = file
        return [...order, ...files.map((file) => file.id)]
      })
    },
    remove(ids) {
      if (ids.size === 0) return
      const totals = openDraft()
      for (const id of ids) countChange(totals, current(id), undefined)
      flush((byId, order) => {
        // The table is a record by id (zustand state), and this is the write's own copy.
        // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
        for (const id of ids) delete byId[id]
        return order.filter((id) => !ids.has(id))
      })
    },
    patch(id, patch) {
      const before = current(id)
      if (!before) return undefined
      const after = { ...before, ...patch }
      countChange(openDraft(), before, after)
      pending.set(id, after)
      timer ??= setTimeout(flush, delayMs)
      return after
    },
    setGlobal(patch) {
      store.setState(patch)
    },
    flush: () => flush(),
    get delayMs() {
      return delayMs
    },
  }
}
