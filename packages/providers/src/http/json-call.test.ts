import type { ErrorTable } from '@uplink/core'
import { describe, expect, it } from 'vitest'
import { fakeFetch } from '../testing/fake-fetch'
import { callJson } from './json-call'

const signal = new AbortController().signal
const text = (status: number, body: string) => () => new Response(body, { status })
const abortError = () => Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' })
/** An answer whose body breaks off while it is read. */
const brokenBody = () => {
  const body = new ReadableStream({ start: (controller) => controller.error(new TypeError('network error')) })
  return new Response(body, { status: 200 })
}

describe('callJson: what it sends', () => {
  it('with a token and a body: Authorization, Content-Type and Accept, redirects not followed, the token asked once', async () => {
    const asked: boolean[] = []
    const { fetch, calls } = fakeFetch(text(200, '{"id":"u1"}'))
    const answer = await callJson('https://api.example/x', { method: 'POST', body: {}, signal, getToken: ({ refresh }) => (asked.push(refresh), 'T'), fetch })
    expect(answer).toEqual({ id: 'u1' })
    expect(calls[0]!.init.headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer T', 'Content-Type': 'application/json' })
    expect(calls[0]!.init.redirect).toBe('manual')
    expect(asked).toEqual([false])
  })

  it('a GET without a body sends no Content-Type and no body; without a token no Authorization', async () => {
    const { fetch, calls } = fakeFetch(text(200, '{"a":1}'))
    expect(await callJson('https://api.example/x', { method: 'GET', signal, fetch })).toEqual({ a: 1 })
    expect(calls[0]!.init.method).toBe('GET')
    expect(calls[0]!.init.body).toBeNull()
    expect(calls[0]!.init.headers).toEqual({ Accept: 'application/json' })
    expect(calls[0]!.init.signal).toBe(signal)
  })

  it('the body is sent as JSON text', async () => {
    const { fetch, calls } = fakeFetch(text(200, '{}'))
    await callJson('https://api.example/x', { method: 'PUT', body: { parts: [1, 2] }, signal, fetch })
    expect(calls[0]!.init.body).toBe('{"parts":[1,2]}')
  })

  it('a supplier that gives no token sends no Authorization, and a 401 then asks it once more', async () => {
    const asked: boolean[] = []
    const { fetch, calls } = fakeFetch(text(401, ''), text(200, '{}'))
    await callJson('https://api.example/x', { method: 'GET', signal, getToken: ({ refresh }) => (asked.push(refresh), undefined), fetch })
    expect(asked).toEqual([false, true])
    expect(calls.map((c) => c.init.headers)).toEqual([{ Accept: 'application/json' }, { Accept: 'application/json' }])
  })
})

describe('callJson: what it answers', () => {
  it('an empty or blank answer is undefined, not a parse error', async () => {
    const { fetch } = fakeFetch(() => new Response(null, { status: 204 }), text(200, ' \n'))
    expect(await callJson('https://api.example/x', { method: 'DELETE', signal, fetch })).toBeUndefined()
    expect(await callJson('https://api.example/x', { method: 'DELETE', signal, fetch })).toBeUndefined()
  })

  it('an answer that is not JSON is a bad-response with its status and path', async () => {
    const { fetch } = fakeFetch(text(200, '<html>hi</html>'))
    const error = await callJson('https://api.example/v1/start', { method: 'POST', signal, fetch }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'bad-response', status: 200, retryable: false })
    expect((error as Error).message).toContain('/v1/start')
  })

  it('a 401 without a token supplier is not asked again and is reported as unauthorized', async () => {
    const { fetch, calls } = fakeFetch(text(401, '{}'))
    await expect(callJson('https://api.example/x', { method: 'GET', signal, fetch })).rejects.toMatchObject({ code: 'unauthorized', status: 401 })
    expect(calls).toHaveLength(1)
  })

  it('a second 401 after the fresh token is final', async () => {
    const { fetch, calls } = fakeFetch(text(401, ''), text(401, ''))
    await expect(callJson('https://api.example/x', { method: 'GET', signal, getToken: () => 'T', fetch })).rejects.toMatchObject({ code: 'unauthorized' })
    expect(calls).toHaveLength(2)
  })

  it("a non-2xx answer is read through the API's table (its rules for calls) first, then the engine's defaults", async () => {
    const errors: ErrorTable = [
      { on: 'part', status: 409, means: 'fatal' },
      { on: 'call', status: 409, code: 'upload_gone', means: 'session-lost' },
    ]
    const { fetch } = fakeFetch(text(409, '{"code":"upload_gone"}'), text(503, 'busy'), text(418, 'teapot'))
    const call = () => callJson('https://api.example/x', { method: 'POST', signal, fetch, errors })
    await expect(call()).rejects.toMatchObject({ code: 'session-lost', status: 409 })
    await expect(call()).rejects.toMatchObject({ code: 'http', status: 503, retryable: true })
    await expect(call()).rejects.toMatchObject({ code: 'server-rejected', status: 418, retryable: false })
  })

  it('an API-call answer saying "expired" is not taken for an expired part URL', async () => {
    const { fetch } = fakeFetch(text(403, 'Request has expired'))
    await expect(callJson('https://api.example/x', { method: 'POST', signal, fetch })).rejects.toMatchObject({ code: 'server-rejected', status: 403 })
  })
})

describe('callJson: answers that are not the API speaking', () => {
  it('a 3xx is an unexpected-redirect, its body unread and the token not refreshed', async () => {
    const asked: boolean[] = []
    const { fetch, calls } = fakeFetch(() => new Response('<html>login</html>', { status: 302, headers: { Location: '/login' } }))
    const call = callJson('https://api.example/v1/start', { method: 'POST', signal, getToken: ({ refresh }) => (asked.push(refresh), 'T'), fetch })
    await expect(call).rejects.toMatchObject({ code: 'unexpected-redirect', status: 302 })
    expect(calls).toHaveLength(1)
    expect(asked).toEqual([false])
  })

  it("the answer's headers reach the error table: a 429's Retry-After is kept", async () => {
    const { fetch } = fakeFetch(() => new Response('slow down', { status: 429, headers: { 'Retry-After': '7' } }))
    await expect(callJson('https://api.example/x', { method: 'GET', signal, fetch })).rejects.toMatchObject({ code: 'http', status: 429, retryAfterSeconds: 7 })
  })
})

describe('callJson: failures of the connection', () => {
  it('an unreachable server is a retryable network error naming the origin', async () => {
    const fetch = (async () => {
      throw new TypeError('Failed to fetch')
    }) as unknown as typeof globalThis.fetch
    const error = await callJson('https://api.example/x', { method: 'GET', signal, fetch }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'network', retryable: true })
    expect((error as Error).message).toContain('https://api.example')
  })

  it('a cancelled call is reported as aborted, not as a network failure', async () => {
    const controller = new AbortController()
    controller.abort()
    const fetch = (async () => {
      throw abortError()
    }) as unknown as typeof globalThis.fetch
    await expect(callJson('https://api.example/x', { method: 'GET', signal: controller.signal, fetch })).rejects.toMatchObject({ code: 'aborted' })
  })

  it('an answer that breaks off while read is a retryable network error; cancelled, it is aborted', async () => {
    const { fetch } = fakeFetch(brokenBody)
    const error = await callJson('https://api.example/x', { method: 'GET', signal, fetch }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'network', retryable: true })
    expect((error as Error).message).toContain('broke off')

    const controller = new AbortController()
    const aborting = fakeFetch(() => {
      controller.abort()
      const body = new ReadableStream({ start: (c) => c.error(abortError()) })
      return new Response(body, { status: 200 })
    })
    await expect(callJson('https://api.example/x', { method: 'GET', signal: controller.signal, fetch: aborting.fetch })).rejects.toMatchObject({ code: 'aborted' })
  })
})
