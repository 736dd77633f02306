import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { UploadError } from '../errors'
import type { ProviderContext } from '../types'
import { callApi } from './api-call'

// One provider API call with a deadline: the adapter's signal aborts on the caller's abort or at
// the deadline, and a call past its deadline ends in a retryable timeout whatever the adapter does.

beforeEach(() => void vi.useFakeTimers())
afterEach(() => void vi.useRealTimers())

/** A call that never settles by itself; `ctx` is what the adapter was given. */
function hanging() {
  const seen: { ctx?: ProviderContext } = {}
  const call = vi.fn((ctx: ProviderContext) => {
    seen.ctx = ctx
    return new Promise<never>(() => undefined)
  })
  return { call, seen }
}

/** Records how a promise settles, so a test can look without waiting on it forever. */
function track(promise: Promise<unknown>) {
  const state: { settled: boolean; error?: unknown } = { settled: false }
  promise.then(
    () => void (state.settled = true),
    (error: unknown) => void Object.assign(state, { settled: true, error }),
  )
  return state
}

/** A call that rejects with its own error as soon as its signal aborts, as fetch does. */
const abortable = (ctx: ProviderContext) =>
  new Promise<never>((_, reject) => {
    ctx.signal.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')))
  })

describe('callApi', () => {
  it("returns the call's answer and leaves no timer behind", async () => {
    await expect(callApi(async () => 'answer', new AbortController().signal, 5000, 'the create')).resolves.toBe('answer')
    expect(vi.getTimerCount()).toBe(0)
  })

  it("passes the adapter's own failure through untouched", async () => {
    const failure = new UploadError({ code: 'http', message: 'HTTP 500', status: 500, retryable: true })
    await expect(callApi(() => Promise.reject(failure), new AbortController().signal, 5000, 'the create')).rejects.toBe(failure)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('does not call the adapter when the signal is already aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    const call = vi.fn(async () => 'answer')
    await expect(callApi(call, controller.signal, 5000, 'the create')).rejects.toMatchObject({ code: 'aborted' })
    expect(call).not.toHaveBeenCalled()
    const paused = new AbortController()
    const reason = new UploadError({ code: 'aborted', message: 'Paused.' })
    paused.abort(reason)
    await expect(callApi(call, paused.signal, 5000, 'the create')).rejects.toBe(reason)
  })

  it('ends a call that ignores its signal in a retryable timeout at the deadline', async () => {
    const { call, seen } = hanging()
    const outcome = track(callApi(call, new AbortController().signal, 2500, 'the part URLs'))
    await vi.advanceTimersByTimeAsync(2499)
    expect(outcome.settled).toBe(false)
    expect(seen.ctx!.signal.aborted).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    const error = outcome.error
    expect(error).toBeInstanceOf(UploadError)
    expect(error).toMatchObject({ code: 'timeout', retryable: true, message: 'The server did not answer the part URLs within 3 s.' })
    // The adapter's signal aborted with a timeout too.
    expect(seen.ctx!.signal.aborted).toBe(true)
    expect(seen.ctx!.signal.reason).toMatchObject({ code: 'timeout', message: 'The server did not answer the part URLs within 3 s.' })
  })

  it('reports a timeout when the adapter turns the deadline abort into its own error', async () => {
    const outcome = track(callApi(abortable, new AbortController().signal, 1000, 'the completion check'))
    await vi.advanceTimersByTimeAsync(1000)
    expect(outcome.error).toMatchObject({ code: 'timeout', retryable: true, message: 'The server did not answer the completion check within 1 s.' })
  })

  it("aborts the adapter's signal when the caller aborts, and keeps the adapter's error", async () => {
    const controller = new AbortController()
    const outcome = track(callApi(abortable, controller.signal, 1000, 'the create'))
    await vi.advanceTimersByTimeAsync(500)
    controller.abort()
    await vi.advanceTimersByTimeAsync(0)
    expect(outcome.error).toMatchObject({ name: 'AbortError' })
    expect(vi.getTimerCount()).toBe(0)
  })
})
