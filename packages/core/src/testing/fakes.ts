import type { PartHasher } from '../hashing/part-hasher'
import type { Transport } from '../transport/transport'
import { newFileState } from '../files/add-files'
import type { UploadFileState } from '../store/state'
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
  /** Sessions the "server" knows, with the parts it holds: what resumeUpload reports. */
  server: Map<string, Map<number, PartReceipt>>
  calls: string[]
  completedWith: PartReceipt[][]
}

export function recordingProvider(limits: ProviderLimits = smallLimits): RecordingProvider {
  const calls: string[] = []
  const completedWith: PartReceipt[][] = []
  const server = new Map<string, Map<number, PartReceipt>>()
  let sessions = 0
  return {
    name: 'recording',
    limits,
    calls,
    completedWith,
    server,
    async createUpload(file) {
      calls.push(`create ${file.name}`)
      const id = `session-${file.name}-${++sessions}`
      server.set(id, new Map())
      return { session: { id } }
    },
    async partRequest(session, part) {
      calls.push(`target ${part.number}`)
      return { method: 'PUT', url: `https://storage.test/${session.id}/${part.number}`, headers: {} }
    },
    partReceipt(session, part, response) {
      const receipt = { number: part.number, size: part.size, token: response.header('ETag') ?? '' }
      server.get(session.id)?.set(part.number, receipt)
      return receipt
    },
    persistSession: (session) => ({ id: session.id }),
    async resumeUpload(stored) {
      const { id } = stored.snapshot as { id: string }
      calls.push(`resume ${id}`)
      const held = server.get(id)
      return held ? { session: { id }, done: [...held.values()] } : null
    },
    async completeUpload(session, receipts) {
      calls.push('complete')
      completedWith.push([...receipts])
      server.delete(session.id)
      return { key: session.id }
    },
    async abortUpload(session) {
      calls.push('abort')
      server.delete(session.id)
    },
  }
}

/** Reads nothing and hashes nothing (the engine logic under test does not care): bytes = the Blob's size. */
export const plainHasher: PartHasher = {
  mode: 'main-thread',
  async hashPart(part) {
    return { checksums: {}, bytes: part.size }
  },
  async hashFile() {
    throw new Error('plainHasher does not hash whole files')
  },
  dispose() {},
}

export function response(status: number, headers: Record<string, string> = {}, body = ''): PartResponse {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
  return { status, body, header: (name) => lower[name.toLowerCase()] ?? null }
}

/** A transport that answers from a script, stops at once when aborted (as XHR does), and tracks how many requests overlap. */
export function scriptedTransport(answer: (url: string, attempt: number) => PartResponse | Promise<PartResponse>) {
  const attempts = new Map<string, number>()
  const state = { inFlight: 0, maxInFlight: 0, sent: [] as string[] }
  const transport: Transport = async (request, body, { onProgress, signal }) => {
    state.inFlight++
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight)
    let onAbort = () => {}
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new DOMException('aborted', 'AbortError'))
      if (signal.aborted) onAbort()
      else signal.addEventListener('abort', onAbort, { once: true })
    })
    try {
      return await Promise.race([
        aborted,
        (async () => {
          await new Promise((r) => setTimeout(r, 1))
          if (signal.aborted) throw new DOMException('aborted', 'AbortError')
          onProgress?.(body.size)
          const attempt = (attempts.get(request.url) ?? 0) + 1
          attempts.set(request.url, attempt)
          state.sent.push(request.url)
          return await answer(request.url, attempt)
        })(),
      ])
    } finally {
      signal.removeEventListener('abort', onAbort)
      state.inFlight--
    }
  }
  return { transport, state }
}

/** A file as the store holds it, for tests that write states by hand (uploading by default). */
export const fileState = (id: string, patch: Partial<UploadFileState> = {}): UploadFileState => ({
  ...newFileState({ id, name: id, size: 10, type: '', relativePath: undefined, addedAt: 0 }),
  status: 'uploading',
  partsTotal: 1,
  startedAt: 0,
  ...patch,
})
