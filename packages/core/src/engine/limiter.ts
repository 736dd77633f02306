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
  const waiters: Array<{ grant: () => void; signal?: AbortSignal; onAbort?: () => void }> = []

  const release = () => {
    active--
    const next = waiters.shift()
    if (next) {
      if (next.onAbort) next.signal?.removeEventListener('abort', next.onAbort)
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
          waiter.signal = signal
          waiter.onAbort = () => {
            waiters.splice(waiters.indexOf(waiter), 1)
            reject(signal.reason)
          }
          signal.addEventListener('abort', waiter.onAbort, { once: true })
        }
        waiters.push(waiter)
      })
    },
  }
}
