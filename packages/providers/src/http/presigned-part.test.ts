import { describe, expect, it } from 'vitest'
import { etagReceipt, isNearExpiry, presignedExpiry, storageSessionLost } from './presigned-part'

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
    expect(() => etagReceipt(part, response(200, {}))).toThrow(expect.objectContaining({ code: 'etag-not-exposed' }))
  })

  it('reads 404 NoSuchUpload as a lost session, and nothing else', () => {
    expect(storageSessionLost(response(404, {}, '<Error><Code>NoSuchUpload</Code></Error>'))?.code).toBe('session-lost')
    expect(storageSessionLost(response(404, {}, '<Error><Code>NoSuchKey</Code></Error>'))).toBeUndefined()
    expect(storageSessionLost(response(403, {}, 'NoSuchUpload'))).toBeUndefined()
  })

  it('dates a SigV4 URL from X-Amz-Expires and the time it arrived', () => {
    expect(presignedExpiry('https://s.example/b/k?X-Amz-Date=20260428T153218Z&X-Amz-Expires=1800', 10_000)).toBe(10_000 + 1_800_000)
    expect(presignedExpiry('https://s.example/b/k?partNumber=1', 10_000)).toBeUndefined()
    expect(presignedExpiry('not a url', 10_000)).toBeUndefined()
  })

  it('refreshes within the margin, or past half the life of a short-lived URL', () => {
    const long = { url: 'u', receivedAt: 0, expiresAt: 1_800_000 }
    expect(isNearExpiry(long, 1_000_000, 60_000)).toBe(false)
    expect(isNearExpiry(long, 1_750_000, 60_000)).toBe(true)
    const short = { url: 'u', receivedAt: 0, expiresAt: 2000 }
    expect(isNearExpiry(short, 500, 60_000)).toBe(false)
    expect(isNearExpiry(short, 1500, 60_000)).toBe(true)
  })

  it('uses a URL that looked dead on arrival (skewed clocks) and one without an expiry', () => {
    expect(isNearExpiry({ url: 'u', receivedAt: 5000, expiresAt: 4000 }, 6000, 60_000)).toBe(false)
    expect(isNearExpiry({ url: 'u', receivedAt: 0, expiresAt: undefined }, 1e12, 60_000)).toBe(false)
  })
})
