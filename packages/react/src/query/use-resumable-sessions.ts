import { type QueryKey, type UseQueryOptions, type UseQueryResult, useQuery } from '@tanstack/react-query'
import { useUploader } from '../context'
import { useInvalidateOnUpload } from './use-invalidate-on-upload'
import { uplinkQueryKeys } from './use-server-files'

export type ResumableSessionsOptions<T> = Omit<UseQueryOptions<T, Error, T, QueryKey>, 'queryKey' | 'queryFn'> & {
  /** The app's fetch of unfinished upload sessions (e.g. S3 ListMultipartUploads via its API). */
  queryFn: (context: { signal: AbortSignal }) => Promise<T>
  queryKey?: QueryKey
}

/**
 * Unfinished upload sessions the server keeps (to offer "resume" or clean-up), through
 * TanStack Query; refetched when a file finishes, fails or is cancelled, since each of
 * those changes what is open on the server.
 */
export function useResumableSessions<T>({
  queryFn,
  queryKey = uplinkQueryKeys.sessions(),
  ...options
}: ResumableSessionsOptions<T>): UseQueryResult<T, Error> {
  const uploader = useUploader()
  useInvalidateOnUpload(uploader, queryKey, { statuses: ['done', 'error', 'cancelled'] })
  return useQuery({ ...options, queryKey, queryFn: ({ signal }) => queryFn({ signal }) })
}
