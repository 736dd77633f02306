import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSpeedMeter } from './speed-meter'

afterEach(() => void vi.useRealTimers())

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

  it('takes the first measured rate as it is, then moves halfway toward a new rate per half-life', () => {
    let t = 0
    const meter = createSpeedMeter(1000, () => t)
    meter.sample(5000) // bytes sent before the meter started count for nothing
    t = 500
    meter.sample(5000 + 100_000)
    expect(meter.speed).toBe(200_000)
    t = 1500
    meter.sample(5000 + 100_000 + 400_000) // 400 kB/s over one half-life
    expect(meter.speed).toBe(300_000)
    t = 3500
    meter.sample(505_000) // nothing sent over two half-lives: a quarter of the speed is left
    expect(meter.speed).toBe(75_000)
  })

  it('ignores a sample less than 50 ms after the last one, and measures from the one before', () => {
    let t = 0
    const meter = createSpeedMeter(1000, () => t)
    meter.sample(0)
    t = 49
    meter.sample(1_000_000)
    expect(meter.speed).toBe(0)
    t = 50
    meter.sample(10_000)
    expect(meter.speed).toBe(200_000)
  })

  it('counts a running total that went down (a part sent again) as no progress, never a negative speed', () => {
    let t = 0
    const meter = createSpeedMeter(1000, () => t)
    meter.sample(0)
    t = 1000
    meter.sample(100_000)
    t = 2000
    meter.sample(40_000)
    expect(meter.speed).toBe(50_000)
    t = 3000
    meter.sample(140_000) // measured from the lower total
    expect(meter.speed).toBe(75_000)
  })

  it('uses a two-second half-life and the wall clock by default', () => {
    vi.useFakeTimers({ now: 0 })
    const meter = createSpeedMeter()
    meter.sample(0)
    vi.setSystemTime(1000)
    meter.sample(100_000)
    expect(meter.speed).toBe(100_000)
    vi.setSystemTime(3000)
    meter.sample(500_000) // 200 kB/s over one half-life
    expect(meter.speed).toBe(150_000)
  })

  it('gives no time left for nothing left, whatever it knows', () => {
    const meter = createSpeedMeter()
    expect(meter.eta(0)).toBe(0)
    expect(meter.eta(-1)).toBe(0)
  })

  it('starts over after reset', () => {
    let t = 0
    const meter = createSpeedMeter(1000, () => t)
    meter.sample(0)
    t = 1000
    meter.sample(100_000)
    meter.reset()
    expect(meter.speed).toBe(0)
    expect(meter.eta(10)).toBeUndefined()
    t = 2000
    meter.sample(500_000) // the first sample again: no speed yet
    expect(meter.speed).toBe(0)
    t = 3000
    meter.sample(530_000)
    expect(meter.speed).toBe(30_000)
  })
})
