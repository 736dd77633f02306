import { describe, expect, it } from 'vitest'
import { isRedirect, redirectError } from './redirect'

describe('redirects on API calls', () => {
  it('an opaque redirect or any 3xx is a redirect; 2xx and 4xx are not', () => {
    expect(isRedirect({ type: 'opaqueredirect', status: 0 })).toBe(true)
    expect(isRedirect({ type: 'basic', status: 300 })).toBe(true)
    expect(isRedirect({ type: 'basic', status: 399 })).toBe(true)
    expect(isRedirect({ type: 'basic', status: 299 })).toBe(false)
    expect(isRedirect({ type: 'basic', status: 400 })).toBe(false)
    expect(isRedirect({ type: 'cors', status: 0 })).toBe(false)
  })

  it('the error names the path and the status when there is one', () => {
    const plain = redirectError({ status: 302 }, 'https://api.example/v1/start?x=1')
    expect(plain).toMatchObject({ code: 'unexpected-redirect', status: 302, retryable: false })
    expect(plain.message).toMatch(/^\/v1\/start answered with a redirect \(302\), which/)

    const opaque = redirectError({ status: 0 }, 'https://api.example/v1/start')
    expect(opaque.status).toBeUndefined()
    expect(opaque.message).toMatch(/^\/v1\/start answered with a redirect, which/)
  })
})
