import { MiB, UploadError, planParts } from '@uplink/core'
import { describe, expect, it } from 'vitest'
import { COGNITE_LIMITS } from './limits'
import { checkCognitePlan, cogniteSuggestedPartSize, partUrlsOf } from './part-plan'

describe('Cognite part planning', () => {
  it('plans non-last parts strictly above 5 MiB even when 5 MiB is asked for', () => {
    const plan = planParts(23 * MiB + 101, COGNITE_LIMITS, 5 * MiB)
    expect(plan.slice(0, -1).every((p) => p.size > 5 * MiB)).toBe(true)
    expect(checkCognitePlan(plan)).toBe(plan.length)
  })

  it('keeps a large file within 250 parts', () => {
    const size = 250 * 6 * MiB + 1
    const plan = planParts(size, COGNITE_LIMITS, 6 * MiB)
    expect(plan.length).toBeLessThanOrEqual(250)
    expect(checkCognitePlan(plan)).toBe(plan.length)
  })

  it('refuses plans the server would only reject after every byte was sent', () => {
    const exactly5 = [
      { number: 1, offset: 0, size: 5 * MiB },
      { number: 2, offset: 5 * MiB, size: 10 },
    ]
    expect(() => checkCognitePlan(exactly5)).toThrow(UploadError)
    expect(() => checkCognitePlan(exactly5)).toThrow(/exceed 5 MiB/)
    const tooMany = Array.from({ length: 251 }, (_, i) => ({ number: i + 1, offset: i * 6 * MiB, size: 6 * MiB }))
    expect(() => checkCognitePlan(tooMany)).toThrow(/1 to 250/)
    expect(() => checkCognitePlan([])).toThrow(/0 parts/)
  })

  it('accepts a single small or empty part (the last part may be any size)', () => {
    expect(checkCognitePlan([{ number: 1, offset: 0, size: 0 }])).toBe(1)
    expect(checkCognitePlan([{ number: 1, offset: 0, size: 300 }])).toBe(1)
  })

  it('suggests the SDK part size: 50 MiB, more when 250 parts would not do, capped below 4000 MiB', () => {
    expect(cogniteSuggestedPartSize(1000)).toBe(1000)
    expect(cogniteSuggestedPartSize(100 * MiB)).toBe(50 * MiB)
    expect(cogniteSuggestedPartSize(250 * 100 * MiB)).toBe(100 * MiB)
    expect(cogniteSuggestedPartSize(1000 * 1024 * MiB)).toBe(COGNITE_LIMITS.maxPartSize)
  })

  it('addresses parts by their position in uploadUrls', () => {
    expect(partUrlsOf(['a', 'b'], 99)).toEqual([
      { number: 1, url: 'a', expiresAt: 99 },
      { number: 2, url: 'b', expiresAt: 99 },
    ])
  })
})
