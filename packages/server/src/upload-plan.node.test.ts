import { planParts } from '@uplink/core'
import { describe, expect, it } from 'vitest'
import { S3_PART_LIMITS, partLength, planUpload } from './upload-plan'

const MiB = 1024 * 1024
const GiB = 1024 * MiB
const S3 = { ...S3_PART_LIMITS, maxFileSize: 10_000 * 5 * GiB, allowsEmptyFiles: true }

describe('planUpload: the signer plans what the browser plans', () => {
  it("gives the engine planner's parts for every size and requested part size (so the browser's plan is signed as it is)", () => {
    const sizes = [0, 1, 5 * MiB - 1, 5 * MiB, 5 * MiB + 1, 23 * MiB + 101, 8 * MiB * 10_000, 8 * MiB * 10_000 + 1, 50 * GiB, 10_000 * 5 * GiB]
    const requests = [1, 5 * MiB, 8 * MiB, 7 * MiB + 3, 5 * GiB, 6 * GiB]
    for (const size of sizes) {
      for (const requested of requests) {
        const engine = planParts(size, S3, requested)
        const plan = planUpload(size, requested)!
        expect(plan.partCount, `${size} / ${requested}`).toBe(engine.length)
        const sampled = [...new Set([0, 1, engine.length >> 1, engine.length - 2, engine.length - 1])].filter((i) => i >= 0 && i < engine.length)
        for (const part of sampled.map((i) => engine[i]!)) expect(partLength(plan, part.number), `${size} / ${requested} part ${part.number}`).toBe(part.size)
      }
    }
  })

  it('grows the part size to keep within 10,000 parts, as the contract suite asks (23 MiB, at most 3 parts)', () => {
    expect(planUpload(23 * MiB, 8 * MiB)).toEqual({ size: 23 * MiB, partSize: 8 * MiB, partCount: 3 })
    expect(planUpload(100 * GiB)).toEqual({ size: 100 * GiB, partSize: 11 * MiB, partCount: Math.ceil((100 * GiB) / (11 * MiB)) })
  })

  it('has no part beyond the plan, and none for an impossible size', () => {
    const plan = planUpload(1)!
    expect([partLength(plan, 1), partLength(plan, 2), partLength(plan, 0), partLength(plan, 1.5)]).toEqual([1, undefined, undefined, undefined])
    expect(partLength(planUpload(0)!, 1)).toBe(0)
    expect(planUpload(-1)).toBeUndefined()
    expect(planUpload(10_000 * 5 * GiB + 1)).toBeUndefined()
  })
})
