import type { StoreApi } from 'zustand/vanilla'
import type { UploadFileState, UploaderState } from './state'

/**
 * Coalesces per-file updates (progress fires per network packet) into one store write per
 * interval, so subscribers render at most a few times a second whatever the traffic.
 */
export function createPatchBatcher(store: StoreApi<UploaderState>, intervalMs = 100) {
  let pending = new Map<string, Partial<UploadFileState>>()
  let timer: ReturnType<typeof setTimeout> | undefined

  const flush = () => {
    clearTimeout(timer)
    timer = undefined
    if (pending.size === 0) return
    const patches = pending
    pending = new Map()
    store.setState((state) => {
      const files = { ...state.files }
      for (const [id, patch] of patches) {
        const current = files[id]
        if (current) files[id] = { ...current, ...patch }
      }
      return { files }
    })
  }

  return {
    /** Queue a patch; it lands at the next flush. */
    patch(id: string, patch: Partial<UploadFileState>) {
      pending.set(id, { ...pending.get(id), ...patch })
      timer ??= setTimeout(flush, intervalMs)
    },
    /** Write a patch now (status changes should not wait), with anything queued before it. */
    patchNow(id: string, patch: Partial<UploadFileState>) {
      pending.set(id, { ...pending.get(id), ...patch })
      flush()
    },
    flush,
  }
}

export type PatchBatcher = ReturnType<typeof createPatchBatcher>
