import type { PartHasher } from '../hashing/part-hasher'
import type { Transport } from '../transport/transport'
import type { PartReceipt, PartResponse, ProviderLimits, UploadProvider } from '../types'

/** Test doubles for the engine's seams. Only tests import this file. */

export const smallLimits: ProviderLimits = {
  minPartSize: 4,
  maxPartSize: 1024,
  maxParts: 100,
  maxFileSize: 100_000,
  allowsEmptyFiles: true,
}

export interface RecordingProvider extends UploadProvider<{ id: string }> {
  calls: string[]
  completedWith: PartReceipt[][]
}

export function recordingProvider(limits: ProviderLimits = smallLimits): RecordingProvider {
  const calls: string[] = []
  const completedWith: PartReceipt[][] = []
  return {
    name: 'recording',
    limits,
    calls,
    completedWith,
    async createUpload(file) {
      calls.push(`create ${file.name}`)
      return { id: `session-${file.name}` }
    },
    async partRequest(session, part) {
      calls.push(`target ${part.number}`)
      return { method: 'PUT', url: `https://storage.test/${session.id}/${part.number}`, headers: {} }
    },
    partReceipt(_session, part, response) {
      return { number: part.number, size: part.size, token: response.header('ETag') ?? '' }
    },
    async completeUpload(session, receipts) {
      calls.push('complete')
      completedWith.push([...receipts])
      return { location: session.id }
    },
    async abortUpload() {
      calls.push('abort')
    },
  }
}

/** Reads bytes on the main thread with no hashing (the engine logic under test does not care). */
export const plainHasher: PartHasher = {
  mode: 'main-thread',
  async hash(blob, start, end) {
    return { buffer: await blob.slice(start, end).arrayBuffer(), checksums: {} }
  },
  dispose() {},
}

export function response(status: number, headers: Record<string, string> = {}, body = ''): PartResponse {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
  return { status, body, header: (name) => lower[name.toLowerCase()] ?? null }
}

/** A transport that answers from a script and tracks how many requests overlap. */
export function scriptedTransport(answer: (url: string, attempt: number) => PartResponse | Promise<PartResponse>) {
  const attempts = new Map<string, number>()
  const state = { inFlight: 0, maxInFlight: 0, sent: [] as string[] }
  const transport: Transport = async (request, body, { onProgress, signal }) => {
    state.inFlight++
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight)
    try {
      await new Promise((r) => setTimeout(r, 1))
      if (signal.aborted) throw new DOMException('aborted', 'AbortError')
      onProgress?.(body.byteLength)
      const attempt = (attempts.get(request.url) ?? 0) + 1
      attempts.set(request.url, attempt)
      state.sent.push(request.url)
      return await answer(request.url, attempt)
    } finally {
      state.inFlight--
    }
  }
  return { transport, state }
}
