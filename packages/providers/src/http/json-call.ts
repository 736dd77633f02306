import { UploadError, classifyAnswer, toUploadError } from '@uplink/core'
import type { JsonRequestOptions } from './json-request'
import { isRedirect, redirectError } from './redirect'

/**
 * One JSON call to a vendor or signer API. Sends only Authorization, Content-Type and Accept
 * (README rule 9: Accept is CORS-safelisted, so a preflight asks for nothing unusual), asks for
 * a fresh token once after a 401, never follows a redirect, and turns every failure into a
 * typed UploadError: a non-2xx answer through the API's error table, then the engine's defaults.
 *
 * `Accept: application/json` matters: a Laravel API (Drime) answers an unauthenticated or invalid
 * request that does not ask for JSON with a 302 to an HTML page, so a 401 would never be seen
 * and the token never refreshed.
 */
export async function callJson(url: string, options: JsonRequestOptions): Promise<unknown> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
  const send = async (refresh: boolean) => {
    const headers: Record<string, string> = { Accept: 'application/json' }
    const token = await options.getToken?.({ refresh })
    if (token) headers.Authorization = `Bearer ${token}`
    if (options.body !== undefined) headers['Content-Type'] = 'application/json'
    try {
      return await doFetch(url, {
        method: options.method,
        headers,
        body: options.body === undefined ? null : JSON.stringify(options.body),
        signal: options.signal,
        // A 3xx on an API call is never the API's answer (a login page, a moved host): report it.
        redirect: 'manual',
      })
    } catch (error) {
      if (options.signal.aborted) throw toUploadError(error)
      throw new UploadError({ code: 'network', message: `Could not reach ${new URL(url).origin}.`, retryable: true, cause: error })
    }
  }

  let response = await send(false)
  if (response.status === 401 && options.getToken) response = await send(true)
  if (isRedirect(response)) throw redirectError(response, url)
  let text: string
  try {
    text = await response.text()
  } catch (error) {
    // The connection broke inside the answer: whether the call took effect is unknown.
    if (options.signal.aborted) throw toUploadError(error)
    throw new UploadError({ code: 'network', message: `The answer from ${new URL(url).origin} broke off.`, retryable: true, cause: error })
  }
  if (!response.ok) {
    const answer = { status: response.status, body: text, header: (name: string) => response.headers.get(name) }
    throw classifyAnswer(answer, options.errors, { what: new URL(url).pathname, on: 'call' })
  }
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new UploadError({
      code: 'bad-response',
      message: `The server sent something that is not JSON (${response.status} from ${new URL(url).pathname}).`,
      status: response.status,
      cause: error,
    })
  }
}

