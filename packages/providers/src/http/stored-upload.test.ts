import type { PartReceipt, StoredUpload } from '@uplink/core'
import { describe, expect, it } from 'vitest'
import { everyPartStored, storedReceipts } from './stored-upload'

const plan = [1, 2, 3].map((number) => ({ number, offset: (number - 1) * 10, size: number === 3 ? 5 : 10 }))
const stored = (receipts: PartReceipt[]): StoredUpload => ({ snapshot: undefined, plan, receipts })

describe('what a stored upload holds', () => {
  it('every part is stored when each planned part has a receipt of its size', () => {
    const receipts = [{ number: 3, size: 5 }, { number: 1, size: 10 }, { number: 2, size: 10 }]
    expect(everyPartStored(stored(receipts), false)).toBe(true)
  })

  it('a missing part or a receipt of another size means the upload did not reach completion', () => {
    expect(everyPartStored(stored([{ number: 1, size: 10 }, { number: 2, size: 10 }]), false)).toBe(false)
    expect(everyPartStored(stored([{ number: 1, size: 10 }, { number: 2, size: 10 }, { number: 3, size: 10 }]), false)).toBe(false)
  })

  it('where the API uses part tokens, a receipt without one does not count', () => {
    const withTokens = [{ number: 1, size: 10, token: 'a' }, { number: 2, size: 10, token: 'b' }, { number: 3, size: 5, token: 'c' }]
    expect(everyPartStored(stored(withTokens), true)).toBe(true)
    expect(everyPartStored(stored([...withTokens.slice(0, 2), { number: 3, size: 5, token: '' }]), true)).toBe(false)
    expect(everyPartStored(stored([...withTokens.slice(0, 2), { number: 3, size: 5 }]), true)).toBe(false)
  })

  it('storedReceipts gives the planned parts that have receipts, in plan order, and drops strays', () => {
    const receipts = [{ number: 3, size: 5 }, { number: 9, size: 1 }, { number: 1, size: 10 }]
    expect(storedReceipts(stored(receipts)).map((r) => r.number)).toEqual([1, 3])
  })
})
