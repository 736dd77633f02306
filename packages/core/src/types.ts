/**
 * The provider contract: everything core knows about a storage API.
 * Adapters describe requests; the engine sends them (so progress, retry, abort and
 * concurrency are the same for every provider). See ../../shared/providers/README.md for
 * the seams this captures: who plans parts, where a part goes, what it yields, resume truth,
 * and finalisation.
 */
import type { UploadError } from './errors'

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
  /** Non-last parts must be strictly larger than minPartSize (Cognite), not merely equal. */
  minPartSizeExclusive?: boolean
}

/** What a provider needs to know about the file, without its bytes. */
export interface FileInfo {
  name: string
  size: number
  type: string
  lastModified: number
  /** Path relative to the dropped folder, when there was one. */
  relativePath?: string
  /** Whole-file SHA-256 (hex), when the engine was asked to compute it before upload. */
  sha256?: string
}

/** One part of a file, in file coordinates. `number` is 1-based unless the API says otherwise. */
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
  /** Raw bytes (default), or a multipart/form-data body with the bytes in one field. */
  body?: 'raw' | { formField: string; fileName?: string }
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

/** Why the engine asks for a part's request again. */
export type PartRequestReason = 'first' | 'retry' | 'expired' | 'unauthorized'

export interface UploadResult {
  /** Where the object ended up (a key, URL or id, as the API names it). */
  location: string
  etag?: string
  [extra: string]: unknown
}

/** What creating (or resuming) an upload yields. */
export interface StartedUpload<Session> {
  session: Session
  /** The server's own part plan (APIs that split on the server); replaces the engine's. */
  plan?: PartPlan[]
  /** Parts the server already holds (resume). */
  done?: PartReceipt[]
}

/** What the engine kept of an unfinished upload. */
export interface StoredUpload {
  snapshot: unknown
  plan: readonly PartPlan[]
  receipts: readonly PartReceipt[]
}

/** A path that sends a small file in one request, skipping the multipart round trip. */
export interface SingleRequestPath {
  /** Largest file (bytes) to send this way. */
  maxSize: number
  request(file: FileInfo, part: PreparedPart, ctx: ProviderContext & { reason: PartRequestReason }): Promise<PartRequest>
  /** Turn the 2xx answer into the result, or throw a typed UploadError. */
  result(file: FileInfo, response: PartResponse): UploadResult | Promise<UploadResult>
}

export interface UploadProvider<Session = unknown> {
  readonly name: string
  readonly limits: ProviderLimits
  /** The per-part checksum this API verifies, if any. */
  readonly partChecksum?: ChecksumAlgorithm
  /** A whole-file checksum the API verifies at completion, if any. */
  readonly wholeFileChecksum?: 'crc32c' | 'sha256'
  /** Most parts of one file in flight at once, where the API needs a cap (e.g. 1 for tus). */
  readonly maxConcurrency?: number
  readonly singleRequest?: SingleRequestPath

  createUpload(file: FileInfo, plan: readonly PartPlan[], ctx: ProviderContext): Promise<StartedUpload<Session>>
  /** The request that sends this part. May batch or cache; asked again when a URL expired or auth failed. */
  partRequest(session: Session, part: PreparedPart, ctx: ProviderContext & { reason: PartRequestReason }): Promise<PartRequest>
  /** Turn a 2xx answer into a receipt, or throw a typed UploadError. */
  partReceipt(session: Session, part: PreparedPart, response: PartResponse): PartReceipt
  /** Classify a non-2xx part answer where the API has its own meanings; undefined = the engine's default. */
  classifyPartError?(session: Session, part: PreparedPart, response: PartResponse): UploadError | undefined
  /** Best-effort durability hook after parts finish (e.g. Archetype's checkpoint). */
  checkpoint?(session: Session, receipts: readonly PartReceipt[], ctx: ProviderContext): Promise<void>
  completeUpload(
    session: Session,
    receipts: readonly PartReceipt[],
    ctx: ProviderContext & { wholeFileChecksum?: string },
  ): Promise<UploadResult>
  /** Absent where the API has no abort (Cognite). */
  abortUpload?(session: Session, ctx: ProviderContext): Promise<void>
  /**
   * A JSON-safe snapshot to persist for resume after a reload: ids only, no tokens, no expired
   * URLs. Where the session cannot be resumed after some time (its URLs expire and cannot be
   * renewed), give that time as `expiresAt` (epoch ms) in the snapshot: the record expires then.
   */
  persistSession?(session: Session): unknown
  /**
   * Rebuild a session from what was stored and ask the server what it holds (or trust the
   * stored receipts where the API cannot say); null = start over.
   */
  resumeUpload?(stored: StoredUpload, file: FileInfo, ctx: ProviderContext): Promise<StartedUpload<Session> | null>
}
