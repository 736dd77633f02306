import { describe, expect, it } from 'vitest'
import { createContentPolicy, readDeclaredType, readMetadata } from './content-policy'

describe('content policy', () => {
  it('stores everything as application/octet-stream unless a type is allowed', () => {
    const open = createContentPolicy(undefined, undefined)
    expect(open.isAccepted('a.html', 'text/html')).toBe(true)
    expect(open.storedType('text/html')).toBe('application/octet-stream')
    expect(open.storedType('image/png')).toBe('application/octet-stream')
  })

  it('takes the stored types from accept, wildcards excluding active content', () => {
    const images = createContentPolicy(['image/*', '.PDF'], undefined)
    expect([images.isAccepted('a.png', 'image/png'), images.isAccepted('doc.pdf', 'application/octet-stream'), images.isAccepted('a.exe', 'application/x-msdownload')]).toEqual([true, true, false])
    expect([images.storedType('image/png'), images.storedType('image/svg+xml'), images.storedType('application/pdf')]).toEqual(['image/png', 'application/octet-stream', 'application/octet-stream'])
    const explicit = createContentPolicy(undefined, ['text/html', 'text/*'])
    expect([explicit.storedType('text/html'), explicit.storedType('text/plain'), explicit.storedType('text/xml')]).toEqual(['text/html', 'text/plain', 'application/octet-stream'])
    expect(() => createContentPolicy(['image/*; x'], undefined)).toThrow(/not a MIME type/)
  })

  it('reads a declared type strictly', () => {
    expect([readDeclaredType(undefined), readDeclaredType(''), readDeclaredType('Text/Plain; charset=utf-8')]).toEqual(['application/octet-stream', 'application/octet-stream', 'text/plain'])
    for (const bad of ['text', 'text/html\r\nx: y', 'a/b/c', 7]) expect(() => readDeclaredType(bad)).toThrow()
  })

  it('bounds metadata', () => {
    const limits = { maxKeys: 2, maxBytes: 20 }
    expect(readMetadata({ A: 'b' }, limits)).toEqual({ a: 'b' })
    for (const bad of [{ a: '1', b: '2', c: '3' }, { a: 'x'.repeat(20) }, { 'a b': 'x' }, { a: 'é' }, { a: '\n' }, 'x']) expect(() => readMetadata(bad, limits)).toThrow()
  })
})
