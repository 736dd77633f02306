import { describe, expect, it } from 'vitest'
import { matchesAccept, parseAccept } from './accept'
import { checkRestrictions } from './restrictions'

const none = { count: 0, totalSize: 0 }
const png = { name: 'Photo.PNG', size: 2000, type: 'image/png' }

describe('restrictions', () => {
  it('accepts by MIME type, wildcard or extension, case-insensitively', () => {
    expect(matchesAccept(png, ['image/png'])).toBe(true)
    expect(matchesAccept(png, ['image/*'])).toBe(true)
    expect(matchesAccept(png, ['.png'])).toBe(true)
    expect(matchesAccept(png, ['.jpg', 'application/pdf'])).toBe(false)
    expect(matchesAccept({ name: 'a', type: '' }, ['image/*'])).toBe(false)
  })

  it('reads accept as a list or as the comma-separated string of an <input accept>', () => {
    expect(parseAccept(' image/*, .PDF ,,')).toEqual(['image/*', '.pdf'])
    expect(parseAccept(['Image/PNG', ' '])).toEqual(['image/png'])
    expect(parseAccept(undefined)).toEqual([])
    expect(matchesAccept(png, 'application/pdf, .png')).toBe(true)
    expect(matchesAccept(png, '')).toBe(true) // no rule: everything is accepted
    expect(matchesAccept(png, '*/*')).toBe(true)
    expect(checkRestrictions(png, { accept: '.pdf,.txt' }, none)?.message).toBe('Photo.PNG is not an accepted type (.pdf, .txt).')
  })

  it('gives a typed reason for each rule', () => {
    expect(checkRestrictions(png, { accept: ['.pdf'] }, none)?.code).toBe('restricted')
    expect(checkRestrictions(png, { maxFileSize: 1000 }, none)?.code).toBe('file-too-large')
    expect(checkRestrictions({ ...png, size: 0 }, { minFileSize: 1 }, none)?.code).toBe('file-empty')
    expect(checkRestrictions(png, { minFileSize: 5000 }, none)?.message).toMatch(/smaller than/)
    expect(checkRestrictions(png, { maxFiles: 2 }, { count: 2, totalSize: 0 })?.message).toMatch(/at most 2 files/)
    expect(checkRestrictions(png, { maxTotalSize: 3000 }, { count: 1, totalSize: 1500 })?.message).toMatch(/together/)
    expect(checkRestrictions(png, { validate: (f) => (f.name.startsWith('Photo') ? 'no photos' : undefined) }, none)?.message).toBe(
      'no photos',
    )
  })

  it('accepts a file that passes every rule', () => {
    expect(
      checkRestrictions(png, { accept: ['image/*'], maxFileSize: 5000, minFileSize: 1, maxFiles: 3, maxTotalSize: 1e6, validate: () => undefined }, none),
    ).toBeUndefined()
  })
})
