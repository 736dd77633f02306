import { describe, expect, it } from 'vitest'
import { fakeFetch } from '../testing/fake-fetch'
import { requestJson } from './json-request'

const signal = new AbortController().signal
const json = (status: number, body: unknown) => () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
/** What a browser hands back for a 3xx under redirect: 'manual'. */
const opaqueRedirect = () => {
  const response = new Response(null, { status: 200 })
  Object.defineProperty(response, 'type', { value: 'opaqueredirect' })
  Object.defineProperty(response, 'status', { value: 0 })
  return response
}

describe('requestJson', () => {
  it('asks for JSON, never follows redirects, and sends only Authorization, Content-Type and Accept', async () => {
    const { fetch, calls } = fakeFetch(json(200, { ok: true }))
    expect(await requestJson('https://api.example/x', { method: 'POST', body: { a: 1 }, signal, getToken: () => 'T', fetch })).toEqual({ ok: true })
    expect(calls[0]!.init.redirect).toBe('manual')
    expect(calls[0]!.init.headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer T', 'Content-Type': 'application/json' })
  })

  it('reports an opaque redirect (a browser under redirect: manual) as a typed error, without a token refresh', async () => {
    const tokens: boolean[] = []
    const { fetch, calls } = fakeFetch(opaqueRedirect)
    const call = requestJson('https://api.example/login-wall', { method: 'POST', signal, getToken: ({ refresh }) => (tokens.push(refresh), 'T'), fetch })
    await expect(call).rejects.toMatchObject({ code: 'unexpected-redirect', retryable: false, status: undefined })
    expect(calls).toHaveLength(1)
    expect(tokens).toEqual([false])
  })

  it('reports a plain 3xx (Node, workers) as the same typed error with its status', async () => {
    const { fetch } = fakeFetch(() => new Response('<html>Redirecting</html>', { status: 302, headers: { Location: 'https://api.example/login' } }))
    await expect(requestJson('https://api.example/x', { method: 'GET', signal, fetch })).rejects.toMatchObject({ code: 'unexpected-redirect', status: 302 })
  })

  it('asks for a fresh token once after a 401 JSON answer', async () => {
    const tokens: boolean[] = []
    const { fetch, calls } = fakeFetch(json(401, { message: 'Unauthenticated.' }), json(200, { done: 1 }))
    const answer = await requestJson('https://api.example/x', { method: 'POST', signal, getToken: ({ refresh }) => (tokens.push(refresh), refresh ? 'fresh' : 'stale'), fetch })
    expect(answer).toEqual({ done: 1 })
    expect(tokens).toEqual([false, true])
    expect((calls[1]!.init.headers as Record<string, string>).Authorization).toBe('Bearer fresh')
  })
})
