import { describe, expect, it } from 'vitest'
import { defaultDestination, initiatePathSegment } from './sandbox-path'

describe('initiatePathSegment', () => {
  it('marks an absolute path with an upper-case %2F so the sandbox does not treat it as relative', () => {
    expect(initiatePathSegment('/tmp/big.bin')).toBe('%2Ftmp/big.bin')
  })

  it('keeps a relative path relative (no %2F anywhere)', () => {
    const segment = initiatePathSegment('uploads/2024/clip.mp4')
    expect(segment).toBe('uploads/2024/clip.mp4')
    expect(segment).not.toMatch(/%2F/i)
  })

  it('encodes each segment, so spaces, percent signs and unicode survive and no slash is smuggled in', () => {
    expect(initiatePathSegment('/home/user/my file%20 é?.txt')).toBe('%2Fhome/user/my%20file%2520%20%C3%A9%3F.txt')
    expect(decodeURIComponent(initiatePathSegment('/a/b c'))).toBe('/a/b c')
  })

  it('collapses runs of slashes like the server and leaves ~ for the server to expand', () => {
    expect(initiatePathSegment('//tmp//x.bin')).toBe('%2Ftmp/x.bin')
    expect(initiatePathSegment('~/notes.txt')).toBe('~/notes.txt')
  })

  it('refuses paths with no file name or with dot segments', () => {
    expect(() => initiatePathSegment('/')).toThrow(/names no file/)
    expect(() => initiatePathSegment('/tmp/../etc/passwd')).toThrow(/"\.\."/)
  })
})

describe('defaultDestination', () => {
  it('puts the dropped-folder path (else the name) below the directory', () => {
    expect(defaultDestination('/tmp/uploads/', 'photos/a.jpg', 'a.jpg')).toBe('/tmp/uploads/photos/a.jpg')
    expect(defaultDestination('/tmp/uploads', undefined, 'a.jpg')).toBe('/tmp/uploads/a.jpg')
    expect(defaultDestination('', undefined, 'a.jpg')).toBe('a.jpg')
  })
})
