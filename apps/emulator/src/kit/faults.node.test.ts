import { describe, expect, it } from 'vitest'
import { createFaults, partIdentity } from './faults'

describe('fault rules', () => {
  it('a streak hits the same part again on its next attempts, whatever failRate draws, and no other part', () => {
    const faults = createFaults([])
    faults.set([{ route: 'storage.put', resetAfterBody: true, streak: 3, skip: 1, times: 1 }])
    const part = (n: number) => partIdentity(`/storage/b/key?partNumber=${n}&X-Amz-Signature=${Math.random()}`, () => null)
    const drawn = [1, 2, 3, 2, 2, 2, 4].map((n) => faults.draw('storage.put', part(n)).resetAfterBody)
    // Part 2 is hit first (skip 1), then on its next two attempts (fresh signatures), then let through.
    expect(drawn).toEqual([false, true, false, true, true, false, false])
    expect(faults.list()[0]!.hits).toBe(3)
  })

  it('names a part by path, part number and tus offset, not by its signature', () => {
    const header = (offset: string) => (name: string) => (name === 'upload-offset' ? offset : null)
    expect(partIdentity('/s?partNumber=2&X-Amz-Signature=a', () => null)).toBe(partIdentity('/s?partNumber=2&X-Amz-Signature=b', () => null))
    expect(partIdentity('/t/files/x', header('0'))).not.toBe(partIdentity('/t/files/x', header('5')))
  })
})
