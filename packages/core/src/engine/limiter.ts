/**
 * A counting semaphore with a FIFO queue. One instance caps parts in flight across all files;
 * waiting in arrival order keeps files fair with each other.
 */
export interface Limiter {
  /** Resolves with a release function once a slot is free; rejects if the signal aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void>
}

export function createLimiter(max: number): Limiter {
  let active = 0
  // `forget`: stop listening to the waiter's signal once it is granted a slot.
  const waiters: Array<{ grant: () => void; forget?: () => void }> = []

  const release = () => {
    active--
    const next = waiters.shift()
    if (next) {
      next.forget?.()
      active++
      next.grant()
    }
  }
  const once = () => {
    let done = false
    return () => {
      if (done) return
      done = true
      release()
    }
  }

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason)
      if (active < max) {
        active++
        return Promise.resolve(once())
      }
      return new Promise((resolve, reject) => {
        const waiter: (typeof waiters)[number] = { grant: () => resolve(once()) }
        if (signal) {
          const onAbort = () => {
            waiters.splice(waiters.indexOf(waiter), 1)
            reject(signal.reason)
          }
          // A signal fires 'abort' once: no `once` option is needed.
          signal.addEventListener('abort', onAbort)
          waiter.forget = () => signal.removeEventListener('abort', onAbort)
        }
        waiters.push(waiter)
      })
    },
  }
}
