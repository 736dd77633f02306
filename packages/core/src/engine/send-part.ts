import { UploadError } from '../errors'
import { readError } from '../hashing/read-blob'
import type { Transport } from '../transport/transport'
import { xhrTransport } from '../transport/xhr-transport'
import type { PartReceipt, PartRequest, PartRequestReason, PartResponse, PreparedPart } from '../types'
import { type ErrorTable, classifyAnswer } from '../answers/error-table'
import { type RetryerOptions, retry } from './retryer'

export interface SendPartInput {
  part: PreparedPart
  body: Blob
  /** undefined: XMLHttpRequest. */
  transport: Transport | undefined
  retry: RetryerOptions
  stallTimeoutMs: number
  /** The request for this attempt (asked again after an expired URL or a 401). */
  request: (reason: PartRequestReason) => Promise<PartRequest>
  /** The provider's meanings of non-2xx answers (read before the engine's defaults). */
  errors?: ErrorTable | undefined
  accept: (response: PartResponse) => PartReceipt | Promise<PartReceipt>
  onProgress: (loaded: number) => void
  onRetry?: (error: UploadError) => void
}

/**
 * Send one prepared part until it is acknowledged: retry with backoff on retryable failures,
 * ask for a fresh URL when one expired, a fresh token once after a 401. A request that fails
 * because the file changed on disk under it (the browser refuses to read it) fails at once
 * with `file-changed` instead of being retried as a network error.
 */
export function sendPart(input: SendPartInput): Promise<PartReceipt> {
  let authRetried = false
  return retry(
    async ({ lastError, attempt }) => {
      input.onProgress(0)
      const reason: PartRequestReason =
        attempt === 0 ? 'first' : lastError?.code === 'url-expired' ? 'expired' : lastError?.code === 'unauthorized' ? 'unauthorized' : 'retry'
      const request = await input.request(reason)
      let response: PartResponse
      try {
        response = await (input.transport ?? xhrTransport)(request, input.body, {
          signal: input.retry.signal,
          stallTimeoutMs: input.stallTimeoutMs,
          onProgress: input.onProgress,
        })
      } catch (thrown) {
        if (thrown instanceof UploadError && thrown.code === 'network') await assertReadable(input.body)
        throw thrown
      }
      if (response.status >= 200 && response.status < 300) return input.accept(response)
      const error = classifyAnswer(response, input.errors, {
        what: `Part ${input.part.number}`,
        on: 'part',
        ...(request.expiresAt === undefined ? {} : { expiresAt: request.expiresAt }),
      })
      if (error.code === 'unauthorized' && !authRetried) {
        // One more try with a fresh token; a second 401 is final.
        authRetried = true
        throw new UploadError({ code: 'unauthorized', message: error.message, retryable: true, status: error.status, retryAfterSeconds: 0 })
      }
      throw error
    },
    {
      ...input.retry,
      onRetry: (error, delay) => {
        input.onProgress(0)
        input.onRetry?.(error)
        input.retry.onRetry?.(error, delay)
      },
    },
  )
}

/** Read one byte of the body: a File changed on disk fails here (NotReadableError). */
async function assertReadable(body: Blob): Promise<void> {
  if (body.size === 0) return
  try {
    await body.slice(0, 1).arrayBuffer()
  } catch (cause) {
    throw readError(cause)
  }
}
