import type { OnlineManager } from '../environment/online-manager'
import type { Hashed, PartHasher } from '../hashing/part-hasher'
import type { Activity } from '../engine/activity'
import type { EngineDeps, FileRun } from '../engine/file-run'
import { emptyProgress } from '../engine/file-run'
import { createLimiter } from '../engine/limiter'
import type { Transport } from '../transport/transport'
import type { ChecksumAlgorithm, FileInfo, PartRequest, PartResponse, UploadProvider } from '../types'

/** Test doubles for one file's run through the engine (sendWhole, sendParts): plain objects, no uploader. */

export const alwaysOnline: OnlineManager = { isOnline: () => true, subscribe: () => () => undefined }

export function answer(status: number, headers: Record<string, string> = {}): PartResponse {
  return { status, body: '', header: (name) => headers[name.toLowerCase()] ?? null }
}

export interface Sent {
  request: PartRequest
  body: Blob
  text: string
}

/**
 * A transport that answers every request with `respond` (200 with an ETag naming the URL by
 * default), reporting the whole body as sent first; it records what it was asked to send.
 */
export function recordingTransport(respond: (request: PartRequest, n: number) => PartResponse | Promise<PartResponse> = (request) => answer(200, { etag: `"${request.url}"` })) {
  const sent: Sent[] = []
  const transport: Transport = async (request, body, options) => {
    const text = await body.text()
    sent.push({ request, body, text })
    options.onProgress?.(body.size)
    return respond(request, sent.length)
  }
  return { transport, sent }
}

/** A hasher on the main thread whose "checksum" of a part is its text: what was hashed is visible. */
export function textHasher() {
  const hashed: Array<{ text: string; algorithms: readonly ChecksumAlgorithm[] }> = []
  const hasher: PartHasher = {
    mode: 'main-thread',
    async hashPart(part, algorithms): Promise<Hashed> {
      const text = await part.text()
      hashed.push({ text, algorithms })
      const checksums: Hashed['checksums'] = {}
      for (const algorithm of algorithms) checksums[algorithm] = { base64: `${algorithm}(${text})`, hex: `${algorithm}:${text}` }
      return { checksums, bytes: part.size }
    },
    hashFile: () => Promise.reject(new Error('not used here')),
    dispose: () => undefined,
  }
  return { hasher, hashed }
}

export function engineDeps(provider: UploadProvider, overrides: Partial<EngineDeps> = {}): EngineDeps {
  return {
    provider,
    transport: recordingTransport().transport,
    limiter: createLimiter(8),
    hasher: () => Promise.reject(new Error('no hasher expected')),
    retry: { attempts: 3, baseDelayMs: 0, maxDelayMs: 0 },
    online: alwaysOnline,
    apiTimeoutMs: 30_000,
    stallTimeoutMs: 30_000,
    singleRequestMaxSize: 1024,
    partSize: () => 4,
    concurrency: () => 2,
    records: undefined,
    recordLifetimeMs: 60_000,
    wholeFileHash: false,
    ...overrides,
  }
}

/** What a run told the uploader: its progress reports, finished parts and activity. */
export function fileRun(text: string, overrides: Omit<Partial<FileRun>, 'info'> & { info?: Partial<FileInfo> } = {}) {
  const progress: Array<{ bytesSent: number; partsDone: number; partsTotal: number }> = []
  const done: number[] = []
  const activity = { lanes: 0, maxLanes: 0, phases: [] as string[] }
  const track: Activity = {
    phase: (phase) => activity.phases.push(phase),
    enter: () => {
      activity.lanes++
      activity.maxLanes = Math.max(activity.maxLanes, activity.lanes)
    },
    leave: () => void activity.lanes--,
    waiting: () => undefined,
  }
  const blob = new Blob([text])
  const { info, ...rest } = overrides
  const run: FileRun = {
    key: 'file-key',
    blob,
    info: { name: 'a.txt', size: blob.size, type: 'text/plain', lastModified: 1, ...info },
    handle: undefined,
    progress: emptyProgress(),
    signal: new AbortController().signal,
    activity: track,
    onProgress: (p) => progress.push(p),
    onPartDone: (part) => done.push(part.number),
    onHashed: () => undefined,
    beforeUpload: async () => undefined,
    ...rest,
  }
  return { run, progress, done, activity }
}
