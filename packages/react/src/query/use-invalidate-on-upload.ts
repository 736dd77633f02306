import type { FileStatus, Uploader, UploaderState } from '@uplink/core'
import { type QueryKey, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'

/**
 * Invalidates the given queries whenever a file reaches one of `statuses` (default: 'done'),
 * so server-side lists refetch once an upload lands. Subscribes to the store directly: no
 * re-render of the calling component per progress tick.
 */
export function useInvalidateOnUpload(
  uploader: Uploader,
  queryKey: QueryKey,
  statuses: readonly FileStatus[] = ['done'],
): void {
  const queryClient = useQueryClient()
  // Keys and status lists are usually inline literals: compare by value, keep the latest.
  const latest = useRef({ queryKey, statuses })
  useEffect(() => {
    latest.current = { queryKey, statuses }
  })
  useEffect(
    () =>
      uploader.store.subscribe((state, previous) => {
        if (reachedStatus(state, previous, latest.current.statuses))
          void queryClient.invalidateQueries({ queryKey: latest.current.queryKey })
      }),
    [uploader, queryClient],
  )
}

/** Whether any file moved into one of the statuses between two states. */
export function reachedStatus(state: UploaderState, previous: UploaderState, statuses: readonly FileStatus[]): boolean {
  if (state.files === previous.files) return false
  for (const id of state.order) {
    const file = state.files[id]!
    const before = previous.files[id]
    if (file !== before && statuses.includes(file.status) && before?.status !== file.status) return true
  }
  return false
}
