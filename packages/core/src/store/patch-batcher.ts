import type { StoreApi } from 'zustand/vanilla'
import type { UploadFileState, UploaderState } from './state'

export interface PatchBatcherOptions {
  /** Shortest time between writes, ms. */
  intervalMs?: number
  /** Longest time between writes however costly they get, ms. */
  maxIntervalMs?: number
  /**
   * Writes may take at most this share of the main thread: after a write that took `t` ms
   * (the copy of the file table plus every subscriber, e.g. React rendering), the next waits
   * at least `t / share`.
   */
  mainThreadShare?: number
  now?: () => number
}

/**
 * Coalesces per-file updates (progress fires per network packet) into one store write per
 * interval, so subscribers render at most a few times a second whatever the traffic. A write
 * costs time in proportion to the number of files (the file table is copied, subscribers run
 * selectors over it), so with 10,000 files the interval stretches to keep that cost a small,
 * fixed share of the main thread instead of letting it grow with the list.
 */
export function createPatchBatcher(store: StoreApi<UploaderState>, options: PatchBatcherOptions = {}) {
  const { intervalMs = 50, maxIntervalMs = 1000, mainThreadShare = 0.05 } = options
  const now = options.now ?? (() => performance.now())
  let pending = new Map<string, Partial<UploadFileState>>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let delayMs = intervalMs

  const flush = () => {
    clearTimeout(timer)
    timer = undefined
    if (pending.size === 0) return
    const patches = pending
    pending = new Map()
    const started = now()
    store.setState((state) => {
      const files = { ...state.files }
      for (const [id, patch] of patches) {
        const current = files[id]
        if (current) files[id] = { ...current, ...patch }
      }
      return { files }
    })
    delayMs = Math.min(maxIntervalMs, Math.max(intervalMs, (now() - started) / mainThreadShare))
  }

  return {
    /** Queue a patch; it lands at the next flush. */
    patch(id: string, patch: Partial<UploadFileState>) {
      pending.set(id, { ...pending.get(id), ...patch })
      timer ??= setTimeout(flush, delayMs)
    },
    /** Write a patch now (status changes should not wait), with anything queued before it. */
    patchNow(id: string, patch: Partial<UploadFileState>) {
      pending.set(id, { ...pending.get(id), ...patch })
      flush()
    },
    flush,
    /** The wait before the next write (for tests and diagnostics). */
    get delayMs() {
      return delayMs
    },
  }
}

export type PatchBatcher = ReturnType<typeof createPatchBatcher>
