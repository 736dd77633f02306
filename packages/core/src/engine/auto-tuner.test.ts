import { describe, expect, it } from 'vitest'
import { createAutoTuner } from './auto-tuner'
import { MiB } from './planner'

describe('auto tuner', () => {
  it('grows parts on a fast link, to about four seconds each, within the maximum', () => {
    const tuner = createAutoTuner({ maxConcurrency: 4 })
    for (let i = 0; i < 10; i++) tuner.recordSuccess(8 * MiB, 200) // 40 MiB/s
    expect(tuner.partSize).toBe(128 * MiB) // 160 MiB wanted, capped
    const slow = createAutoTuner({ maxConcurrency: 4 })
    for (let i = 0; i < 10; i++) slow.recordSuccess(8 * MiB, 2000) // 4 MiB/s
    expect(slow.partSize).toBe(16 * MiB)
  })

  it('shrinks parts and backs off concurrency on a flaky link, then recovers', () => {
    const tuner = createAutoTuner({ maxConcurrency: 6, initialPartSize: 32 * MiB })
    tuner.recordFailure()
    expect(tuner.partSize).toBe(16 * MiB)
    tuner.recordFailure()
    tuner.recordFailure()
    expect(tuner.partSize).toBe(5 * MiB)
    expect(tuner.concurrency).toBe(1)
    for (let i = 0; i < 12; i++) tuner.recordSuccess(5 * MiB, 1000)
    expect(tuner.concurrency).toBe(6)
    expect(tuner.partSize).toBe(20 * MiB)
  })
})
