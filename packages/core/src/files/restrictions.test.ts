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

  it('limits are inclusive: a file exactly at a limit is accepted, one byte or one file over is not', () => {
    const at = (size: number) => ({ ...png, size })
    expect(checkRestrictions(at(1000), { maxFileSize: 1000 }, none)).toBeUndefined()
    expect(checkRestrictions(at(1001), { maxFileSize: 1000 }, none)?.message).toBe('Photo.PNG is larger than the 1000-byte limit.')
    expect(checkRestrictions(at(10), { minFileSize: 10 }, none)).toBeUndefined()
    expect(checkRestrictions(at(9), { minFileSize: 10 }, none)).toMatchObject({ code: 'restricted', message: 'Photo.PNG is smaller than the 10-byte minimum.' })
    expect(checkRestrictions(at(0), { minFileSize: 1 }, none)?.message).toBe('Photo.PNG is empty.')
    expect(checkRestrictions(png, { maxFiles: 2 }, { count: 1, totalSize: 0 })).toBeUndefined()
    expect(checkRestrictions(png, { maxFiles: 2 }, { count: 2, totalSize: 0 })?.message).toBe('Photo.PNG was not added: at most 2 files.')
    expect(checkRestrictions(at(500), { maxTotalSize: 3000 }, { count: 1, totalSize: 2500 })).toBeUndefined()
    expect(checkRestrictions(at(501), { maxTotalSize: 3000 }, { count: 1, totalSize: 2500 })?.message).toBe(
      'Photo.PNG was not added: all files together may be at most 3000 bytes.',
    )
  })

  it('a zero limit is a limit, not "no limit"', () => {
    expect(checkRestrictions(png, { maxFiles: 0 }, none)?.code).toBe('restricted')
    expect(checkRestrictions(png, { maxFileSize: 0 }, none)?.code).toBe('file-too-large')
    expect(checkRestrictions(png, { maxTotalSize: 0 }, none)?.code).toBe('restricted')
  })

  it('an empty reason from validate accepts the file; the custom rule sees name, size and type', () => {
    const seen: unknown[] = []
    expect(checkRestrictions(png, { validate: (f) => (seen.push(f), '') }, none)).toBeUndefined()
    expect(checkRestrictions(png, { validate: () => null }, none)).toBeUndefined()
    expect(seen).toEqual([png])
  })

  it('accept: "*" takes anything; a wildcard matches its own top-level type only; types compare case-insensitively', () => {
    expect(matchesAccept({ name: 'x', type: '' }, '*')).toBe(true)
    expect(matchesAccept({ name: 'x', type: 'imagery/png' }, 'image/*')).toBe(false)
    expect(matchesAccept({ name: 'x', type: 'IMAGE/PNG' }, 'image/png')).toBe(true)
    expect(matchesAccept({ name: 'x.png.exe', type: '' }, '.png')).toBe(false)
    expect(matchesAccept({ name: 'png', type: '' }, '.png')).toBe(false)
    // A full MIME type matches itself only, not a longer or shorter type.
    expect(matchesAccept({ name: 'x', type: 'image/pn' }, 'image/png')).toBe(false)
    expect(matchesAccept({ name: 'x', type: 'image/pngx' }, 'image/png')).toBe(false)
  })
})
