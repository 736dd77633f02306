import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFrameThrottle } from './frame-throttle'

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('frame throttle', () => {
  it('delivers the latest value of each key once per animation frame', () => {
    vi.useFakeTimers()
    const frames: FrameRequestCallback[] = []
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback))
    vi.stubGlobal('cancelAnimationFrame', () => undefined)
    const delivered: string[] = []
    const throttle = createFrameThrottle<number>((key, value) => delivered.push(`${key}=${value}`))
    for (let i = 1; i <= 100; i++) throttle.push('a', i)
    throttle.push('b', 7)
    expect(delivered).toEqual([])
    expect(frames).toHaveLength(1) // one frame asked for, however many values came
    frames[0]!(0)
    expect(delivered).toEqual(['a=100', 'b=7'])
    vi.advanceTimersByTime(1000)
    expect(delivered).toHaveLength(2) // the fallback timer was cancelled with the frame
  })

  it('falls back to a timer where there are no frames (a hidden tab, a worker, the server)', () => {
    vi.useFakeTimers()
    vi.stubGlobal('requestAnimationFrame', undefined)
    const delivered: number[] = []
    const throttle = createFrameThrottle<number>((_key, value) => delivered.push(value), 100)
    throttle.push('a', 1)
    throttle.push('a', 2)
    vi.advanceTimersByTime(99)
    expect(delivered).toEqual([])
    vi.advanceTimersByTime(1)
    expect(delivered).toEqual([2])
    throttle.push('a', 3)
    throttle.cancel()
    vi.advanceTimersByTime(1000)
    expect(delivered).toEqual([2]) // cancelled: nothing left behind
    expect(vi.getTimerCount()).toBe(0)
  })
})
