import type { FileStatus, Uploader } from '@uplink/core'
import { type QueryKey, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'

export interface InvalidateOnUploadOptions {
  /** The statuses that change what the server holds (default: ['done']). */
  statuses?: readonly FileStatus[]
  /**
   * At most one refetch per this many ms while files keep reaching those statuses (default
   * 1000): a thousand small files finishing must not mean a thousand listings. The last change
   * is always followed by a refetch, and so is the end of all uploads.
   */
  throttleMs?: number
}

/**
 * Invalidates the given queries when files reach one of `statuses`, so server-side lists
 * refetch once uploads land. Listens to the uploader's file-status and all-done events: no
 * walk over the files and no re-render of the calling component per progress tick.
 */
export function useInvalidateOnUpload(uploader: Uploader, queryKey: QueryKey, options: InvalidateOnUploadOptions = {}): void {
  const queryClient = useQueryClient()
  // Keys and status lists are usually inline literals: compare by value, keep the latest.
  const latest = useRef({ queryKey, statuses: options.statuses ?? ['done'] })
  useEffect(() => {
    latest.current = { queryKey, statuses: options.statuses ?? ['done'] }
  })
  const throttleMs = options.throttleMs ?? 1000
  useEffect(() => {
    let last = -Infinity
    let trailing: ReturnType<typeof setTimeout> | undefined
    const invalidate = () => {
      clearTimeout(trailing)
      trailing = undefined
      last = performance.now()
      void queryClient.invalidateQueries({ queryKey: latest.current.queryKey })
    }
    const soon = () => {
      const wait = last + throttleMs - performance.now()
      if (wait <= 0) invalidate()
      else trailing ??= setTimeout(invalidate, wait)
    }
    const offStatus = uploader.on('file-status', ({ status }) => {
      if (latest.current.statuses.includes(status)) soon()
    })
    const offAll = uploader.on('all-done', () => {
      if (trailing !== undefined) invalidate()
    })
    return () => {
      offStatus()
      offAll()
      clearTimeout(trailing)
    }
  }, [uploader, queryClient, throttleMs])
}
