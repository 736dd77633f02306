// Shapes the page hands back to the Node runner (bench/run.ts), shared by both sides.

export interface MainThreadStats {
  supported: { longtask: boolean; loaf: boolean }
  longTaskCount: number
  longestTaskMs: number
  /** Sum over long tasks of (duration - 50 ms), as Lighthouse's TBT. */
  totalBlockingTimeMs: number
  longFrameCount: number
  longestFrameMs: number
  frameBlockingMs: number
}

export type UploadMode = 'uplink' | 'fetch'
/** What the S3 adapter is asked for; `actualChecksum` says what it really did. */
export type ChecksumChoice = 'none' | 'crc32c' | 'sha256' | 'md5' | 'default'

export interface MultipartInput {
  signerUrl: string
  mode: UploadMode
  size: number
  partSize: number
  concurrency: number
  checksum: ChecksumChoice
  /** Stop the run after this long (the rate is then what was acknowledged so far). */
  capMs: number
  /** Diagnostics: send bodies as ArrayBuffer (Uplink's way) or Blob. Default: each mode's own way. */
  bodyAs?: 'arraybuffer' | 'blob'
}

export interface MultipartRun {
  mode: UploadMode
  bodyAs: 'arraybuffer' | 'blob'
  size: number
  partSize: number
  concurrency: number
  checksum: ChecksumChoice
  /** The per-part checksum the adapter ended up sending (its `partChecksum`), 'none' if none. */
  actualChecksum: string
  /** False when the cap stopped the run. */
  complete: boolean
  /** Bytes of parts the storage answered 2xx (the file size when complete). */
  bytesAcknowledged: number
  /** Until complete (create, parts, complete) or until the cap. */
  ms: number
  mibPerSecond: number
  parts: number
  mainThread: MainThreadStats
  /** Where Uplink's time went, per part (absent for the fetch baseline). */
  phases?: Phases
}

export interface PhaseStats {
  count: number
  totalMs: number
  meanMs: number
  longestMs: number
}

export interface Phases {
  /** Worker pool: read the slice and hash it, until the bytes are back on the main thread. */
  readAndHash: PhaseStats
  /** Main thread inside the transport call before it returns (xhr.open, headers, send). */
  sendSync: PhaseStats
  /** From the transport call until the response (the whole request). */
  request: PhaseStats
}

export type ManyMode = 'uplink' | 'uplink-react' | 'fetch' | 'fetch-presigned'

export interface ManyInput {
  signerUrl: string
  mode: ManyMode
  count: number
  size: number
  concurrency: number
  checksum: ChecksumChoice
  capMs: number
}

export interface ManyRun {
  mode: ManyMode
  count: number
  size: number
  concurrency: number
  actualChecksum: string
  /** False when the cap stopped the run. */
  complete: boolean
  done: number
  failed: number
  /** From the addFiles() call until its promise resolved: every file in the store (added in slices). */
  addCallMs: number
  /** From the add until every file is done (or the cap). */
  ms: number
  filesPerSecond: number
  /** From the add until two frames after it (the list is on screen). */
  whileAdding: MainThreadStats
  /** From the add until every file is done (or the cap). */
  wholeRun: MainThreadStats
}

export interface HashInput {
  totalBytes: number
  partSize: number
  poolSizes: number[]
  algorithms: Array<'none' | 'crc32c' | 'md5' | 'sha256'>
  /** Each figure is the best of this many timings. */
  repeats: number
}

export interface HashRow {
  /** e.g. "pool x2 crc32c", "main thread read", "crypto.subtle.digest (bytes in memory)". */
  what: string
  workers: number | null
  algorithm: 'none' | 'crc32c' | 'md5' | 'sha256'
  bytes: number
  ms: number
  mibPerSecond: number
}

export interface BenchApi {
  multipart(input: MultipartInput): Promise<MultipartRun>
  many(input: ManyInput): Promise<ManyRun>
  hashing(input: HashInput): Promise<HashRow[]>
  info(): { hardwareConcurrency: number; userAgent: string; crossOriginIsolated: boolean }
}
