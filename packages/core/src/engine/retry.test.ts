import { describe, expect, it, vi } from 'vitest'
import { UploadError } from '../errors'
import { DEFAULT_RETRY, backoffDelay, withRetry } from './retry'

describe('backoffDelay', () => {
  it('draws a full-jitter delay under an exponentially growing ceiling', () => {
    expect(backoffDelay(0, DEFAULT_RETRY, undefined, () => 0.999)).toBe(499)
    expect(backoffDelay(3, DEFAULT_RETRY, undefined, () => 0.5)).toBe(2000)
    expect(backoffDelay(20, DEFAULT_RETRY, undefined, () => 0.999)).toBe(29_970)
    expect(backoffDelay(2, DEFAULT_RETRY, undefined, () => 0)).toBe(0)
  })

  it('follows Retry-After when the server gives it, capped by the maximum', () => {
    const error = new UploadError({ code: 'http', message: '429', retryable: true, retryAfterSeconds: 7 })
    expect(backoffDelay(0, DEFAULT_RETRY, error)).toBe(7000)
    const far = new UploadError({ code: 'http', message: '429', retryable: true, retryAfterSeconds: 3600 })
    expect(backoffDelay(0, DEFAULT_RETRY, far)).toBe(DEFAULT_RETRY.maxDelayMs)
  })
})

describe('withRetry', () => {
  it('retries retryable errors with backoff, then succeeds', async () => {
    vi.useFakeTimers()
    try {
      let calls = 0
      const result = withRetry(
        async () => {
          calls++
          if (calls < 3) throw new UploadError({ code: 'network', message: 'down', retryable: true })
          return 'ok'
        },
        { attempts: 5, baseDelayMs: 1000, maxDelayMs: 10_000 },
        new AbortController().signal,
      )
      await vi.runAllTimersAsync()
      await expect(result).resolves.toBe('ok')
      expect(calls).toBe(3)
    } finally {
      vi.useRealTimers()
    }
  })

  it('does not retry errors that cannot be helped by retrying', async () => {
    let calls = 0
    const failing = withRetry(
      async () => {
        calls++
        throw new UploadError({ code: 'server-rejected', message: 'no' })
      },
      DEFAULT_RETRY,
      new AbortController().signal,
    )
    await expect(failing).rejects.toMatchObject({ code: 'server-rejected' })
    expect(calls).toBe(1)
  })

  it('stops waiting as soon as it is aborted', async () => {
    const controller = new AbortController()
    const pending = withRetry(
      async () => {
        throw new UploadError({ code: 'network', message: 'down', retryable: true })
      },
      { attempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 },
      controller.signal,
    )
    setTimeout(() => controller.abort(), 5)
    await expect(pending).rejects.toMatchObject({ code: 'aborted' })
  })
})
