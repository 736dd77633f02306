import { createActivity } from '../engine/activity'
import type { FileEvent, FileStatus } from '../engine/file-machine'
import { createSpeedMeter } from '../engine/speed-meter'
import { uploadFile } from '../engine/upload-file'
import { uploadResult } from '../engine/upload-result'
import { toUploadError } from '../errors'
import type { UploadResult } from '../types'
import type { Entry, UploaderContext } from './context'
import { failFile, fire } from './entries'

/** The event that shows a phase of a running file. */
const PHASE_EVENT: Partial<Record<FileStatus, FileEvent>> = { preparing: 'prepare', uploading: 'send', completing: 'complete', retrying: 'wait' }

/**
 * Run one queued file to its end (done, failed, paused or cancelled), never twice at once: a
 * file resumed while its paused run still winds down waits for that run to end.
 */
export async function runFile(ctx: UploaderContext, entry: Entry | undefined): Promise<void> {
  if (!entry) return
  while (entry.running) await entry.running.catch(() => undefined)
  if (entry.machine.status !== 'queued' || ctx.disposed) return
  const running = runOnce(ctx, entry)
  entry.running = running
  try {
    await running
  } finally {
    if (entry.running === running) entry.running = undefined
  }
}

async function runOnce(ctx: UploaderContext, entry: Entry): Promise<void> {
  const { projection, options } = ctx
  const controller = new AbortController()
  const { signal } = controller
  entry.controller = controller
  const meter = (entry.meter ??= createSpeedMeter())
  meter.reset()
  fire(ctx, entry, 'run', { startedAt: Date.now(), error: undefined, pausedBy: undefined, finishedAt: undefined })
  const activity = createActivity((status) => {
    if (!signal.aborted) fire(ctx, entry, PHASE_EVENT[status]!)
  })
  try {
    const stored = await uploadFile(ctx.deps, {
      key: entry.key,
      blob: entry.blob,
      info: entry.info,
      handle: entry.handle,
      progress: entry.progress,
      signal,
      activity,
      onProgress: ({ bytesSent, partsDone, partsTotal }) => {
        if (signal.aborted) return
        meter.sample(bytesSent)
        projection.patch(entry.id, { bytesSent, partsDone, partsTotal, speed: meter.speed, etaSeconds: meter.eta(entry.info.size - bytesSent) })
        ctx.progressEvents.push(entry.id, bytesSent)
      },
      onPartDone: ({ number, offset, size }) => ctx.emitter.emit('part-done', { id: entry.id, part: { number, offset, size } }),
      onHashed: (sha256) => projection.patch(entry.id, { sha256 }),
      upcoming: (count, accept) => upcomingFiles(ctx, entry, count, accept),
      beforeUpload: async () => {
        if (!options.onBeforeUpload) return undefined
        const decision = await options.onBeforeUpload(projection.current(entry.id)!, entry.info)
        return decision && 'skip' in decision ? decision.skip : undefined
      },
    })
    // Stored: its resume record and kept copy are of no more use (forgotten with the other files
    // finishing about now, in one transaction), also when it was paused or cancelled just after.
    void ctx.persistence?.writes.finished(entry.key, entry.progress.session !== undefined)
    if (!signal.aborted) succeed(ctx, entry, uploadResult(stored))
  } catch (thrown) {
    // Paused, cancelled or disposed: their status is set already.
    if (!signal.aborted) failFile(ctx, entry, toUploadError(thrown))
  } finally {
    if (entry.controller === controller) entry.controller = undefined
    const mode = ctx.hashingMode()
    if (mode && projection.store.getState().hashingMode !== mode) projection.setGlobal({ hashingMode: mode })
  }
}

function succeed(ctx: UploaderContext, entry: Entry, result: UploadResult): void {
  ctx.progressEvents.flush()
  const file = fire(ctx, entry, 'succeed', { bytesSent: entry.info.size, speed: 0, etaSeconds: 0, result, finishedAt: Date.now() })
  if (!file) return
  ctx.emitter.emit('file-done', { id: entry.id, file, result })
  ctx.options.onComplete?.(file, result)
}

/** Statuses of a file that will still send its bytes (waiting, or started and not sending yet). */
const WILL_SEND = new Set<FileStatus>(['queued', 'preparing', 'uploading'])

/**
 * The files that will be sent after `entry`, in the order they were added: those waiting to
 * start and those started that have sent nothing yet, at most `count` of those `accept` takes.
 * Small-file URLs are signed for them together with this file's.
 */
function upcomingFiles(ctx: UploaderContext, entry: Entry, count: number, accept: (file: Entry['info']) => boolean): Array<Entry['info']> {
  const files: Array<Entry['info']> = []
  for (const next of ctx.entries.values()) {
    if (files.length >= count) break
    if (next === entry || next.progress.session || next.progress.receipts.size > 0 || !WILL_SEND.has(next.machine.status)) continue
    if (accept(next.info)) files.push(next.info)
  }
  return files
}
