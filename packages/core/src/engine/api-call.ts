import { UploadError, toUploadError } from '../errors'
import type { ProviderContext } from '../types'

/**
 * One provider API call (create, sign, complete, abort, …) with a deadline. The adapter gets a
 * signal that aborts when the file is paused, cancelled or disposed, or when the call has taken
 * `timeoutMs`; a call past its deadline ends in a retryable `timeout` error even if the adapter
 * ignores the signal, so a server that never answers cannot leave a file waiting forever.
 */
export async function callApi<T>(call: (ctx: ProviderContext) => Promise<T>, signal: AbortSignal, timeoutMs: number, what: string): Promise<T> {
  if (signal.aborted) throw toUploadError(signal.reason)
  const deadline = new AbortController()
  const timeout = () =>
    new UploadError({ code: 'timeout', message: `The server did not answer ${what} within ${Math.round(timeoutMs / 1000)} s.`, retryable: true })
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = timeout()
      deadline.abort(error)
      reject(error)
    }, timeoutMs)
  })
  try {
    return await Promise.race([call({ signal: AbortSignal.any([signal, deadline.signal]) }), expired])
  } catch (thrown) {
    // The adapter may have turned our abort into its own error: a call past its deadline is a timeout.
    if (deadline.signal.aborted && !signal.aborted) throw timeout()
    throw thrown
  } finally {
    clearTimeout(timer)
  }
}
