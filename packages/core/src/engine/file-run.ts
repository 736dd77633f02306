import type { PartHasher } from '../hashing/part-hasher'
import type { PartRecord, ScopeStorage } from '../persistence/records'
import type { Transport } from '../transport/transport'
import type { ChecksumAlgorithm, FileInfo, IssuedUrl, PartPlan, PartReceipt, ProviderContext, StoredObject, UploadProvider } from '../types'
import { type UrlBook, createUrlBook } from '../urls/url-book'
import type { Activity } from './activity'
import { callApi } from './api-call'
import type { Limiter } from './limiter'
import type { OnlineManager } from '../environment/online-manager'
import { type RetryPolicy, type RetryerOptions, retry } from './retryer'

/** What the engine shares between files: the provider, the network, the limits. */
export interface EngineDeps {
  provider: UploadProvider
  /** The app's transport; undefined: XMLHttpRequest. */
  transport: Transport | undefined
  /** Global cap on parts in flight, shared by every file. */
  limiter: Limiter
  /** The hashing pool, created on first need (a page without checksums never starts a worker). */
  hasher: () => Promise<PartHasher>
  retry: RetryPolicy
  online: OnlineManager
  /** Deadline of each provider API call, ms. */
  apiTimeoutMs: number
  /** A part request with no progress for this long is aborted and retried, ms. */
  stallTimeoutMs: number
  singleRequestMaxSize: number
  /** Part size and lanes per file for the next file (fixed, or tuned to the link). */
  partSize: () => number
  concurrency: () => number
  onPartOutcome?: (outcome: { ok: true; bytes: number; ms: number } | { ok: false }) => void
  /** Resume records of the current scope; undefined when resume is off. */
  records: ScopeStorage | undefined
  /** How long a session record stays resumable, ms. */
  recordLifetimeMs: number
  /** Compute each file's SHA-256 before it is sent. */
  wholeFileHash: boolean
}

/** Kept per file across pause / resume / retry, so finished parts are never sent again. */
export interface FileProgress {
  session: unknown
  plan: PartPlan[] | undefined
  receipts: Map<number, PartReceipt>
  /** Bytes each part really had when it was sliced and read: checked against the plan before complete. */
  measured: Map<number, number>
  /** Each part's CRC-32C (hex), where computed: a whole-file CRC-32C is combined from them. */
  crc32c: Map<number, string>
  /** The session's part URLs, where the provider hands out URLs (the engine owns them). */
  urls: UrlBook | undefined
}

export const emptyProgress = (): FileProgress => ({ session: undefined, plan: undefined, receipts: new Map(), measured: new Map(), crc32c: new Map(), urls: undefined })

/** The URL book of a new session, holding the URLs the API handed out with it. */
export function urlBookFor(provider: UploadProvider, issued: readonly IssuedUrl[] | undefined): UrlBook | undefined {
  const source = provider.partUrls
  if (!source) return undefined
  const book = createUrlBook({
    batchSize: Math.min(source.batchSize ?? 10, source.maxBatch),
    maxBatch: source.maxBatch,
    lifetimeMs: source.lifetimeMs,
    marginMs: source.marginMs ?? 60_000,
  })
  if (issued?.length) book.add(issued)
  return book
}

/** One run of one file (until it ends, is paused or cancelled). */
export interface FileRun {
  /** The file's key in the resume records. */
  key: string
  blob: Blob
  info: FileInfo
  handle: FileSystemFileHandle | undefined
  progress: FileProgress
  /** Aborted on pause, cancel and dispose. */
  signal: AbortSignal
  activity: Activity
  onProgress: (progress: { bytesSent: number; partsDone: number; partsTotal: number }) => void
  onPartDone: (part: PartPlan) => void
  onHashed: (sha256: string) => void
  /** onBeforeUpload: a result means "already stored, skip". */
  beforeUpload: () => Promise<StoredObject | undefined>
  /** The next files waiting to start, at most `count` of those `accept` takes (small-file URLs are signed for them ahead). */
  upcoming?: (count: number, accept: (file: FileInfo) => boolean) => FileInfo[]
}

/** Retry options for one file: its signal, the network, and "retrying" while it waits. */
export const retryFor = (deps: EngineDeps, run: FileRun): RetryerOptions => ({
  policy: deps.retry,
  signal: run.signal,
  online: deps.online,
  onWait: run.activity.waiting,
})

/** A provider API call with the file's retries and a deadline per attempt. */
export function api<T>(deps: EngineDeps, run: FileRun, what: string, call: (ctx: ProviderContext) => Promise<T>): Promise<T> {
  run.activity.enter()
  return retry(() => callApi(call, run.signal, deps.apiTimeoutMs, what), retryFor(deps, run)).finally(run.activity.leave)
}

/** The checksums the engine computes for each part: the provider's, and CRC-32C when the file's is combined from them. */
export function partAlgorithms(provider: UploadProvider): ChecksumAlgorithm[] {
  const algorithms = provider.partChecksum ? [provider.partChecksum] : []
  if (provider.wholeFileChecksum === 'crc32c' && !algorithms.includes('crc32c')) algorithms.push('crc32c')
  return algorithms
}

/** A part is stored: its record, one small write, durable before its slot goes to the next part. */
export async function recordPart(deps: EngineDeps, run: FileRun, receipt: PartReceipt): Promise<void> {
  if (!deps.records || !deps.provider.persistSession) return
  const crc32c = run.progress.crc32c.get(receipt.number)
  const record: PartRecord = {
    key: run.key,
    number: receipt.number,
    size: receipt.size,
    ...(receipt.token !== undefined ? { token: receipt.token } : {}),
    ...(receipt.checksum !== undefined ? { checksum: receipt.checksum } : {}),
    ...(crc32c ? { crc32c } : {}),
  }
  await deps.records.putPart(record).catch(() => undefined)
}

/**
 * Wait for work that cannot be cancelled (a hash in a worker) only until the file is paused or
 * cancelled: the run ends at once, the work finishes unobserved.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
