import { afterEach, describe, expect, it, vi } from 'vitest'
import type { OnlineManager } from '../environment/online-manager'
import { UploadError } from '../errors'
import { DEFAULT_RETRY, MAX_RETRY_AFTER_MS, NETWORK_RETRY_FLOOR_MS, backoffDelay, isNetworkFailure, retry, sleep, waitForOnline } from './retryer'

const retryable = (message = 'down', retryAfterSeconds?: number) =>
  new UploadError({ code: 'network', message, retryable: true, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) })

/** An online manager the test switches by hand. */
function network(initially = true) {
  let online = initially
  const listeners = new Set<(online: boolean) => void>()
  const manager: OnlineManager = {
    isOnline: () => online,
    subscribe: (listener) => (listeners.add(listener), () => void listeners.delete(listener)),
  }
  const set = (next: boolean) => {
    online = next
    for (const listener of [...listeners]) listener(next)
  }
  return { manager, set, listeners }
}

afterEach(() => void vi.useRealTimers())

describe('backoffDelay', () => {
  it('draws a full-jitter delay under an exponentially growing ceiling', () => {
    expect(backoffDelay(0, DEFAULT_RETRY, undefined, () => 0.999)).toBe(499)
    expect(backoffDelay(3, DEFAULT_RETRY, undefined, () => 0.5)).toBe(2000)
    expect(backoffDelay(20, DEFAULT_RETRY, undefined, () => 0.999)).toBe(29_970)
    expect(backoffDelay(2, DEFAULT_RETRY, undefined, () => 0)).toBe(0)
  })

  it("follows the server's Retry-After, past the backoff ceiling, up to ten minutes", () => {
    expect(backoffDelay(0, DEFAULT_RETRY, retryable('429', 7))).toBe(7000)
    expect(backoffDelay(0, DEFAULT_RETRY, retryable('429', 120))).toBe(120_000)
    expect(backoffDelay(0, DEFAULT_RETRY, retryable('429', 3600))).toBe(MAX_RETRY_AFTER_MS)
  })
})

describe('retry', () => {
  it('tries a network failure again no sooner than the floor, and not at all once the browser says it is offline (e2e: offline mid-upload)', async () => {
    vi.useFakeTimers()
    const net = network()
    // Each attempt records whether the browser was online when it went out (the fake clock is
    // driven below; nothing here reads the time).
    const attempts: boolean[] = []
    const result = retry(
      async () => {
        attempts.push(net.manager.isOnline())
        if (attempts.length === 1) throw retryable('connection reset')
        return 'ok'
      },
      // Full jitter draws 0 here: without the floor the retry would go out at once.
      { policy: { attempts: 5, baseDelayMs: 1, maxDelayMs: 1 }, signal: new AbortController().signal, online: net.manager },
    )
    await vi.advanceTimersByTimeAsync(NETWORK_RETRY_FLOOR_MS - 1)
    expect(attempts).toEqual([true])
    // The browser learns it is offline during the floor: the retry waits for the network.
    net.set(false)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(attempts).toEqual([true])
    net.set(true)
    await vi.runAllTimersAsync()
    await expect(result).resolves.toBe('ok')
    expect(attempts).toHaveLength(2)
    // The retry went out only once the network was back, not while offline.
    expect(attempts[1]).toBe(true)
  })

  it('keeps backoff without a floor for answers the server gave (a 503 is no sign of a lost network)', async () => {
    vi.useFakeTimers()
    let attempts = 0
    const result = retry(
      async () => {
        attempts++
        if (attempts === 1) throw new UploadError({ code: 'http', message: '503', retryable: true, status: 503 })
        return 'ok'
      },
      { policy: { attempts: 5, baseDelayMs: 1, maxDelayMs: 1 }, signal: new AbortController().signal, online: network().manager },
    )
    // The fake clock moves less than the floor: the retry has gone out all the same.
    await vi.advanceTimersByTimeAsync(NETWORK_RETRY_FLOOR_MS - 1)
    expect(attempts).toBe(2)
    await expect(result).resolves.toBe('ok')
  })

  it('retries retryable errors with backoff, then succeeds, showing "waiting" in between', async () => {
    vi.useFakeTimers()
    const waits: boolean[] = []
    let calls = 0
    const result = retry(
      async () => {
        calls++
        if (calls < 3) throw retryable()
        return 'ok'
      },
      { policy: { attempts: 5, baseDelayMs: 1000, maxDelayMs: 10_000 }, signal: new AbortController().signal, online: network().manager, onWait: (w) => waits.push(w) },
    )
    await vi.runAllTimersAsync()
    await expect(result).resolves.toBe('ok')
    expect(calls).toBe(3)
    expect(waits).toEqual([true, false, true, false])
  })

  it('does not retry errors that cannot be helped by retrying, and stops after the attempts', async () => {
    let calls = 0
    const options = { policy: { attempts: 3, baseDelayMs: 0, maxDelayMs: 0 }, signal: new AbortController().signal, online: network().manager }
    await expect(
      retry(async () => {
        calls++
        throw new UploadError({ code: 'server-rejected', message: 'no' })
      }, options),
    ).rejects.toMatchObject({ code: 'server-rejected' })
    expect(calls).toBe(1)
    calls = 0
    await expect(
      retry(async () => {
        calls++
        throw retryable()
      }, options),
    ).rejects.toMatchObject({ code: 'network' })
    expect(calls).toBe(3)
  })

  it('stops waiting as soon as it is aborted (pause, cancel, dispose), leaving no timer behind', async () => {
    vi.useFakeTimers()
    const controller = new AbortController()
    const pending = retry(async () => {
      throw retryable()
    }, { policy: { attempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 }, signal: controller.signal, online: network().manager })
    await vi.advanceTimersByTimeAsync(1)
    expect(vi.getTimerCount()).toBe(1)
    controller.abort(new UploadError({ code: 'aborted', message: 'Paused.' }))
    await expect(pending).rejects.toMatchObject({ code: 'aborted', message: 'Paused.' })
    expect(vi.getTimerCount()).toBe(0)
  })

  it('while offline, sends nothing until the network is back, and spends no attempt on it', async () => {
    vi.useFakeTimers()
    const net = network()
    let calls = 0
    const result = retry(
      async () => {
        calls++
        if (calls === 1) {
          net.set(false) // the connection drops during the first attempt
          throw retryable()
        }
        return 'sent'
      },
      { policy: { attempts: 1, baseDelayMs: 10, maxDelayMs: 10 }, signal: new AbortController().signal, online: net.manager },
    )
    await vi.advanceTimersByTimeAsync(60_000)
    expect(calls).toBe(1) // an hour of backoff would have retried by now: it waits for the network
    expect(vi.getTimerCount()).toBe(0) // no timer ticking while offline
    net.set(true)
    await expect(result).resolves.toBe('sent')
    expect(calls).toBe(2) // attempts: 1 was not spent on the offline failure
    expect(net.listeners.size).toBe(0)
  })

  it('a backoff that ends while offline waits for the network before the next attempt', async () => {
    vi.useFakeTimers()
    const net = network()
    const sent: string[] = []
    const result = retry(
      async () => {
        sent.push('attempt')
        if (sent.length === 1) throw retryable('503', 1)
        return 'ok'
      },
      { policy: DEFAULT_RETRY, signal: new AbortController().signal, online: net.manager },
    )
    await vi.advanceTimersByTimeAsync(500)
    net.set(false)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(sent).toHaveLength(1)
    net.set(true)
    await expect(result).resolves.toBe('ok')
    expect(sent).toHaveLength(2)
  })
})

describe('isNetworkFailure and the Retry-After edge', () => {
  it('counts a failure without an answer as a network failure, an HTTP answer as none', () => {
    expect(isNetworkFailure(retryable())).toBe(true)
    expect(isNetworkFailure(new UploadError({ code: 'http', message: 'no answer', retryable: true }))).toBe(true)
    expect(isNetworkFailure(new UploadError({ code: 'http', message: '503', retryable: true, status: 503 }))).toBe(false)
    expect(isNetworkFailure(new UploadError({ code: 'timeout', message: 'slow', retryable: true }))).toBe(false)
  })

  it('follows a Retry-After of 0 seconds: no wait at all', () => {
    expect(backoffDelay(3, DEFAULT_RETRY, retryable('429', 0), () => 0.999)).toBe(0)
  })
})

describe('retry, more', () => {
  afterEach(() => void vi.restoreAllMocks())
  const http503 = () => new UploadError({ code: 'http', message: '503', retryable: true, status: 503 })

  it('tells onRetry each failure it will retry and the backoff drawn for it, growing per failure', async () => {
    vi.useFakeTimers()
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
    const retried: Array<[string, number]> = []
    let calls = 0
    const result = retry(
      async () => {
        if (++calls < 4) throw http503()
        return 'ok'
      },
      { policy: { attempts: 5, baseDelayMs: 100, maxDelayMs: 10_000 }, signal: new AbortController().signal, online: network().manager, onRetry: (error, delay) => retried.push([error.code, delay]) },
    )
    await vi.runAllTimersAsync()
    await expect(result).resolves.toBe('ok')
    expect(retried).toEqual([
      ['http', 50],
      ['http', 100],
      ['http', 200],
    ])
  })

  it('passes each attempt its number and the error that caused it', async () => {
    const seen: Array<[number, string | undefined]> = []
    await retry(
      async ({ attempt, lastError }) => {
        seen.push([attempt, lastError?.message])
        if (attempt < 2) throw new UploadError({ code: 'http', message: `fail ${attempt}`, retryable: true, status: 503 })
      },
      { policy: { attempts: 5, baseDelayMs: 0, maxDelayMs: 0 }, signal: new AbortController().signal, online: network().manager },
    )
    expect(seen).toEqual([
      [0, undefined],
      [1, 'fail 0'],
      [2, 'fail 1'],
    ])
  })

  it('sends nothing while offline at the start, and shows "waiting" until the network is back', async () => {
    const net = network(false)
    const waits: boolean[] = []
    let calls = 0
    const result = retry(async () => ++calls, { policy: DEFAULT_RETRY, signal: new AbortController().signal, online: net.manager, onWait: (w) => waits.push(w) })
    await Promise.resolve()
    expect(calls).toBe(0)
    expect(waits).toEqual([true])
    net.set(false) // still offline: still nothing
    expect(calls).toBe(0)
    net.set(true)
    await expect(result).resolves.toBe(1)
    expect(waits).toEqual([true, false])
  })

  it('does not retry a retryable failure once the signal has aborted', async () => {
    const controller = new AbortController()
    let calls = 0
    const result = retry(
      async () => {
        calls++
        controller.abort()
        throw http503()
      },
      { policy: DEFAULT_RETRY, signal: controller.signal, online: network().manager },
    )
    await expect(result).rejects.toMatchObject({ code: 'http', status: 503 })
    expect(calls).toBe(1)
  })
})

describe('sleep and waitForOnline', () => {
  /** Settles after any promise that has already settled: a race against it tells "at once" from "later". */
  const notYet = () => Promise.resolve('not settled yet')

  it('sleep resolves after the time, and rejects at once on an aborted signal without a timer', async () => {
    vi.useFakeTimers()
    let done = false
    void sleep(1000, new AbortController().signal).then(() => (done = true))
    await vi.advanceTimersByTimeAsync(999)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(done).toBe(true)
    const controller = new AbortController()
    controller.abort(new UploadError({ code: 'aborted', message: 'Cancelled.' }))
    await expect(Promise.race([sleep(1000, controller.signal), notYet()])).rejects.toMatchObject({ message: 'Cancelled.' })
    expect(vi.getTimerCount()).toBe(0)
  })

  it('waitForOnline resolves at once when online, else on the first online notice, then unsubscribes', async () => {
    await expect(Promise.race([waitForOnline(network().manager, new AbortController().signal), notYet()])).resolves.toBeUndefined()
    const net = network(false)
    let online = false
    void waitForOnline(net.manager, new AbortController().signal).then(() => (online = true))
    net.set(false)
    await Promise.resolve()
    expect(online).toBe(false)
    net.set(true)
    await Promise.resolve()
    expect(online).toBe(true)
    expect(net.listeners.size).toBe(0)
  })

  it('waitForOnline rejects on abort, before or while waiting, and unsubscribes', async () => {
    const net = network(false)
    const gone = new AbortController()
    gone.abort()
    await expect(Promise.race([waitForOnline(net.manager, gone.signal), notYet()])).rejects.toMatchObject({ code: 'aborted' })
    expect(net.listeners.size).toBe(0)
    const controller = new AbortController()
    const waiting = waitForOnline(net.manager, controller.signal)
    expect(net.listeners.size).toBe(1)
    controller.abort(new UploadError({ code: 'aborted', message: 'Paused.' }))
    await expect(waiting).rejects.toMatchObject({ message: 'Paused.' })
    expect(net.listeners.size).toBe(0)
  })
})
