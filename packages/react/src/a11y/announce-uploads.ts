import type { Uploader } from '@uplink/core'
import { type UplinkMessages, errorText } from '../i18n/messages'
import type { LiveAnnouncer } from './live-announcer'

/**
 * Announces what happens to the uploader's files, from its events (never by walking the store):
 * files added and finished politely, failures assertively (a person must learn at once that
 * something needs them), and a summary when everything has ended. Events are gathered for a
 * short window and summarised ("120 files added"), so a big drop is one sentence, not 120.
 */
export function announceUploads(uploader: Uploader, announcer: LiveAnnouncer, messages: () => UplinkMessages, windowMs = 400): () => void {
  let pending = { added: [] as string[], done: [] as string[], failed: [] as Array<{ name: string; reason: string }> }
  let timer: ReturnType<typeof setTimeout> | undefined

  const flush = () => {
    clearTimeout(timer)
    timer = undefined
    const m = messages()
    const { added, done, failed } = pending
    pending = { added: [], done: [], failed: [] }
    if (failed.length) announcer.announce(m.announceFailed(failed.length, failed[0]!.name, failed[0]!.reason), 'assertive')
    if (added.length) announcer.announce(m.announceAdded(added.length, added[0]!))
    if (done.length) announcer.announce(m.announceDone(done.length, done[0]!))
  }
  const later = () => {
    timer ??= setTimeout(flush, windowMs)
  }

  const unsubscribe = [
    uploader.on('file-added', ({ file }) => {
      pending.added.push(file.name)
      later()
    }),
    uploader.on('file-done', ({ file }) => {
      pending.done.push(file.name)
      later()
    }),
    uploader.on('file-error', ({ file, error }) => {
      pending.failed.push({ name: file.name, reason: errorText(messages(), error) })
      later()
    }),
    uploader.on('all-done', ({ totals }) => {
      // Say what is pending first, then the summary; a single file needs no summary of one.
      flush()
      if (totals.done + totals.failed + totals.cancelled > 1)
        announcer.announce(messages().announceAllDone({ done: totals.done, failed: totals.failed, cancelled: totals.cancelled }))
    }),
  ]

  return () => {
    unsubscribe.forEach((off) => off())
    clearTimeout(timer)
  }
}
