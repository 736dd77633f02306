import type { UploadFileState, UploaderState } from './state'

export interface UploadTotals {
  files: number
  bytesTotal: number
  bytesSent: number
  /** 0..1 over all files that are not cancelled. */
  progress: number
  queued: number
  uploading: number
  paused: number
  done: number
  failed: number
  /** Bytes per second over all files. */
  speed: number
  /** Seconds left for everything at the current speed; undefined when unknown. */
  etaSeconds: number | undefined
}

export const selectFile =
  (id: string) =>
  (state: UploaderState): UploadFileState | undefined =>
    state.files[id]

export const selectFileIds = (state: UploaderState): string[] => state.order

/**
 * Remembers a selector's result per state object. Every store write makes a new state object,
 * and in between the same state is read many times (React reads a snapshot two or three times
 * per update), so selectors that walk all files run once per write, not once per read.
 */
function memoPerState<T>(select: (state: UploaderState) => T): (state: UploaderState) => T {
  const results = new WeakMap<UploaderState, T>()
  return (state) => {
    if (results.has(state)) return results.get(state)!
    const result = select(state)
    results.set(state, result)
    return result
  }
}

/** Every file in the order added; the same array for the same state. */
export const selectFiles: (state: UploaderState) => readonly UploadFileState[] = memoPerState((state) => state.order.map((id) => state.files[id]!))

/** Totals over all files; the same object for the same state. */
export const selectTotals: (state: UploaderState) => Readonly<UploadTotals> = memoPerState(computeTotals)

function computeTotals(state: UploaderState): UploadTotals {
  const totals: UploadTotals = {
    files: 0,
    bytesTotal: 0,
    bytesSent: 0,
    progress: 0,
    queued: 0,
    uploading: 0,
    paused: 0,
    done: 0,
    failed: 0,
    speed: 0,
    etaSeconds: undefined,
  }
  for (const id of state.order) {
    const file = state.files[id]!
    if (file.status === 'cancelled') continue
    totals.files++
    totals.bytesTotal += file.size
    totals.bytesSent += file.bytesSent
    totals.speed += file.speed
    if (file.status === 'queued') totals.queued++
    else if (file.status === 'uploading') totals.uploading++
    else if (file.status === 'paused') totals.paused++
    else if (file.status === 'done') totals.done++
    else if (file.status === 'error') totals.failed++
  }
  const remaining = totals.bytesTotal - totals.bytesSent
  totals.etaSeconds = remaining <= 0 ? 0 : totals.speed > 0 ? remaining / totals.speed : undefined
  totals.progress = totals.bytesTotal === 0 ? (totals.files > 0 && totals.done === totals.files ? 1 : 0) : totals.bytesSent / totals.bytesTotal
  return totals
}

/** Progress of one file, 0..1; an empty file is complete when done. */
export function fileProgress(file: UploadFileState): number {
  if (file.size === 0) return file.status === 'done' ? 1 : 0
  return Math.min(1, file.bytesSent / file.size)
}
