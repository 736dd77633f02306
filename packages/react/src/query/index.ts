/** @uplink/react/query: TanStack Query integration (kept apart so the main entry does not need it). */
export { useServerFiles, uplinkQueryKeys } from './use-server-files'
export type { ServerFilesOptions } from './use-server-files'
export { useResumableSessions } from './use-resumable-sessions'
export type { ResumableSessionsOptions } from './use-resumable-sessions'
export { useInvalidateOnUpload } from './use-invalidate-on-upload'
export type { InvalidateOnUploadOptions } from './use-invalidate-on-upload'
