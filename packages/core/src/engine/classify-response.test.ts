import { describe, expect, it } from 'vitest'
import { response } from '../testing/fakes'
import { classifyPartResponse } from './classify-response'

const put = (expiresAt?: number) => ({ method: 'PUT' as const, url: 'https://s.test/p', headers: {}, ...(expiresAt ? { expiresAt } : {}) })

describe('classifyPartResponse', () => {
  it('reads the expired-URL answers of every API as url-expired', () => {
    expect(classifyPartResponse(response(403, {}, '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>')).code).toBe('url-expired')
    expect(classifyPartResponse(response(400, {}, '<Code>ExpiredToken</Code>')).code).toBe('url-expired')
    expect(classifyPartResponse(response(400, {}, '{"error":"TokenExpired"}')).code).toBe('url-expired')
  })

  it('reads a bare 403 on a URL past its known expiry as expired (radosgw)', () => {
    const bare = response(403, {}, '<Error><Code>AccessDenied</Code></Error>')
    expect(classifyPartResponse(bare, put(Date.now() - 1000)).code).toBe('url-expired')
    expect(classifyPartResponse(bare, put(Date.now() + 60_000)).code).toBe('server-rejected')
    expect(classifyPartResponse(bare).code).toBe('server-rejected')
  })

  it('marks throttling and server trouble retryable, honouring Retry-After', () => {
    const throttled = classifyPartResponse(response(429, { 'Retry-After': '3' }))
    expect(throttled).toMatchObject({ code: 'http', retryable: true, retryAfterSeconds: 3 })
    expect(classifyPartResponse(response(502)).retryable).toBe(true)
  })

  it('recognises a checksum mismatch as retryable and a 401 as unauthorized', () => {
    expect(classifyPartResponse(response(400, {}, '<Code>BadDigest</Code>'))).toMatchObject({ code: 'checksum-mismatch', retryable: true })
    expect(classifyPartResponse(response(401)).code).toBe('unauthorized')
  })
})
