import type { SerializedUploadError } from '../errors'
import type { UploadResult } from '../types'

export type FileStatus = 'queued' | 'uploading' | 'done' | 'error' | 'cancelled'

/** Everything the UI may show about one file. Plain data: safe to clone, persist and compare. */
export interface UploadFileState {
  id: string
  name: string
  size: number
  type: string
  relativePath: string | undefined
  status: FileStatus
  /** Bytes acknowledged plus bytes of parts still in flight. */
  bytesSent: number
  partsTotal: number
  partsDone: number
  error: SerializedUploadError | undefined
  result: UploadResult | undefined
  addedAt: number
  startedAt: number | undefined
  finishedAt: number | undefined
}

export interface UploaderState {
  files: Record<string, UploadFileState>
  /** File ids in the order they were added. */
  order: string[]
  /** Where parts are read and hashed. */
  hashingMode: 'worker' | 'main-thread'
}

export const initialUploaderState = (): UploaderState => ({ files: {}, order: [], hashingMode: 'worker' })
