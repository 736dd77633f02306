import { UploadError, toUploadError } from '../errors'
import type { PartHasher } from '../hashing/part-hasher'
import type { Transport } from '../transport/transport'
import type { FileInfo, PartPlan, PartReceipt, PreparedPart, UploadProvider, UploadResult } from '../types'
import { classifyPartResponse } from './classify-response'
import type { Limiter } from './limiter'
import { type RetryPolicy, withRetry } from './retry'

export interface RunUploadInput {
  file: Blob
  info: FileInfo
  plan: readonly PartPlan[]
  provider: UploadProvider
  hasher: PartHasher
  transport: Transport
  /** Global cap on parts in flight, shared by every file. */
  limiter: Limiter
  /** Lanes this file may use at most (the limiter still decides). */
  concurrency: number
  retry: RetryPolicy
  stallTimeoutMs: number
  signal: AbortSignal
  onProgress: (progress: { bytesSent: number; partsDone: number }) => void
  onSession?: (session: unknown) => void
}

/**
 * Upload one file: create the session, send every part through the shared limiter
 * (read + hash in the pool, send with retry), then complete. Cancel aborts the session.
 */
export async function runUpload(input: RunUploadInput): Promise<UploadResult> {
  const { provider, plan, signal } = input
  const ctx = { signal }
  const session = await withRetry(() => provider.createUpload(input.info, plan, ctx), input.retry, signal)
  input.onSession?.(session)

  try {
    const receipts = await sendParts(input, session)
    return await withRetry(() => provider.completeUpload(session, receipts, ctx), input.retry, signal)
  } catch (error) {
    if (signal.aborted || toUploadError(error).code === 'aborted') {
      // Best effort: the session costs storage until aborted, but cancel must not wait on it.
      void provider.abortUpload(session, { signal: AbortSignal.timeout(15_000) }).catch(() => undefined)
    }
    throw error
  }
}

async function sendParts(input: RunUploadInput, session: unknown): Promise<PartReceipt[]> {
  const { plan, provider } = input
  // The first part that fails for good stops the other lanes of this file.
  const stopLanes = new AbortController()
  const signal = AbortSignal.any([input.signal, stopLanes.signal])
  let firstError: UploadError | undefined
  const receipts: PartReceipt[] = new Array(plan.length)
  const inFlight = new Map<number, number>()
  let acknowledged = 0
  let partsDone = 0
  let next = 0

  const report = () => {
    let bytes = acknowledged
    for (const loaded of inFlight.values()) bytes += loaded
    input.onProgress({ bytesSent: bytes, partsDone })
  }

  const algorithms = provider.partChecksum ? [provider.partChecksum] : []
  // Each lane takes the next part, waits for a global slot, and keeps it while reading,
  // hashing and sending, so memory stays bounded by (slots x part size).
  const lane = async () => {
    try {
      await runLane()
    } catch (error) {
      firstError ??= toUploadError(error)
      stopLanes.abort(firstError)
    }
  }
  const runLane = async () => {
    while (next < plan.length) {
      if (signal.aborted) return
      const index = next++
      const part = plan[index]!
      const release = await input.limiter.acquire(signal)
      try {
        const { buffer, checksums } = await input.hasher.hash(input.file, part.offset, part.offset + part.size, algorithms)
        const prepared: PreparedPart = { ...part, checksums }
        receipts[index] = await withRetry(
          async ({ lastError }) => {
            inFlight.set(part.number, 0)
            const request = await provider.partRequest(session, prepared, { signal, refresh: lastError?.code === 'url-expired' })
            const response = await input.transport(request, buffer, {
              signal,
              stallTimeoutMs: input.stallTimeoutMs,
              onProgress: (loaded) => {
                inFlight.set(part.number, loaded)
                report()
              },
            })
            if (response.status < 200 || response.status >= 300) throw classifyPartResponse(response)
            return provider.partReceipt(session, prepared, response)
          },
          input.retry,
          signal,
          () => {
            inFlight.set(part.number, 0)
            report()
          },
        )
        inFlight.delete(part.number)
        acknowledged += part.size
        partsDone++
        report()
      } finally {
        inFlight.delete(part.number)
        release()
      }
    }
  }

  const lanes = Math.max(1, Math.min(input.concurrency, provider.maxConcurrency ?? Infinity, plan.length))
  await Promise.all(Array.from({ length: lanes }, lane))
  if (input.signal.aborted) throw new UploadError({ code: 'aborted', message: 'The upload was cancelled.' })
  if (firstError) throw firstError
  if (receipts.some((r) => r === undefined)) {
    throw new UploadError({ code: 'provider', message: 'Some parts finished without a receipt.' })
  }
  return receipts
}
