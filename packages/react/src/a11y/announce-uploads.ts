import type { SerializedUploadError, Uploader } from '@uplink/core'
import { loadErrorMessages, loadedErrorMessages } from '../i18n/lazy-error-messages'
import type { UplinkMessages } from '../i18n/messages'
import type { LiveAnnouncer } from './live-announcer'

/**
 * Announces what happens to the uploader's files, from its events (never by walking the store):
 * files added and finished politely, failures assertively (a person must learn at once that
 * something needs them), and a summary when everything has ended. Events are gathered for a
 * short window and summarised ("120 files added"), so a big drop is one sentence, not 120.
 * A failure waits for the English error sentences if its code needs them (they load with the
 * first failure): what is said cannot be corrected later, so it is the precise sentence.
 */
export function announceUploads(uploader: Uploader, announcer: LiveAnnouncer, messages: () => UplinkMessages, windowMs = 400): () => void {
  let pending = { added: [] as string[], done: [] as string[], failed: [] as Array<{ name: string; error: SerializedUploadError }> }
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false

  /** Say what is pending, then `after` (the summary); failures wait for their sentence first. */
  const flush = (after?: () => void) => {
    clearTimeout(timer)
    timer = undefined
    const m = messages()
    const { added, done, failed } = pending
    const first = failed[0]
    if (first && m.errors[first.error.code] === undefined && !loadedErrorMessages()) {
      void loadErrorMessages().then(() => stopped || flush(after))
      return
    }
    pending = { added: [], done: [], failed: [] }
    if (first) {
      const reason = m.errors[first.error.code] ?? loadedErrorMessages()?.[first.error.code] ?? m.errorFallback
      announcer.announce(m.announceFailed(failed.length, first.name, reason), 'assertive')
    }
    if (added.length) announcer.announce(m.announceAdded(added.length, added[0]!))
    if (done.length) announcer.announce(m.announceDone(done.length, done[0]!))
    after?.()
  }
  const later = () => {
    timer ??= setTimeout(() => flush(), windowMs)
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
      pending.failed.push({ name: file.name, error })
      if (messages().errors[error.code] === undefined) void loadErrorMessages()
      later()
    }),
    uploader.on('all-done', ({ totals }) => {
      // Say what is pending first, then the summary; a single file needs no summary of one.
      flush(() => {
        if (totals.done + totals.failed + totals.cancelled > 1)
          announcer.announce(messages().announceAllDone({ done: totals.done, failed: totals.failed, cancelled: totals.cancelled }))
      })
    }),
  ]

  return () => {
    stopped = true
    unsubscribe.forEach((off) => off())
    clearTimeout(timer)
  }
}
