/**
 * The provider contract: everything core knows about a storage API.
 * Adapters describe requests; the engine sends them (so progress, retry, abort and
 * concurrency are the same for every provider).
 */
export type ChecksumAlgorithm = 'md5' | 'sha256' | 'crc32c'

export interface ProviderLimits {
  /** Smallest allowed size of every part but the last, in bytes. */
  minPartSize: number
  /** Largest allowed part, in bytes. */
  maxPartSize: number
  /** Most parts one upload may have. */
  maxParts: number
  /** Largest file the API accepts, in bytes. */
  maxFileSize: number
  /** Whether a 0-byte file can be uploaded at all. */
  allowsEmptyFiles: boolean
}

/** What a provider needs to know about the file, without its bytes. */
export interface FileInfo {
  name: string
  size: number
  type: string
  lastModified: number
  /** Path relative to the dropped folder, when there was one. */
  relativePath?: string
}

/** One part of a file, in file coordinates. `number` is 1-based. */
export interface PartPlan {
  number: number
  offset: number
  size: number
}

export interface PartChecksum {
  hex: string
  base64: string
}

export type PartChecksums = Partial<Record<ChecksumAlgorithm, PartChecksum>>

/** A part whose bytes have been read and hashed. */
export interface PreparedPart extends PartPlan {
  checksums: PartChecksums
}

/** How to send one part: the engine performs it. */
export interface PartRequest {
  method: 'PUT' | 'POST' | 'PATCH'
  url: string
  headers: Record<string, string>
  /** Epoch ms after which the URL is no longer valid, when known. */
  expiresAt?: number
}

/** What the engine hands back to the adapter after sending a part. */
export interface PartResponse {
  status: number
  /** Reads a response header (case-insensitive); null when absent or hidden by CORS. */
  header(name: string): string | null
  body: string
}

/** Proof that a part arrived, in the form the API wants back at completion. */
export interface PartReceipt {
  number: number
  size: number
  /** ETag / part token, verbatim (quotes included). */
  token?: string
  checksum?: string
}

export interface ProviderContext {
  signal: AbortSignal
}

export interface UploadResult {
  /** Where the object ended up (a key, URL or id, as the API names it). */
  location: string
  etag?: string
  [extra: string]: unknown
}

export interface UploadProvider<Session = unknown> {
  readonly name: string
  readonly limits: ProviderLimits
  /** The per-part checksum this API verifies, if any. */
  readonly partChecksum?: ChecksumAlgorithm
  /** Most parts of one file in flight at once, where the API needs a cap (e.g. 1 for tus). */
  readonly maxConcurrency?: number

  createUpload(file: FileInfo, plan: readonly PartPlan[], ctx: ProviderContext): Promise<Session>
  /** The request that sends this part. May batch or cache; asked again when a URL has expired. */
  partRequest(session: Session, part: PreparedPart, ctx: ProviderContext & { refresh: boolean }): Promise<PartRequest>
  /** Turn a 2xx answer into a receipt, or throw a typed UploadError. */
  partReceipt(session: Session, part: PreparedPart, response: PartResponse): PartReceipt
  completeUpload(session: Session, receipts: readonly PartReceipt[], ctx: ProviderContext): Promise<UploadResult>
  abortUpload(session: Session, ctx: ProviderContext): Promise<void>
}
