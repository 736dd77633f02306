const MiB = 1024 * 1024

/**
 * Whether the emulator's throttle (the `bytesPerSecond` fault on s3.put) really held during the
 * throttled runs, decided from what they measured, not from the emulator's source. A throttled
 * run faster than the limit allows means there was no throttle; a run slower than the limit says
 * nothing unless the same link, unthrottled, is clearly faster than that limit.
 */
export interface ThrottleCheck {
  bytesPerSecond: number
  /** true: it held; false: a throttled run went faster than the limit; null: these runs cannot tell. */
  implemented: boolean | null
  /** The throttled fetch baseline (case 1c). */
  throttledMiBPerSecond?: number
  /** The same fetch baseline unthrottled (case 1a). */
  loopbackMiBPerSecond?: number
}

/** Slack over the limit for a run that started with empty socket buffers (the first bytes go unpaced). */
export const THROTTLE_TOLERANCE = 1.1
/** How far above the limit the unthrottled link must run for the limit to bind. */
export const BINDING_MARGIN = 1.5

export function judgeThrottle(bytesPerSecond: number, throttledMiBPerSecond: number | undefined, loopbackMiBPerSecond?: number): ThrottleCheck {
  const limit = bytesPerSecond / MiB
  const base = { bytesPerSecond, ...(throttledMiBPerSecond === undefined ? {} : { throttledMiBPerSecond }), ...(loopbackMiBPerSecond === undefined ? {} : { loopbackMiBPerSecond }) }
  if (throttledMiBPerSecond === undefined) return { ...base, implemented: null }
  if (throttledMiBPerSecond > limit * THROTTLE_TOLERANCE) return { ...base, implemented: false }
  const binding = loopbackMiBPerSecond !== undefined && loopbackMiBPerSecond > limit * BINDING_MARGIN
  return { ...base, implemented: binding ? true : null }
}

/**
 * A limit the link can beat, so the throttled runs can show whether the throttle held: `max`,
 * or half the unthrottled rate when the machine's loopback is slower than twice `max`. Whole MiB/s.
 */
export function bindingLimit(loopbackMiBPerSecond: number | undefined, maxBytesPerSecond: number): number {
  if (loopbackMiBPerSecond === undefined) return maxBytesPerSecond
  const half = Math.max(1, Math.floor(loopbackMiBPerSecond / 2)) * MiB
  return Math.min(maxBytesPerSecond, half)
}

/** The report's sentence about the throttle. */
export function describeThrottle(check: ThrottleCheck): string {
  const limit = `${(check.bytesPerSecond / MiB).toFixed(0)} MiB/s`
  const throttled = check.throttledMiBPerSecond === undefined ? 'not measured' : `${check.throttledMiBPerSecond.toFixed(1)} MiB/s`
  const loopback = check.loopbackMiBPerSecond === undefined ? 'not measured' : `${check.loopbackMiBPerSecond.toFixed(1)} MiB/s`
  if (check.implemented === true) return `the throttle held: the throttled fetch baseline ran at ${throttled} under the ${limit} limit, the same fetch unthrottled at ${loopback}.`
  if (check.implemented === false) return `**the throttle did not hold: the throttled fetch baseline ran at ${throttled}, over the ${limit} limit, so the "throttled" runs were not throttled.**`
  return `**these runs cannot tell whether the throttle held: the throttled fetch baseline ran at ${throttled}, the same fetch unthrottled at ${loopback}, not clearly faster than the ${limit} limit.**`
}
