/**
 * A counting semaphore with a FIFO queue. One instance caps parts in flight across all files;
 * waiting in arrival order keeps files fair with each other.
 */
export interface Limiter {
  acquire(signal?: AbortSignal): Promise<() => void>
  readonly active: number
  readonly waiting: number
}

export function createLimiter(max: number): Limiter {
  if (!(max >= 1)) throw new RangeError(`concurrency must be at least 1, got ${max}`)
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
    get active() {
      return active
    },
    get waiting() {
      return waiters.length
    },
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
