/**
 * Upload speed as an exponentially weighted moving average of bytes per second, sampled on
 * progress events. Smooths bursty XHR progress without hiding a real slowdown for long.
 */
export function createSpeedMeter(halfLifeMs = 2000, now: () => number = () => Date.now()) {
  let lastTime: number | undefined
  let lastBytes = 0
  let speed = 0

  return {
    /** Record that `bytes` (a running total) have been sent by now. */
    sample(bytes: number) {
      const t = now()
      if (lastTime === undefined) {
        lastTime = t
        lastBytes = bytes
        return
      }
      const dt = t - lastTime
      if (dt < 50) return // too close together to measure
      const instant = (Math.max(0, bytes - lastBytes) * 1000) / dt
      const weight = 1 - Math.pow(0.5, dt / halfLifeMs)
      speed = speed === 0 ? instant : speed + (instant - speed) * weight
      lastTime = t
      lastBytes = bytes
    },
    /** Bytes per second (0 before two samples). */
    get speed() {
      return speed
    },
    /** Seconds left for `remaining` bytes at the current speed, or undefined when unknown. */
    eta(remaining: number): number | undefined {
      if (remaining <= 0) return 0
      return speed > 0 ? remaining / speed : undefined
    },
    reset() {
      lastTime = undefined
      lastBytes = 0
      speed = 0
    },
  }
}

export type SpeedMeter = ReturnType<typeof createSpeedMeter>
