import type { UploadFileState, UploaderState } from './state'

export interface UploadTotals {
  files: number
  bytesTotal: number
  bytesSent: number
  /** 0..1 over all files that are not cancelled. */
  progress: number
  queued: number
  uploading: number
  done: number
  failed: number
}

export const selectFile =
  (id: string) =>
  (state: UploaderState): UploadFileState | undefined =>
    state.files[id]

export const selectFileIds = (state: UploaderState): string[] => state.order

export const selectFiles = (state: UploaderState): UploadFileState[] => state.order.map((id) => state.files[id]!)

export function selectTotals(state: UploaderState): UploadTotals {
  const totals: UploadTotals = { files: 0, bytesTotal: 0, bytesSent: 0, progress: 0, queued: 0, uploading: 0, done: 0, failed: 0 }
  for (const id of state.order) {
    const file = state.files[id]!
    if (file.status === 'cancelled') continue
    totals.files++
    totals.bytesTotal += file.size
    totals.bytesSent += file.bytesSent
    if (file.status === 'queued') totals.queued++
    else if (file.status === 'uploading') totals.uploading++
    else if (file.status === 'done') totals.done++
    else if (file.status === 'error') totals.failed++
  }
  totals.progress = totals.bytesTotal === 0 ? (totals.files > 0 && totals.done === totals.files ? 1 : 0) : totals.bytesSent / totals.bytesTotal
  return totals
}

/** Progress of one file, 0..1; an empty file is complete when done. */
export function fileProgress(file: UploadFileState): number {
  if (file.size === 0) return file.status === 'done' ? 1 : 0
  return Math.min(1, file.bytesSent / file.size)
}
