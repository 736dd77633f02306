/**
 * Coalesces values per key and delivers the latest of each once per animation frame (a UI
 * cannot show more), or every `fallbackMs` where there are no frames (a hidden tab, a worker,
 * the server).
 */
export interface FrameThrottle<Value> {
  push(key: string, value: Value): void
  /** Deliver what is pending now. */
  flush(): void
  /** Drop what is pending and stop the timers. */
  cancel(): void
}

export function createFrameThrottle<Value>(deliver: (key: string, value: Value) => void, fallbackMs = 100): FrameThrottle<Value> {
  let pending = new Map<string, Value>()
  let frame: number | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const hasFrames = () => typeof requestAnimationFrame === 'function' && !(typeof document !== 'undefined' && document.hidden)

  const stop = () => {
    if (frame !== undefined) cancelAnimationFrame(frame)
    clearTimeout(timer)
    frame = undefined
    timer = undefined
  }
  const flush = () => {
    stop()
    const batch = pending
    pending = new Map()
    for (const [key, value] of batch) deliver(key, value)
  }
  return {
    push(key, value) {
      pending.set(key, value)
      if (frame !== undefined || timer !== undefined) return
      if (hasFrames()) frame = requestAnimationFrame(flush)
      // Whichever comes first: a frame, or the fallback (frames stop in hidden tabs).
      timer = setTimeout(flush, fallbackMs)
    },
    flush,
    cancel() {
      stop()
      pending.clear()
    },
  }
}
