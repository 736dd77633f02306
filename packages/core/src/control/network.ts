import { isActive } from '../engine/file-machine'
import type { UploaderContext } from './context'
import { pauseEntry, requeue } from './file-actions'

/**
 * Offline pauses what runs or waits to run (its retries stop with it); back online resumes what
 * the network paused. Files never started (autoStart off) are left alone. Returns the unsubscribe.
 */
export function followNetwork(ctx: UploaderContext): () => void {
  ctx.projection.setGlobal({ online: ctx.online.isOnline() })
  return ctx.online.subscribe((isOnline) => {
    ctx.projection.setGlobal({ online: isOnline })
    for (const entry of ctx.entries.values()) {
      if (!isOnline) {
        if (isActive(entry.machine.status) || ctx.scheduler.isWaiting(entry.id)) pauseEntry(ctx, entry, 'offline')
      } else if (entry.machine.status === 'paused' && ctx.projection.current(entry.id)?.pausedBy === 'offline') requeue(ctx, entry, 'resume')
    }
    if (isOnline) ctx.scheduler.pump()
  })
}
