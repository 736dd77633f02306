import { UploadError, toUploadError } from '../errors'
import type { OnlineManager } from '../environment/online-manager'

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 }

/**
 * A request that failed at the network level (no answer at all) is the first sign of a lost
 * network, and it comes before the browser says it is offline: the 'offline' event and
 * navigator.onLine follow a moment later. Such a failure is never tried again sooner than this,
 * so the retry does not go out in that moment (measured in real Chromium: a part re-sent a few
 * ms after going offline, with full jitter's draw near 0); once the browser knows, the retryer
 * waits for the network instead. One rule for every adapter: it is the engine's retryer.
 */
export const NETWORK_RETRY_FLOOR_MS = 1000

/** No answer was read: a connection failed, was reset, or the browser is offline. */
export const isNetworkFailure = (error: UploadError) => error.code === 'network' || (error.code === 'http' && error.status === undefined)

/** A server's Retry-After is followed up to this long; beyond it the wait is cut to this. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000

/**
 * Exponential backoff with full jitter (a random wait in [0, min(max, base * 2^n)]), which
 * spreads retries of many parts apart. A server's Retry-After wins when it gives one.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, error?: UploadError, random = Math.random): number {
  if (error?.retryAfterSeconds !== undefined) return Math.min(error.retryAfterSeconds * 1000, MAX_RETRY_AFTER_MS)
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt)
  return Math.floor(random() * ceiling)
}

export interface RetryContext {
  attempt: number
  /** The error that caused this attempt, for attempts after the first. */
  lastError: UploadError | undefined
}

export interface RetryerOptions {
  policy: RetryPolicy
  /** Aborted when the file is paused or cancelled, or the uploader disposed: the retryer stops. */
  signal: AbortSignal
  /** While offline nothing is tried: the retryer waits for the network (and counts no attempt). */
  online: OnlineManager
  /** Told when the retryer starts and stops waiting (the file shows "retrying" meanwhile). */
  onWait?: (waiting: boolean) => void
  /** Told of each failure that will be retried, and the wait before the next attempt. */
  onRetry?: (error: UploadError, delayMs: number) => void
}

/**
 * Run an operation until it succeeds, a failure cannot be helped by retrying, the attempts are
 * spent, or the signal aborts. Between attempts it waits (backoff, or the server's
 * Retry-After); while the browser is offline it waits for the network instead, without
 * spending attempts: a failure while offline says nothing about the server. Modelled on
 * TanStack Query's retryer with its online manager.
 */
export async function retry<T>(operation: (context: RetryContext) => Promise<T>, options: RetryerOptions): Promise<T> {
  const { policy, signal, online } = options
  let lastError: UploadError | undefined
  let failures = 0
  for (let attempt = 0; ; attempt++) {
    if (!online.isOnline()) await waiting(options, () => waitForOnline(online, signal))
    try {
      return await operation({ attempt, lastError })
    } catch (thrown) {
      const error = toUploadError(thrown)
      if (signal.aborted || !error.retryable) throw error
      lastError = error
      if (!online.isOnline()) continue // not the server's fault: wait for the network, try again
      if (++failures >= policy.attempts) throw error
      const delay = Math.max(backoffDelay(failures - 1, policy, error), isNetworkFailure(error) ? NETWORK_RETRY_FLOOR_MS : 0)
      options.onRetry?.(error, delay)
      await waiting(options, () => sleep(delay, signal))
    }
  }
}

async function waiting(options: RetryerOptions, wait: () => Promise<void>): Promise<void> {
  options.onWait?.(true)
  try {
    await wait()
    if (!options.online.isOnline()) await waitForOnline(options.online, options.signal)
  } finally {
    options.onWait?.(false)
  }
}

const aborted = (signal: AbortSignal) => toUploadError(signal.reason ?? new UploadError({ code: 'aborted', message: 'The upload was cancelled.' }))

/** Resolves after `ms`; rejects (and clears its timer) as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(aborted(signal))
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(aborted(signal))
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/** Resolves when the browser is online again; rejects (and unsubscribes) when the signal aborts. */
export function waitForOnline(online: OnlineManager, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(aborted(signal))
    if (online.isOnline()) return resolve()
    const done = () => {
      unsubscribe()
      signal.removeEventListener('abort', onAbort)
    }
    const unsubscribe = online.subscribe((isOnline) => {
      if (!isOnline) return
      done()
      resolve()
    })
    const onAbort = () => {
      done()
      reject(aborted(signal))
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
