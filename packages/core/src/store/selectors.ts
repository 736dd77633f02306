import type { UploadFileState, UploaderState } from './state'
import type { UploadTotals } from './totals'

export const selectFile =
  (id: string) =>
  (state: UploaderState): UploadFileState | undefined =>
    state.files[id]

export const selectFileIds = (state: UploaderState): string[] => state.order

/** Totals over all files, kept as files change (the same object until something changes). */
export const selectTotals = (state: UploaderState): Readonly<UploadTotals> => state.totals

const filesPerState = new WeakMap<UploaderState, readonly UploadFileState[]>()

/**
 * Every file in the order added; the same array for the same state. It walks the files once
 * per store write however often it is read (React reads a snapshot two or three times per update).
 */
export function selectFiles(state: UploaderState): readonly UploadFileState[] {
  let files = filesPerState.get(state)
  if (!files) filesPerState.set(state, (files = state.order.map((id) => state.files[id]!)))
  return files
}

/** Progress of one file, 0..1; an empty file is complete when done. */
export function fileProgress(file: UploadFileState): number {
  if (file.size === 0) return file.status === 'done' ? 1 : 0
  return Math.min(1, file.bytesSent / file.size)
}
