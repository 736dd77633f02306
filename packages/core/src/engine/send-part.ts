import { UploadError } from '../errors'
import type { Transport } from '../transport/transport'
import type { PartReceipt, PartRequest, PartRequestReason, PartResponse, PreparedPart } from '../types'
import { classifyPartResponse } from './classify-response'
import { type RetryPolicy, withRetry } from './retry'

export interface SendPartInput {
  part: PreparedPart
  body: Blob
  transport: Transport
  retry: RetryPolicy
  stallTimeoutMs: number
  signal: AbortSignal
  /** The request for this attempt (asked again after an expired URL or a 401). */
  request: (reason: PartRequestReason) => Promise<PartRequest>
  /** A provider's own reading of a non-2xx answer, when it has one. */
  classify?: (response: PartResponse) => UploadError | undefined
  accept: (response: PartResponse) => PartReceipt | Promise<PartReceipt>
  onProgress: (loaded: number) => void
  onRetry?: (error: UploadError) => void
}

/**
 * Send one prepared part until it is acknowledged: retry with backoff on retryable failures,
 * ask for a fresh URL when one expired, a fresh token once after a 401.
 */
export function sendPart(input: SendPartInput): Promise<PartReceipt> {
  let authRetried = false
  return withRetry(
    async ({ lastError, attempt }) => {
      input.onProgress(0)
      const reason: PartRequestReason =
        attempt === 0 ? 'first' : lastError?.code === 'url-expired' ? 'expired' : lastError?.code === 'unauthorized' ? 'unauthorized' : 'retry'
      const request = await input.request(reason)
      const response = await input.transport(request, input.body, {
        signal: input.signal,
        stallTimeoutMs: input.stallTimeoutMs,
        onProgress: input.onProgress,
      })
      if (response.status >= 200 && response.status < 300) return input.accept(response)
      const error = input.classify?.(response) ?? classifyPartResponse(response, request)
      if (error.code === 'unauthorized' && !authRetried) {
        // One more try with a fresh token; a second 401 is final.
        authRetried = true
        throw new UploadError({ code: 'unauthorized', message: error.message, retryable: true, status: error.status, retryAfterSeconds: 0 })
      }
      throw error
    },
    input.retry,
    input.signal,
    (error) => {
      input.onProgress(0)
      input.onRetry?.(error)
    },
  )
}
