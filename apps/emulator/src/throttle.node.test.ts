import { PassThrough } from 'node:stream'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createThrottle } from './throttle'

const MiB = 1024 * 1024

afterEach(() => void vi.useRealTimers())

describe('the body throttle', () => {
  it('paces bodies to one shared rate whatever the number of connections (on a fake clock)', async () => {
    vi.useFakeTimers()
    const throttle = createThrottle()
    const resumed: number[] = []
    const streams = [new PassThrough(), new PassThrough()]
    const start = Date.now()
    for (const stream of streams) {
      throttle.pace(stream, () => 4 * MiB)
      stream.resume()
    }
    await vi.advanceTimersByTimeAsync(0) // the streams flow; from here each resume is the throttle's
    for (const stream of streams) stream.on('resume', () => resumed.push(Date.now() - start))
    // 2 MiB on each connection: 4 MiB in all at 4 MiB/s takes a second of the shared budget.
    streams[0]!.write(Buffer.alloc(2 * MiB))
    streams[1]!.write(Buffer.alloc(2 * MiB))
    await vi.advanceTimersByTimeAsync(0)
    expect(streams.map((s) => s.isPaused())).toEqual([true, true])
    await vi.advanceTimersByTimeAsync(499)
    expect(streams.map((s) => s.isPaused())).toEqual([true, true])
    await vi.advanceTimersByTimeAsync(1)
    expect(streams[0]!.isPaused()).toBe(false) // its half of the budget: 0.5 s
    expect(streams[1]!.isPaused()).toBe(true)
    await vi.advanceTimersByTimeAsync(500)
    expect(streams[1]!.isPaused()).toBe(false) // after the first: 1 s in all
    expect(resumed).toEqual([500, 1000])
  })

  it('lets bodies through unpaced without a rate', async () => {
    const stream = new PassThrough()
    createThrottle().pace(stream, () => undefined)
    stream.resume()
    stream.write(Buffer.alloc(MiB))
    expect(stream.isPaused()).toBe(false)
  })
})
