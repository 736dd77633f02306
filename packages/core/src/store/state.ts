import type { FileStatus } from '../engine/file-machine'
import type { SerializedUploadError } from '../errors'
import type { UploadResult } from '../types'
import { type UploadTotals, emptyTotals } from './totals'

/** Everything the UI may show about one file. Plain data: safe to clone, persist and compare. */
export interface UploadFileState {
  id: string
  name: string
  size: number
  type: string
  relativePath: string | undefined
  status: FileStatus
  /** Why the file is paused: by the user, or because the browser went offline. */
  pausedBy: 'user' | 'offline' | undefined
  /** Bytes acknowledged plus bytes of parts still in flight (acknowledged bytes only once failed). */
  bytesSent: number
  partsTotal: number
  partsDone: number
  /** Bytes per second, moving average; 0 when not sending. */
  speed: number
  /** Seconds left at the current speed; undefined when unknown. */
  etaSeconds: number | undefined
  /** Whole-file SHA-256 (hex), when it was computed. */
  sha256: string | undefined
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
  /** Counts, bytes, speed and time left over all files, kept as files change (never recounted). */
  totals: UploadTotals
  /** Where parts are read and hashed. */
  hashingMode: 'worker' | 'main-thread'
  /** The browser's network state; uploads pause while offline. */
  online: boolean
}

export const initialUploaderState = (): UploaderState => ({ files: {}, order: [], totals: emptyTotals(), hashingMode: 'worker', online: true })

export type { FileStatus, UploadTotals }
