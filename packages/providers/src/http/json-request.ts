import { UploadError, isRetryableStatus, parseRetryAfter, toUploadError } from '@uplink/core'

/** Supplies a bearer token. Asked again (refresh: true) once after a 401. Never stored. */
export type TokenSupplier = (context: { refresh: boolean }) => string | undefined | Promise<string | undefined>

export interface JsonRequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  body?: unknown
  signal: AbortSignal
  getToken?: TokenSupplier | undefined
  fetch?: typeof fetch | undefined
}

/**
 * One JSON call to a vendor or signer API. Sends only Authorization and Content-Type (so a
 * browser preflight asks for nothing unusual), asks for a fresh token once after a 401, and
 * turns every failure into a typed UploadError.
 */
export async function requestJson(url: string, options: JsonRequestOptions): Promise<unknown> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
  const send = async (refresh: boolean) => {
    const headers: Record<string, string> = {}
    const token = await options.getToken?.({ refresh })
    if (token) headers.Authorization = `Bearer ${token}`
    if (options.body !== undefined) headers['Content-Type'] = 'application/json'
    try {
      return await doFetch(url, {
        method: options.method,
        headers,
        body: options.body === undefined ? null : JSON.stringify(options.body),
        signal: options.signal,
      })
    } catch (error) {
      if (options.signal.aborted) throw toUploadError(error)
      throw new UploadError({ code: 'network', message: `Could not reach ${new URL(url).origin}.`, retryable: true, cause: error })
    }
  }

  let response = await send(false)
  if (response.status === 401 && options.getToken) response = await send(true)
  const text = await response.text()
  if (!response.ok) throw httpError(response, text, url)
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

function httpError(response: Response, body: string, url: string): UploadError {
  const status = response.status
  const detail = readableDetail(body)
  if (status === 401) {
    return new UploadError({ code: 'unauthorized', message: 'The server refused the credentials (401).', status })
  }
  const retryable = isRetryableStatus(status)
  return new UploadError({
    code: retryable ? 'http' : 'server-rejected',
    message: `${new URL(url).pathname} answered ${status}${detail ? `: ${detail}` : ''}`,
    status,
    retryable,
    retryAfterSeconds: parseRetryAfter(response.headers.get('Retry-After')),
  })
}

/** The first human-readable message in a JSON error body, else a short excerpt. */
function readableDetail(body: string): string {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>
    const candidates = [parsed.message, parsed.error, (parsed.error as Record<string, unknown> | undefined)?.message]
    const found = candidates.find((c): c is string => typeof c === 'string')
    if (found) return found.slice(0, 200)
  } catch {
    // not JSON: fall through to the raw excerpt
  }
  return body.replace(/\s+/g, ' ').trim().slice(0, 200)
}
