import { describe, expect, it } from 'vitest'
import { bindingLimit, describeThrottle, judgeThrottle } from './throttle-check'

const MiB = 1024 * 1024

describe('whether the throttle held, from measured rates', () => {
  it('held: the throttled run kept under the limit that the unthrottled link beats', () => {
    expect(judgeThrottle(30 * MiB, 29.1, 60)).toMatchObject({ implemented: true })
  })

  it('absent: the throttled run went faster than the limit allows', () => {
    expect(judgeThrottle(30 * MiB, 58, 60)).toMatchObject({ implemented: false })
    expect(describeThrottle(judgeThrottle(30 * MiB, 58, 60))).toMatch(/did not hold/)
  })

  it('undecided: the link itself is not faster than the limit, or nothing was measured', () => {
    expect(judgeThrottle(100 * MiB, 44, 60)).toMatchObject({ implemented: null })
    expect(judgeThrottle(100 * MiB, 44)).toMatchObject({ implemented: null })
    expect(judgeThrottle(100 * MiB, undefined, 300)).toMatchObject({ implemented: null })
  })

  it('picks a limit the link beats: half the loopback rate, at most the maximum', () => {
    expect(bindingLimit(60.7, 100 * MiB)).toBe(30 * MiB)
    expect(bindingLimit(900, 100 * MiB)).toBe(100 * MiB)
    expect(bindingLimit(undefined, 100 * MiB)).toBe(100 * MiB)
  })
})
