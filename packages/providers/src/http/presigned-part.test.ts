import { classifyAnswer } from '@uplink/core'
import { describe, expect, it } from 'vitest'
import { STORAGE_ERRORS, etagReceipt, isHttpUrl, storagePut } from './presigned-part'

const part = { number: 3, offset: 0, size: 10, checksums: {} }
const response = (status: number, headers: Record<string, string>, body = '') => ({
  status,
  body,
  header: (name: string) => headers[name.toLowerCase()] ?? null,
})

describe('presigned part helpers', () => {
  it('keeps the ETag verbatim, quotes included', () => {
    expect(etagReceipt(part, response(201, { etag: '"abc"' }))).toEqual({ number: 3, size: 10, token: '"abc"' })
  })

  it('reports a 2xx without a readable ETag as etag-not-exposed', () => {
    expect(() => etagReceipt(part, response(200, {}))).toThrow(
      expect.objectContaining({ code: 'etag-not-exposed', status: 200, message: expect.stringContaining('ExposeHeaders: ["ETag"]') }),
    )
  })

  it('reads 404 NoSuchUpload on a part as a lost session, and nothing else', () => {
    const read = (status: number, body: string) => classifyAnswer(response(status, {}, body), STORAGE_ERRORS, { on: 'part' }).code
    expect(read(404, '<Error><Code>NoSuchUpload</Code></Error>')).toBe('session-lost')
    expect(read(404, '<Error><Code>NoSuchKey</Code></Error>')).toBe('server-rejected')
    expect(read(403, '<Error><Code>NoSuchUpload</Code></Error>')).toBe('server-rejected')
  })

  it('sends a storage PUT with the signed headers only', () => {
    expect(storagePut({ url: 'https://s.test/k?X-Amz-Signature=1', headers: { 'x-amz-checksum-crc32c': 'AAAAAA==' }, expiresAt: 5 })).toEqual({
      method: 'PUT',
      url: 'https://s.test/k?X-Amz-Signature=1',
      headers: { 'x-amz-checksum-crc32c': 'AAAAAA==' },
      expiresAt: 5,
    })
  })

  it('a URL without a known expiry gives a request without the field, and the headers are a copy', () => {
    const headers = { 'content-type': 'application/octet-stream' }
    const request = storagePut({ url: 'https://s.test/k', headers })
    expect(request).toStrictEqual({ method: 'PUT', url: 'https://s.test/k', headers })
    expect(request.headers).not.toBe(headers)
  })

  it('takes only an http(s) URL for a part PUT', () => {
    expect(isHttpUrl('https://s.test/k')).toBe(true)
    expect(isHttpUrl('HTTP://s.test/k')).toBe(true)
    const looksLikeUrl = { toString: () => 'https://s.test/k' }
    for (const wrong of ['ftp://s.test/k', 'javascript:alert(1)', 'xhttps://s.test', '/relative', 'https:/one-slash', 42, undefined, looksLikeUrl]) {
      expect(isHttpUrl(wrong)).toBe(false)
    }
  })
})
