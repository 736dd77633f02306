import { describe, expect, it } from 'vitest'
import { createSpeedMeter } from './speed-meter'

describe('speed meter', () => {
  it('measures a steady rate and the time left at it', () => {
    let t = 0
    const meter = createSpeedMeter(2000, () => t)
    for (let i = 0; i <= 20; i++) {
      meter.sample(i * 100_000) // 100 kB per 100 ms = 1 MB/s
      t += 100
    }
    expect(meter.speed).toBeCloseTo(1_000_000, -3)
    expect(meter.eta(5_000_000)).toBeCloseTo(5, 1)
    expect(meter.eta(0)).toBe(0)
  })

  it('follows a slowdown within a few half-lives', () => {
    let t = 0
    const meter = createSpeedMeter(1000, () => t)
    let bytes = 0
    for (let i = 0; i < 20; i++, t += 100) meter.sample((bytes += 100_000))
    for (let i = 0; i < 60; i++, t += 100) meter.sample((bytes += 10_000))
    expect(meter.speed).toBeLessThan(150_000)
    expect(meter.speed).toBeGreaterThan(90_000)
  })

  it('knows nothing before two samples', () => {
    const meter = createSpeedMeter()
    meter.sample(10)
    expect(meter.speed).toBe(0)
    expect(meter.eta(100)).toBeUndefined()
  })
})
