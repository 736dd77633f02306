import { UploadError, toUploadError } from '../errors'

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 }

/**
 * Exponential backoff with full jitter (a random wait in [0, min(max, base * 2^n)]), which spreads
 * retries of many parts apart; a server's Retry-After wins when it gives one.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, error?: UploadError, random = Math.random): number {
  if (error?.retryAfterSeconds !== undefined) return Math.min(error.retryAfterSeconds * 1000, policy.maxDelayMs)
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt)
  return Math.floor(random() * ceiling)
}

export interface RetryContext {
  attempt: number
  /** The error that caused this attempt, for attempts after the first. */
  lastError: UploadError | undefined
}

export async function withRetry<T>(
  operation: (context: RetryContext) => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal,
  onRetry?: (error: UploadError, delayMs: number) => void,
): Promise<T> {
  let lastError: UploadError | undefined
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation({ attempt, lastError })
    } catch (thrown) {
      const error = toUploadError(thrown)
      if (signal.aborted || !error.retryable || attempt + 1 >= policy.attempts) throw error
      lastError = error
      const delay = backoffDelay(attempt, policy, error)
      onRetry?.(error, delay)
      await sleep(delay, signal)
    }
  }
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new UploadError({ code: 'aborted', message: 'The upload was cancelled.' }))
      return
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(new UploadError({ code: 'aborted', message: 'The upload was cancelled.' }))
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
