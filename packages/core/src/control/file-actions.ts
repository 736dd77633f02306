import { emptyProgress } from '../engine/file-run'
import type { Entry, UploaderContext } from './context'
import { abortedBy, fire, stopped } from './entries'

/** What a person (or the network) does to one file; each returns whether it acted. */

export function startEntry(ctx: UploaderContext, entry: Entry): boolean {
  if (!entry.machine.can('run') || ctx.scheduler.isWaiting(entry.id) || entry.controller || entry.starting) return false
  ctx.scheduler.enqueue(entry.id)
  return true
}

export function pauseEntry(ctx: UploaderContext, entry: Entry, by: 'user' | 'offline'): boolean {
  if (!entry.machine.can('pause')) return false
  entry.controller?.abort(abortedBy('Paused.'))
  ctx.scheduler.dequeue(entry.id)
  fire(ctx, entry, 'pause', { ...stopped(entry), pausedBy: by })
  return true
}

/** Resume a paused file, or retry a failed or cancelled one: back in the queue. */
export function requeue(ctx: UploaderContext, entry: Entry, event: 'resume' | 'retry'): boolean {
  if (!entry.machine.can(event)) return false
  fire(ctx, entry, event, { pausedBy: undefined, error: undefined })
  ctx.scheduler.enqueue(entry.id)
  return true
}

/**
 * Cancel one file: its requests stop, the server's session is aborted (without waiting on it).
 * Returns the file's key when its records are to be forgotten (the caller does that for many
 * files in one go), undefined when the status allowed no cancel.
 */
export function cancelEntry(ctx: UploaderContext, entry: Entry): string | undefined {
  if (!entry.machine.can('cancel')) return undefined
  entry.controller?.abort(abortedBy('The upload was cancelled.'))
  ctx.scheduler.dequeue(entry.id)
  fire(ctx, entry, 'cancel', { ...stopped(entry), finishedAt: Date.now() })
  const { provider, apiTimeoutMs } = ctx.deps
  const session = entry.progress.session
  if (session !== undefined && provider.abortUpload) {
    // A session exists only once the engine's code ran, so this import is already loaded; it is
    // not a static one so that the entry does not carry the engine's API-call code (issue #16).
    void import('../engine/api-call')
      .then(({ callApi }) => callApi((c) => provider.abortUpload!(session, c), new AbortController().signal, apiTimeoutMs, 'the abort'))
      .catch(() => undefined)
  }
  entry.progress = emptyProgress()
  return entry.key
}

/** Forget what persistence holds for these files, now: one transaction, however many files. */
export function forgetRecords(ctx: UploaderContext, keys: string[]): void {
  if (keys.length === 0 || !ctx.persistence) return
  void ctx.persistence.writes.forget(keys)
}

/**
 * Remove files (cancelling those still running): one store write for all of them. A removed
 * file is forgotten whatever its status, its resume record and kept file too: a failed file
 * removed must not come back with restoreFiles() after a reload.
 */
export function removeEntries(ctx: UploaderContext, ids: Set<string>): void {
  const forgotten: string[] = []
  for (const id of ids) {
    const entry = ctx.entries.get(id)!
    cancelEntry(ctx, entry)
    forgotten.push(entry.key)
  }
  forgetRecords(ctx, forgotten)
  for (const id of ids) ctx.entries.delete(id)
  ctx.projection.remove(ids)
  if (ctx.emitter.has('file-removed')) for (const id of ids) ctx.emitter.emit('file-removed', { id })
}
