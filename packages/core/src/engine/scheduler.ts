/**
 * Which files run: a FIFO of file ids waiting to start, at most `maxActive` running at once.
 * Starting the next file is cheap however long the queue (10,000 files wait in it).
 */
export interface Scheduler {
  /** Queue a file to run (no-op when it is already waiting). */
  enqueue(id: string): void
  /** Take a file out of the queue (it stays where it is if it already runs). */
  dequeue(id: string): void
  /** Whether the file waits in the queue. */
  isWaiting(id: string): boolean
  /** Start waiting files while there is room. */
  pump(): void
  /** Nothing runs and nothing waits. */
  readonly idle: boolean
  /** Resolves the next time the scheduler becomes idle (at once when it is). */
  whenIdle(): Promise<void>
}

export interface SchedulerOptions {
  maxActive: number
  /** Runs one file to its end (success, failure, pause or cancel). */
  run: (id: string) => Promise<void>
  /** Told when the last running file ended and nothing waits. */
  onIdle?: () => void
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  let queue: string[] = []
  let head = 0
  const waiting = new Set<string>()
  let running = 0
  let idleWaiters: Array<() => void> = []

  const becameIdle = () => {
    const waiters = idleWaiters
    idleWaiters = []
    for (const resolve of waiters) resolve()
    options.onIdle?.()
  }

  const scheduler: Scheduler = {
    enqueue(id) {
      if (waiting.has(id)) return
      waiting.add(id)
      queue.push(id)
    },
    dequeue(id) {
      // The id stays in the array and is skipped when reached: O(1) here.
      waiting.delete(id)
    },
    isWaiting: (id) => waiting.has(id),
    pump() {
      while (running < options.maxActive && head < queue.length) {
        const id = queue[head++]!
        if (!waiting.delete(id)) continue
        running++
        void options
          .run(id)
          .catch(() => undefined) // run() reports its own failures
          .finally(() => {
            running--
            scheduler.pump()
            if (scheduler.idle) becameIdle()
          })
      }
      if (head > 1024 && head * 2 > queue.length) {
        queue = queue.slice(head)
        head = 0
      }
    },
    get idle() {
      return running === 0 && waiting.size === 0
    },
    whenIdle() {
      if (scheduler.idle) return Promise.resolve()
      return new Promise((resolve) => idleWaiters.push(resolve))
    },
  }
  return scheduler
}
