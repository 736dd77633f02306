import { type QueryKey, type UseQueryOptions, type UseQueryResult, useQuery } from '@tanstack/react-query'
import { useUploader } from '../context'
import { useInvalidateOnUpload } from './use-invalidate-on-upload'

export const uplinkQueryKeys = {
  all: ['uplink'] as const,
  serverFiles: (scope: unknown = 'default') => ['uplink', 'server-files', scope] as const,
  sessions: (scope: unknown = 'default') => ['uplink', 'sessions', scope] as const,
}

export type ServerFilesOptions<T> = Omit<UseQueryOptions<T, Error, T, QueryKey>, 'queryKey' | 'queryFn'> & {
  /** The app's own fetch of what the server holds (e.g. a bucket listing). */
  queryFn: (context: { signal: AbortSignal }) => Promise<T>
  queryKey?: QueryKey
  /**
   * While files keep finishing, refetch at most once per this many ms (default 1000); the end
   * of the uploads always refetches. A listing of a whole store can cost the server more than
   * the uploads it lists: raise it for pages that take many files at once.
   */
  refetchThrottleMs?: number
}

/**
 * What the server already holds, through TanStack Query, refetched whenever an upload in
 * the uploader in context finishes. Needs a QueryClientProvider above it.
 */
export function useServerFiles<T>({ queryFn, queryKey = uplinkQueryKeys.serverFiles(), refetchThrottleMs, ...options }: ServerFilesOptions<T>): UseQueryResult<T, Error> {
  const uploader = useUploader()
  useInvalidateOnUpload(uploader, queryKey, { statuses: ['done'], ...(refetchThrottleMs === undefined ? {} : { throttleMs: refetchThrottleMs }) })
  return useQuery({ ...options, queryKey, queryFn: ({ signal }) => queryFn({ signal }) })
}
