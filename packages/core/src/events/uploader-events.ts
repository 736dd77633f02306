import type { FileStatus } from '../engine/file-machine'
import type { UploadError } from '../errors'
import type { UploadFileState } from '../store/state'
import type { UploadTotals } from '../store/totals'
import type { UploadResult } from '../types'

/**
 * What `uploader.on(type, listener)` reports. Each event's `file` is the file as it is at that
 * moment (the store catches up within its next write).
 */
export interface UploaderEvents {
  /** A file was accepted and is in the uploader. */
  'file-added': { file: UploadFileState }
  /** A file was removed from the uploader. */
  'file-removed': { id: string }
  /** A file's status changed (the machine's transition). */
  'file-status': { id: string; status: FileStatus; previous: FileStatus; file: UploadFileState }
  /** Bytes of a file on their way; at most once per animation frame per file. */
  'part-progress': { id: string; bytesSent: number; size: number }
  /** A part is stored (and recorded for resume). */
  'part-done': { id: string; part: { number: number; offset: number; size: number } }
  'file-done': { id: string; file: UploadFileState; result: UploadResult }
  'file-error': { id: string; file: UploadFileState; error: UploadError }
  /** The last running file ended: nothing runs or waits to run. */
  'all-done': { totals: UploadTotals }
}

export type UploaderEventType = keyof UploaderEvents
