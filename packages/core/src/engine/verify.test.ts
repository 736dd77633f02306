import { describe, expect, it } from 'vitest'
import type { FileInfo, PartPlan, PartReceipt } from '../types'
import { assertFileUnchanged, assertPartsMatchPlan, assertPlanCovers } from './verify'

// The checks that make "done" mean the stored object is exactly the file: the file has not
// changed since it was added, the part plan covers it byte for byte, and every part was sent
// and acknowledged at exactly its planned length.

const info = (size = 4, lastModified = 1000): FileInfo => ({ name: 'a.bin', size, type: '', lastModified })
const file = (content = 'abcd', lastModified = 1000) => new File([content], 'a.bin', { lastModified })
const handle = (getFile: () => Promise<File>) => ({ getFile }) as unknown as FileSystemFileHandle
const part = (number: number, offset: number, size: number): PartPlan => ({ number, offset, size })
const receipt = (number: number, size: number): PartReceipt => ({ number, size, token: `"etag-${number}"` })

describe('assertFileUnchanged', () => {
  it('passes for the same size and modification time', async () => {
    await expect(assertFileUnchanged(file(), info())).resolves.toBeUndefined()
  })

  it('fails with file-changed when the size differs', async () => {
    await expect(assertFileUnchanged(file('abcde'), info())).rejects.toMatchObject({
      code: 'file-changed',
      message: 'a.bin is now 5 bytes; it was 4 when it was added.',
    })
  })

  it('fails with file-changed when a File was modified since', async () => {
    await expect(assertFileUnchanged(file('abcd', 2000), info())).rejects.toMatchObject({
      code: 'file-changed',
      message: 'a.bin was modified after it was added.',
    })
  })

  it('compares only the size of a Blob, which has no modification time', async () => {
    await expect(assertFileUnchanged(new Blob(['abcd']), info(4, 1000))).resolves.toBeUndefined()
  })

  it("asks a kept handle for the file's current size and date, not the snapshot", async () => {
    await expect(assertFileUnchanged(file(), info(), handle(async () => file('abcdef')))).rejects.toMatchObject({
      code: 'file-changed',
      message: 'a.bin is now 6 bytes; it was 4 when it was added.',
    })
    await expect(assertFileUnchanged(file('stale snapshot'), info(), handle(async () => file()))).resolves.toBeUndefined()
  })

  it('fails with file-changed when the handle can no longer be read', async () => {
    const gone = handle(() => Promise.reject(new DOMException('gone', 'NotFoundError')))
    await expect(assertFileUnchanged(file(), info(), gone)).rejects.toMatchObject({
      code: 'file-changed',
      message: 'a.bin can no longer be read from where it was picked.',
    })
  })
})

describe('assertPlanCovers', () => {
  it('passes for parts that cover the file exactly, in any order', () => {
    expect(() => assertPlanCovers([part(1, 0, 4), part(2, 4, 4), part(3, 8, 2)], 10)).not.toThrow()
    expect(() => assertPlanCovers([part(3, 8, 2), part(1, 0, 4), part(2, 4, 4)], 10)).not.toThrow()
  })

  it('passes for an empty file planned as one empty part', () => {
    expect(() => assertPlanCovers([part(1, 0, 0)], 0)).not.toThrow()
  })

  it('fails on a gap between parts', () => {
    expect(() => assertPlanCovers([part(1, 0, 4), part(2, 5, 5)], 10)).toThrow(
      expect.objectContaining({
        code: 'file-changed',
        message: 'The part plan does not cover the file exactly (part 2 starts at 5, expected 4).',
      }),
    )
  })

  it('fails on overlapping parts and on a plan that does not start at byte 0', () => {
    expect(() => assertPlanCovers([part(1, 0, 6), part(2, 4, 6)], 10)).toThrow(/part 2 starts at 4, expected 6/)
    expect(() => assertPlanCovers([part(1, 1, 9)], 10)).toThrow(/part 1 starts at 1, expected 0/)
  })

  it('fails on a part of negative size, even when the sums work out', () => {
    expect(() => assertPlanCovers([part(1, 0, 10), part(2, 10, -5)], 5)).toThrow(/part 2 starts at 10/)
  })

  it('fails on a part number used twice', () => {
    expect(() => assertPlanCovers([part(1, 0, 5), part(1, 5, 5)], 10)).toThrow(/part 1 starts at 5, expected 5/)
  })

  it('fails when the parts add up to less or more than the file', () => {
    expect(() => assertPlanCovers([part(1, 0, 4), part(2, 4, 4)], 10)).toThrow(
      expect.objectContaining({ code: 'file-changed', message: 'The parts add up to 8 bytes but the file has 10.' }),
    )
    expect(() => assertPlanCovers([part(1, 0, 12)], 10)).toThrow('The parts add up to 12 bytes but the file has 10.')
    expect(() => assertPlanCovers([], 1)).toThrow('The parts add up to 0 bytes but the file has 1.')
  })
})

describe('assertPartsMatchPlan', () => {
  const plan = [part(1, 0, 4), part(2, 4, 2)]

  it("returns the receipts in the plan's order", () => {
    const receipts = new Map([
      [2, receipt(2, 2)],
      [1, receipt(1, 4)],
    ])
    expect(assertPartsMatchPlan(plan, receipts, new Map())).toEqual([receipt(1, 4), receipt(2, 2)])
    expect(assertPartsMatchPlan(plan, receipts, new Map([[1, 4], [2, 2]]))).toEqual([receipt(1, 4), receipt(2, 2)])
  })

  it('fails with a provider error when a part has no receipt', () => {
    expect(() => assertPartsMatchPlan(plan, new Map([[1, receipt(1, 4)]]), new Map())).toThrow(
      expect.objectContaining({ code: 'provider', message: 'Part 2 finished without a receipt.' }),
    )
  })

  it('fails with file-changed when a receipt is for another length than planned', () => {
    const receipts = new Map([
      [1, receipt(1, 4)],
      [2, receipt(2, 3)],
    ])
    expect(() => assertPartsMatchPlan(plan, receipts, new Map())).toThrow(
      expect.objectContaining({
        code: 'file-changed',
        message: 'Part 2 was 3 bytes where the plan has 2: the file changed while it was uploaded.',
      }),
    )
    // Even when what was measured while sending matches the plan.
    expect(() => assertPartsMatchPlan(plan, receipts, new Map([[1, 4], [2, 2]]))).toThrow(expect.objectContaining({ code: 'file-changed' }))
  })

  it('fails when the bytes measured while sending differ from the plan, whatever the receipt says', () => {
    const receipts = new Map([
      [1, receipt(1, 4)],
      [2, receipt(2, 2)],
    ])
    expect(() => assertPartsMatchPlan(plan, receipts, new Map([[1, 3]]))).toThrow(/^Part 1 was 3 bytes where the plan has 4/)
  })
})
