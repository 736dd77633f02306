interface SchedulerWithYield {
  yield(): Promise<void>
}

/**
 * Ends the current task so input, rendering and other work can run, and resumes soon after.
 * `scheduler.yield()` where the browser has it (the continuation keeps its priority); else a
 * message-channel task, because nested `setTimeout(0)` calls are clamped to 4 ms each.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<SchedulerWithYield> }).scheduler
  if (typeof scheduler?.yield === 'function') return scheduler.yield()
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => {
        channel.port1.close()
        resolve()
      }
      channel.port2.postMessage(null)
    })
  }
  return new Promise((resolve) => setTimeout(resolve, 0))
}
