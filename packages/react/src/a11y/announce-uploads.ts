import type { StoreApi } from 'zustand/vanilla'
import type { UploaderState } from '@uplink/core'
import { type UplinkMessages, errorText } from '../i18n/messages'
import type { Announcer } from './announcer'

/**
 * Watches the store and announces files added, finished and failed. Changes are gathered for
 * a short window and summarised ("120 files added"), so a big drop is one sentence, not 120.
 */
export function announceUploads(
  store: StoreApi<UploaderState>,
  announcer: Announcer,
  messages: () => UplinkMessages,
  windowMs = 400,
): () => void {
  let previous = store.getState()
  let pending = { added: [] as string[], done: [] as string[], failed: [] as Array<{ name: string; reason: string }> }
  let timer: ReturnType<typeof setTimeout> | undefined

  const flush = () => {
    timer = undefined
    const m = messages()
    const { added, done, failed } = pending
    pending = { added: [], done: [], failed: [] }
    if (added.length) announcer.announce(m.announceAdded(added.length, added[0]!))
    if (done.length) announcer.announce(m.announceDone(done.length, done[0]!))
    if (failed.length) announcer.announce(m.announceFailed(failed.length, failed[0]!.name, failed[0]!.reason))
  }

  const unsubscribe = store.subscribe((state) => {
    if (state.files === previous.files) return
    const before = previous.files
    previous = state
    let changed = false
    for (const id of state.order) {
      const file = state.files[id]!
      const old = before[id]
      if (old === file) continue
      if (!old) {
        pending.added.push(file.name)
        changed = true
      } else if (old.status !== file.status) {
        if (file.status === 'done') pending.done.push(file.name)
        else if (file.status === 'error')
          pending.failed.push({ name: file.name, reason: file.error ? errorText(messages(), file.error) : '' })
        else continue
        changed = true
      }
    }
    if (changed) timer ??= setTimeout(flush, windowMs)
  })

  return () => {
    unsubscribe()
    clearTimeout(timer)
  }
}
