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

describe('names in bytes, cleaned', () => {
  const bytes = (text: string) => new TextEncoder().encode(text).length

  it('strips bidi overrides, isolates and marks, C1 controls and lone surrogates; normalises to NFC', () => {
    expect(buildObjectKey('u', 'invoice\u202Egpj.exe', 'id')).toBe('u/id/invoicegpj.exe')
    expect(buildObjectKey('u', '\u2066a\u2069\u200Fb\u0085c\uD800.txt', 'id')).toBe('u/id/abc.txt')
    expect(buildObjectKey('u', 'e\u0301.txt', 'id')).toBe('u/id/\u00e9.txt')
  })

  it('shortens each segment to 255 UTF-8 bytes between code points, keeping the extension', () => {
    const key = buildObjectKey('u', `${'名'.repeat(100)}.txt`, 'id')
    const name = key.slice('u/id/'.length)
    expect(bytes(name)).toBeLessThanOrEqual(255)
    expect(name).toBe(`${'名'.repeat(83)}.txt`)
  })

  it('keeps the whole key within 1024 bytes by dropping leading folders, never the upload folder', () => {
    const deep = Array.from({ length: 10 }, (_, i) => `${i}${'d'.repeat(200)}`).join('/')
    const key = buildObjectKey('u', `${deep}/file.bin`, 'id')
    expect(bytes(key)).toBeLessThanOrEqual(1024)
    expect(key.startsWith('u/id/')).toBe(true)
    expect(key.endsWith('/9' + 'd'.repeat(200) + '/file.bin')).toBe(true)
  })
})
