import type { MainThreadStats } from './protocol'

// Collects long tasks and long animation frames for the whole page life, so a case can ask
// afterwards what happened inside its own time window. `buffered` keeps entries from before
// the observer started (page load), which we never look at.
const longTasks: PerformanceEntry[] = []
const longFrames: PerformanceEntry[] = []

function observe(type: string, into: PerformanceEntry[]): boolean {
  if (!PerformanceObserver.supportedEntryTypes.includes(type)) return false
  new PerformanceObserver((list) => into.push(...list.getEntries())).observe({ type, buffered: true })
  return true
}

const supported = { longtask: observe('longtask', longTasks), loaf: observe('long-animation-frame', longFrames) }

/** Long tasks give the main thread's blocking; LoAF adds rendering work a task entry misses. */
export function mainThreadStats(from: number, to: number): MainThreadStats {
  // Entries are delivered asynchronously; callers wait a frame or two before asking.
  const tasks = longTasks.filter((e) => e.startTime + e.duration > from && e.startTime < to)
  const frames = longFrames.filter((e) => e.startTime + e.duration > from && e.startTime < to)
  const blocked = (d: number) => Math.max(0, d - 50)
  return {
    supported,
    longTaskCount: tasks.length,
    longestTaskMs: Math.max(0, ...tasks.map((e) => e.duration)),
    totalBlockingTimeMs: tasks.reduce((sum, e) => sum + blocked(e.duration), 0),
    longFrameCount: frames.length,
    longestFrameMs: Math.max(0, ...frames.map((e) => e.duration)),
    frameBlockingMs: frames.reduce((sum, e) => sum + ((e as PerformanceEntry & { blockingDuration?: number }).blockingDuration ?? 0), 0),
  }
}

/** Let the observers deliver what happened up to now. */
export const settleObservers = () => new Promise<void>((resolve) => setTimeout(resolve, 100))
