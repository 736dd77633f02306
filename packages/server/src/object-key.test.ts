import { describe, expect, it } from 'vitest'
import { buildObjectKey } from './object-key'

describe('buildObjectKey', () => {
  it('puts each upload in its own folder under the prefix', () => {
    expect(buildObjectKey('uploads', 'photo.jpg', 'id1')).toBe('uploads/id1/photo.jpg')
    expect(buildObjectKey('/a/b/', 'x', 'id')).toBe('a/b/id/x')
    expect(buildObjectKey('', 'x', 'id')).toBe('id/x')
  })

  it('keeps folder paths but nothing that climbs out', () => {
    expect(buildObjectKey('u', '../../etc/passwd', 'id')).toBe('u/id/etc/passwd')
    expect(buildObjectKey('u', 'a\\..\\b.txt', 'id')).toBe('u/id/a/b.txt')
    expect(buildObjectKey('u', '/abs/./x', 'id')).toBe('u/id/abs/x')
  })

  it('strips control characters and never yields an empty name', () => {
    expect(buildObjectKey('u', 'a\u0000b\nc.txt', 'id')).toBe('u/id/abc.txt')
    expect(buildObjectKey('u', '..', 'id')).toBe('u/id/file')
    expect(buildObjectKey('u', 'ünïcødé 名前.txt', 'id')).toBe('u/id/ünïcødé 名前.txt')
  })
})
