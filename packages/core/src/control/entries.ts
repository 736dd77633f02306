import type { FileEvent } from '../engine/file-machine'
import { UploadError } from '../errors'
import type { UploadFileState } from '../store/state'
import type { Entry, UploaderContext } from './context'

/** Apply an event to a file's machine: the store and the listeners follow. Undefined when refused. */
export function fire(ctx: UploaderContext, entry: Entry, event: FileEvent, extra: Partial<UploadFileState> = {}): UploadFileState | undefined {
  const previous = entry.machine.status
  if (!entry.machine.send(event)) return undefined
  const status = entry.machine.status
  const file = ctx.projection.patch(entry.id, { ...extra, status })
  if (file && status !== previous) ctx.emitter.emit('file-status', { id: entry.id, status, previous, file })
  return file
}

/** What a file shows once nothing is sent: no speed, and only the bytes the server acknowledged. */
export function stopped(entry: Entry): Partial<UploadFileState> {
  let bytesSent = 0
  for (const receipt of entry.progress.receipts.values()) bytesSent += receipt.size
  return { speed: 0, etaSeconds: undefined, bytesSent }
}

/** The entry of an id; a missing or unknown id is a typed error, never "every file". */
export function entryOf(ctx: UploaderContext, id: string): Entry {
  const entry = typeof id === 'string' ? ctx.entries.get(id) : undefined
  if (!entry) throw new UploadError({ code: 'unknown-file', message: `No file with id ${JSON.stringify(id)} is in this uploader.` })
  return entry
}

export const abortedBy = (message: string) => new UploadError({ code: 'aborted', message })
