import { describe, expect, it } from 'vitest'
import { UploadError } from '../errors'
import type { ProviderLimits } from '../types'
import { MiB, choosePartSize, planParts } from './planner'

const s3: ProviderLimits = {
  minPartSize: 5 * MiB,
  maxPartSize: 5 * 1024 * MiB,
  maxParts: 10_000,
  maxFileSize: 10_000 * 5 * 1024 * MiB,
  allowsEmptyFiles: true,
}

describe('planParts', () => {
  it('splits into consecutive 1-based parts with a short last part', () => {
    const parts = planParts(20 * MiB + 3, s3, 8 * MiB)
    expect(parts).toEqual([
      { number: 1, offset: 0, size: 8 * MiB },
      { number: 2, offset: 8 * MiB, size: 8 * MiB },
      { number: 3, offset: 16 * MiB, size: 4 * MiB + 3 },
    ])
  })

  it('covers every byte exactly once', () => {
    const size = 123_456_789
    const parts = planParts(size, s3, 6 * MiB)
    expect(parts.reduce((sum, p) => sum + p.size, 0)).toBe(size)
    parts.forEach((p, i) => expect(p.offset).toBe(i === 0 ? 0 : parts[i - 1]!.offset + parts[i - 1]!.size))
  })

  it('raises a too-small requested part size to the provider minimum', () => {
    expect(choosePartSize(100 * MiB, s3, 1 * MiB)).toBe(5 * MiB)
  })

  it('grows the part size to a whole MiB when the part count would be exceeded', () => {
    const limits = { ...s3, maxParts: 4 }
    const size = 50 * MiB
    const partSize = choosePartSize(size, limits, 5 * MiB)
    expect(partSize).toBe(13 * MiB)
    expect(planParts(size, limits, 5 * MiB)).toHaveLength(4)
  })

  it('plans non-last parts strictly above the minimum where the limit is exclusive (Cognite)', () => {
    const cognite: ProviderLimits = { ...s3, minPartSize: 5 * MiB, minPartSizeExclusive: true, maxParts: 250 }
    const parts = planParts(12 * MiB, cognite, 5 * MiB)
    expect(parts.slice(0, -1).every((p) => p.size > 5 * MiB)).toBe(true)
    expect(parts.reduce((sum, p) => sum + p.size, 0)).toBe(12 * MiB)
    expect(choosePartSize(12 * MiB, { ...s3, minPartSizeExclusive: false }, 5 * MiB)).toBe(5 * MiB)
  })

  it('plans one empty part for a 0-byte file where the provider allows it', () => {
    expect(planParts(0, s3)).toEqual([{ number: 1, offset: 0, size: 0 }])
  })

  it('refuses a 0-byte file where the provider does not accept one', () => {
    expect(() => planParts(0, { ...s3, allowsEmptyFiles: false })).toThrow(expect.objectContaining({ code: 'file-empty' }))
  })

  it('refuses a file above the provider maximum before any request', () => {
    const error = catchError(() => planParts(s3.maxFileSize + 1, s3))
    expect(error).toBeInstanceOf(UploadError)
    expect(error.code).toBe('file-too-large')
    expect(error.retryable).toBe(false)
  })

  it('refuses when even the largest part would need too many parts', () => {
    const limits = { ...s3, maxPartSize: 10 * MiB, maxParts: 3 }
    expect(catchError(() => planParts(31 * MiB, limits)).code).toBe('too-many-parts')
  })

  it('refuses sizes that are not sizes', () => {
    expect(catchError(() => planParts(Number.NaN, s3)).code).toBe('file-unreadable')
    expect(catchError(() => planParts(-1, s3)).code).toBe('file-unreadable')
  })
})

describe('choosePartSize at the edges of the limits', () => {
  it('uses 8 MiB parts unless asked otherwise', () => {
    expect(choosePartSize(100 * MiB, s3)).toBe(8 * MiB)
    expect(planParts(16 * MiB, s3)).toEqual([
      { number: 1, offset: 0, size: 8 * MiB },
      { number: 2, offset: 8 * MiB, size: 8 * MiB },
    ])
  })

  it('clamps a requested size above the provider maximum, and never goes below one byte', () => {
    expect(choosePartSize(100 * MiB, { ...s3, maxPartSize: 6 * MiB }, 8 * MiB)).toBe(6 * MiB)
    expect(choosePartSize(10, { ...s3, minPartSize: 0 }, 0)).toBe(1)
  })

  it('accepts a file of exactly the maximum size, and exactly maxParts parts', () => {
    expect(() => planParts(s3.maxFileSize, s3, s3.maxPartSize)).not.toThrow()
    // Cognite's smallest part is 5 MiB + 1; four of them fit four parts without growing to 6 MiB.
    const cognite: ProviderLimits = { ...s3, minPartSizeExclusive: true, maxParts: 4 }
    expect(choosePartSize(4 * (5 * MiB + 1), cognite, 5 * MiB)).toBe(5 * MiB + 1)
  })

  it('grows to the exact size needed where a whole MiB would pass the maximum part size', () => {
    const limits = { ...s3, maxPartSize: 10 * MiB + 100, maxParts: 2 }
    expect(choosePartSize(20 * MiB + 100, limits, 5 * MiB)).toBe(10 * MiB + 50)
  })

  it('keeps the whole-MiB size when it lands exactly on the maximum part size', () => {
    const limits = { ...s3, maxPartSize: 10 * MiB, maxParts: 2 }
    expect(choosePartSize(19 * MiB + 1, limits, 5 * MiB)).toBe(10 * MiB)
  })

  it('refuses sizes that are not finite, but takes 0 bytes', () => {
    expect(() => choosePartSize(Number.POSITIVE_INFINITY, s3)).toThrow(
      expect.objectContaining({ code: 'file-unreadable', message: 'The file size Infinity is not a valid size.' }),
    )
    expect(choosePartSize(0, s3)).toBe(8 * MiB)
  })
})

describe('error messages', () => {
  it('names the file size and the limit in readable units', () => {
    expect(() => planParts(5 * 1024 * MiB + 1, { ...s3, maxFileSize: 5 * 1024 * MiB })).toThrow(
      'The file is 5.0 GiB, larger than the 5 GiB this storage accepts.',
    )
    expect(() => planParts(1536, { ...s3, maxFileSize: 1024 })).toThrow('The file is 1.5 KiB, larger than the 1 KiB this storage accepts.')
    expect(() => planParts(1025, { ...s3, maxFileSize: 1023 })).toThrow('The file is 1.0 KiB, larger than the 1023 B this storage accepts.')
    const tib = 1024 * 1024 * MiB
    expect(() => planParts(2048 * tib, { ...s3, maxFileSize: 1024 * tib })).toThrow('The file is 2048 TiB, larger than the 1024 TiB this storage accepts.')
  })

  it('says how many parts of what size it would take', () => {
    expect(() => planParts(31 * MiB, { ...s3, maxPartSize: 10 * MiB, maxParts: 3 })).toThrow(
      'The file is 31 MiB: it would need more than 3 parts of at most 10 MiB.',
    )
  })

  it('says why an empty file is refused', () => {
    expect(() => planParts(0, { ...s3, allowsEmptyFiles: false })).toThrow('The file is empty, and this storage does not accept empty files.')
  })
})

function catchError(fn: () => unknown): UploadError {
  try {
    fn()
  } catch (error) {
    return error as UploadError
  }
  throw new Error('expected an error')
}
