import { describe, expect, it } from 'vitest'
import { isNearExpiry, presignedExpiry } from './url-expiry'

describe('URL lifetimes', () => {
  it('dates a SigV4 URL from X-Amz-Expires and the time it arrived, less the second X-Amz-Date drops', () => {
    expect(presignedExpiry('https://s.example/b/k?X-Amz-Date=20260428T153218Z&X-Amz-Expires=1800', 10_000)).toBe(10_000 + 1_800_000 - 1000)
    expect(presignedExpiry('https://s.example/b/k?X-Amz-Expires=60', 10_000)).toBe(10_000 + 60_000)
    expect(presignedExpiry('https://s.example/b/k?partNumber=1', 10_000)).toBeUndefined()
    expect(presignedExpiry('not a url', 10_000)).toBeUndefined()
  })

  it('refreshes within the margin, or past half the life of a short-lived URL', () => {
    const long = { receivedAt: 0, expiresAt: 1_800_000 }
    expect(isNearExpiry(long, 1_000_000, 60_000)).toBe(false)
    expect(isNearExpiry(long, 1_750_000, 60_000)).toBe(true)
    const short = { receivedAt: 0, expiresAt: 2000 }
    expect(isNearExpiry(short, 500, 60_000)).toBe(false)
    expect(isNearExpiry(short, 1500, 60_000)).toBe(true)
  })

  it('uses a URL that looked dead on arrival (skewed clocks) and one without an expiry', () => {
    expect(isNearExpiry({ receivedAt: 5000, expiresAt: 4000 }, 6000, 60_000)).toBe(false)
    expect(isNearExpiry({ receivedAt: 0, expiresAt: undefined }, 1e12, 60_000)).toBe(false)
  })
})
