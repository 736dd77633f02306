import {
  type FileStatus,
  type PartResponse,
  type Restrictions,
  type Transport,
  type UploadFileState,
  type UploadProvider,
  type Uploader,
  UploadError,
  createUploader,
} from '@uplink/core'
import { countTotals, createMainThreadHasher } from '@uplink/core/internal'

/**
 * Uploaders for stories and tests, with no server. Two kinds:
 * - createStoryUploader(): a real engine whose provider is a small in-memory fake and whose
 *   transport "sends" at a set speed, so progress, pause, resume, cancel and retry are real;
 * - seedFiles(uploader, ...): writes fixed states straight into the store (uploading at 40%,
 *   failed, 10,000 files) for stories that show one moment.
 */
export interface StoryUploaderOptions {
  /** Simulated link speed, bytes per second. */
  bytesPerSecond?: number
  /** Start files as soon as they are added (default true). */
  autoStart?: boolean
  /** Files whose name contains this fail on their first attempt (a retry then succeeds). */
  failWhenNameIncludes?: string
  restrictions?: Restrictions
  /** Receives "create <name>" and "complete <name>" as the fake server sees them (tests count these). */
  calls?: string[]
}

const okResponse = (etag: string): PartResponse => ({ status: 200, body: '', header: (name) => (name.toLowerCase() === 'etag' ? etag : null) })

function fakeProvider(failWhenNameIncludes: string | undefined, calls: string[] | undefined): UploadProvider<{ name: string }> {
  const failedOnce = new Set<string>()
  return {
    name: 'story',
    limits: { minPartSize: 1, maxPartSize: 1 << 30, maxParts: 10_000, maxFileSize: 2 ** 40, allowsEmptyFiles: true },
    async createUpload(file) {
      calls?.push(`create ${file.name}`)
      return { session: { name: file.name } }
    },
    async partRequest(session, part) {
      if (failWhenNameIncludes && session.name.includes(failWhenNameIncludes) && !failedOnce.has(session.name)) {
        failedOnce.add(session.name)
        throw new UploadError({ code: 'network', message: 'The story server refused this part.', retryable: false })
      }
      return { method: 'PUT', url: `story://${encodeURIComponent(session.name)}/${part.number}`, headers: {} }
    },
    partReceipt: (_session, part, response) => ({ number: part.number, size: part.size, token: response.header('ETag') ?? '' }),
    async completeUpload(session) {
      calls?.push(`complete ${session.name}`)
      return { key: `story/${session.name}` }
    },
    async abortUpload() {},
  }
}

/** Reports progress in small steps at the given speed; honours abort (pause / cancel). */
function throttledTransport(bytesPerSecond: number): Transport {
  return (request, body, { signal, onProgress }) =>
    new Promise((resolve, reject) => {
      const total = body.size
      let sent = 0
      const tickMs = 50
      const step = Math.max(1, Math.round((bytesPerSecond * tickMs) / 1000))
      const timer = setInterval(() => {
        sent = Math.min(total, sent + step)
        onProgress?.(sent)
        if (sent >= total) {
          clearInterval(timer)
          resolve(okResponse(`"${request.url.length}-${total}"`))
        }
      }, tickMs)
      signal.addEventListener('abort', () => {
        clearInterval(timer)
        reject(signal.reason ?? new DOMException('aborted', 'AbortError'))
      })
    })
}

export function createStoryUploader(options: StoryUploaderOptions = {}): Uploader {
  return createUploader({
    provider: fakeProvider(options.failWhenNameIncludes, options.calls),
    transport: throttledTransport(options.bytesPerSecond ?? 256 * 1024),
    hasher: createMainThreadHasher(),
    autoStart: options.autoStart ?? true,
    persistence: false,
    partSize: 256 * 1024,
    singleRequestMaxSize: 0,
    retry: { attempts: 1 },
    ...(options.restrictions ? { restrictions: options.restrictions } : {}),
  })
}

/** A file as the store holds it, for fixed-state stories. */
export interface SeedFile {
  name: string
  size: number
  type?: string
  status: FileStatus
  /** 0..1 of the size already sent. */
  progress?: number
  speed?: number
  etaSeconds?: number
  error?: { code: UploadError['code']; message: string; status?: number }
  relativePath?: string
}

/**
 * Put files in fixed states straight into the store (one write for all of them, totals
 * counted), for stories that show a moment rather than a flow. The engine does not know these
 * files: actions on them throw `unknown-file`. autoStart must be off.
 */
export function seedFiles(uploader: Uploader, files: readonly SeedFile[]): string[] {
  const now = Date.now()
  const seeded: UploadFileState[] = files.map((file, index) => ({
    id: `seed-${index}-${file.name}`,
    name: file.name,
    size: file.size,
    type: file.type ?? '',
    relativePath: file.relativePath,
    status: file.status,
    pausedBy: file.status === 'paused' ? 'user' : undefined,
    bytesSent: Math.round(file.size * (file.status === 'done' ? 1 : (file.progress ?? 0))),
    partsTotal: 1,
    partsDone: file.status === 'done' ? 1 : 0,
    speed: file.speed ?? 0,
    etaSeconds: file.etaSeconds,
    sha256: undefined,
    error: file.error ? { retryable: true, ...file.error, status: file.error.status } : undefined,
    result: file.status === 'done' ? { key: `story/${file.name}`, location: `story/${file.name}` } : undefined,
    addedAt: now,
    startedAt: file.status === 'queued' ? undefined : now,
    finishedAt: file.status === 'done' || file.status === 'error' ? now : undefined,
  }))
  uploader.store.setState((state) => {
    const files = { ...state.files, ...Object.fromEntries(seeded.map((file) => [file.id, file])) }
    const order = [...state.order, ...seeded.map((file) => file.id)]
    return { files, order, totals: countTotals(order.map((id) => files[id]!)) }
  })
  return seeded.map((file) => file.id)
}

/** n plain files, for the many-files stories. */
export const manyFiles = (count: number): SeedFile[] =>
  Array.from({ length: count }, (_, i) => ({
    name: `scan-${String(i + 1).padStart(5, '0')}.pdf`,
    size: 50_000 + ((i * 7919) % 5_000_000),
    type: 'application/pdf',
    status: (['done', 'uploading', 'queued', 'paused', 'error'] as const)[i % 5]!,
    progress: (i % 10) / 10,
    ...(i % 5 === 4 ? { error: { code: 'network' as const, message: 'The connection dropped.' } } : {}),
  }))
