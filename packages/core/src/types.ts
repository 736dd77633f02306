/**
 * The provider contract: everything core knows about a storage API.
 * Adapters describe requests; the engine sends them (so progress, retry, abort and
 * concurrency are the same for every provider). See ../../shared/providers/README.md for
 * the seams this captures: who plans parts, where a part goes, what it yields, resume truth,
 * and finalisation.
 */
import type { ErrorTable } from './answers/error-table'
import type { UploadError } from './errors'
import type { IssuedUrl, PartUrlSource } from './urls/part-url-source'

export type { IssuedUrl, PartUrlSource, UrlRequestPart } from './urls/part-url-source'
export type { AnswerMeaning, ErrorRule, ErrorTable } from './answers/error-table'

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

/**
 * What an adapter reports of a stored object. The same two fields mean the same thing for every
 * adapter: `key` is the object's identity in the storage, `url` an absolute URL of it where the
 * API gives one. Each adapter's README lists which value each holds and its extra fields.
 */
export interface StoredObject {
  /** The object's identity as its API names it: an S3 object key, a tus upload id, a Blaxel path, a Cognite file id, … */
  key: string
  /** An absolute URL of the stored object, where the API gives one (S3, tus); else absent. */
  url?: string
  etag?: string
  [extra: string]: unknown
}

/** A finished file's result: the adapter's StoredObject, and `location`, set by the engine. */
export interface UploadResult extends StoredObject {
  /** Where the object is, in one field: `url` when there is one, else `key`. */
  location: string
}

/** What creating (or resuming) an upload yields. */
export interface StartedUpload<Session> {
  session: Session
  /** The server's own part plan (APIs that split on the server); replaces the engine's. */
  plan?: PartPlan[]
  /** Parts the server already holds (resume). */
  done?: PartReceipt[]
  /** Part URLs handed out with the upload (at creation or resume); the engine keeps them. */
  urls?: readonly IssuedUrl[]
}

/** What the engine kept of an unfinished upload. */
export interface StoredUpload {
  snapshot: unknown
  plan: readonly PartPlan[]
  receipts: readonly PartReceipt[]
}

/**
 * Where an API signs URLs for many small files in one call: the engine asks for the URL of the
 * file about to be sent together with those of the next small files in the queue, keeps them,
 * and refreshes them as it does part URLs (issue #14: a small file must not cost a signer round
 * trip of its own). Each answer's `number` is the one the engine gave the file in the request.
 */
export interface SingleUrlSource {
  /**
   * URLs for these files, one per file it signs (`key`: the object it writes); a file refused
   * alone is answered with an UploadError in its place.
   */
  fetch(files: ReadonlyArray<{ number: number; file: FileInfo }>, ctx: ProviderContext): Promise<ReadonlyArray<IssuedUrl | UploadError>>
  /** Most files one call may sign (the API's cap). */
  maxBatch: number
  /** A URL with less than this to live (or past half its life) is fetched again before use, ms (default 60 s). */
  marginMs?: number
}

/** A path that sends a small file in one request, skipping the multipart round trip. */
export interface SingleRequestPath {
  /** Largest file (bytes) to send this way. */
  maxSize: number
  /** How URLs for many small files are signed at once, where the API can (the engine then passes `url` to `request`). */
  urls?: SingleUrlSource
  /** The request that sends the file: with `url`, the URL the engine holds for it (where `urls` is declared). */
  request(file: FileInfo, part: PreparedPart, ctx: ProviderContext & { reason: PartRequestReason; url?: IssuedUrl }): Promise<PartRequest>
  /** Turn the 2xx answer into the result, or throw a typed UploadError. */
  result(file: FileInfo, response: PartResponse): StoredObject | Promise<StoredObject>
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
  /**
   * Where parts go to presigned URLs the API hands out: how to get them. The engine owns the
   * URLs (caches them, asks for them in batches just in time, refreshes them before they expire
   * and all at once after one expired); the adapter keeps none.
   */
  readonly partUrls?: PartUrlSource<Session>
  /**
   * What this API's non-2xx answers mean (part requests and API calls): read before the engine's
   * defaults (expired URLs, 401, 408/429/5xx, BadDigest). Where an answer's meaning depends on
   * the moment (a 404 to a completion sent again), the adapter reads it itself and says why.
   */
  readonly errors?: ErrorTable
  /**
   * APIs that finish an upload after the completion call (Cognite flips `uploaded` later): after
   * completing, the engine asks `check` with backoff until it gives a result or `withinMs` has
   * passed (then the completion's own result stands).
   */
  readonly settle?: { withinMs: number; check(session: Session, result: StoredObject, ctx: ProviderContext): Promise<StoredObject | undefined> }

  createUpload(file: FileInfo, plan: readonly PartPlan[], ctx: ProviderContext): Promise<StartedUpload<Session>>
  /**
   * The request that sends this part: with `url`, the URL the engine holds for it (where the
   * provider declares `partUrls`). Asked again when a URL expired or a token was refused.
   */
  partRequest(session: Session, part: PreparedPart, ctx: ProviderContext & { reason: PartRequestReason; url?: IssuedUrl }): PartRequest | Promise<PartRequest>
  /** Turn a 2xx answer into a receipt, or throw a typed UploadError. */
  partReceipt(session: Session, part: PreparedPart, response: PartResponse): PartReceipt
  /** Best-effort durability hook after parts finish (e.g. Archetype's checkpoint). */
  checkpoint?(session: Session, receipts: readonly PartReceipt[], ctx: ProviderContext): Promise<void>
  completeUpload(
    session: Session,
    receipts: readonly PartReceipt[],
    ctx: ProviderContext & { wholeFileChecksum?: string },
  ): Promise<StoredObject>
  /** Absent where the API has no abort (Cognite). */
  abortUpload?(session: Session, ctx: ProviderContext): Promise<void>
  /**
   * The engine gives this session up to start a new upload (the server lost it, or its URLs
   * expired and cannot be renewed): clean up what the API leaves behind, best effort (Cognite
   * deletes the empty file resource).
   */
  discardUpload?(session: Session, ctx: ProviderContext): Promise<void>
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
