import { isActive } from '../engine/file-machine'
import type { UploadFileState } from './state'

export interface UploadTotals {
  /** Files in the uploader, cancelled ones aside. */
  files: number
  queued: number
  /** Preparing, uploading, retrying or completing. */
  active: number
  paused: number
  done: number
  failed: number
  cancelled: number
  /** Bytes of every file that is not cancelled. */
  bytesTotal: number
  /** Bytes sent of those files (a failed file counts only what the server acknowledged). */
  bytesSent: number
  /** bytesSent / bytesTotal, 0..1 (1 when every file is done, empty files included). */
  progress: number
  /** Bytes per second over all files. */
  speed: number
  /** Seconds left for everything at the current speed; undefined when unknown. */
  etaSeconds: number | undefined
}

export const emptyTotals = (): UploadTotals => ({
  files: 0,
  queued: 0,
  active: 0,
  paused: 0,
  done: 0,
  failed: 0,
  cancelled: 0,
  bytesTotal: 0,
  bytesSent: 0,
  progress: 0,
  speed: 0,
  etaSeconds: undefined,
})

type Counted = Pick<UploadFileState, 'status' | 'size' | 'bytesSent' | 'speed'>

/**
 * Move one file's share of the totals: `before` out, `after` in (either undefined when the file
 * came or went). O(1) whatever the number of files; call `settleTotals` after a batch of these.
 */
export function countChange(draft: UploadTotals, before: Counted | undefined, after: Counted | undefined): void {
  if (before) count(draft, before, -1)
  if (after) count(draft, after, 1)
}

/** Work out the derived figures (progress, speed, time left) after counting changes. */
export function settleTotals(draft: UploadTotals): UploadTotals {
  // Sums of floating-point speeds drift: with nothing running the speed is exactly 0.
  if (draft.active === 0 || draft.speed < 1e-6) draft.speed = 0
  const remaining = draft.bytesTotal - draft.bytesSent
  draft.etaSeconds = remaining <= 0 ? 0 : draft.speed > 0 ? remaining / draft.speed : undefined
  draft.progress = draft.bytesTotal === 0 ? (draft.files > 0 && draft.done === draft.files ? 1 : 0) : draft.bytesSent / draft.bytesTotal
  return draft
}

function count(totals: UploadTotals, file: Counted, sign: 1 | -1): void {
  if (file.status === 'cancelled') {
    totals.cancelled += sign
    return
  }
  totals.files += sign
  totals.bytesTotal += sign * file.size
  totals.bytesSent += sign * file.bytesSent
  if (isActive(file.status)) {
    totals.active += sign
    totals.speed += sign * file.speed
  } else if (file.status === 'queued') totals.queued += sign
  else if (file.status === 'paused') totals.paused += sign
  else if (file.status === 'done') totals.done += sign
  else if (file.status === 'error') totals.failed += sign
}

/** Totals counted from scratch, for states written by hand (e.g. fixed-state stories and tests). */
export function countTotals(files: Iterable<Counted>): UploadTotals {
  const draft = emptyTotals()
  for (const file of files) countChange(draft, undefined, file)
  return settleTotals(draft)
}
