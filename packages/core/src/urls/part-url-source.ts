import type { PartChecksums, PartPlan, ProviderContext } from '../types'

/** A presigned URL for one part, as the API hands it out. */
export interface IssuedUrl {
  number: number
  url: string
  /** Headers the request must carry with exactly these values (headers the signature covers). */
  headers?: Record<string, string>
  /** Epoch ms after which it no longer works, where the API says; else `X-Amz-Expires`, else the declared lifetime. */
  expiresAt?: number
  /** The object a small file's URL writes to (SingleUrlSource), where the API names it. */
  key?: string
}

/** A part a URL is asked for: with its checksums when the URL is signed over them. */
export type UrlRequestPart = PartPlan & { checksums?: PartChecksums }

/**
 * How an API hands out part URLs. The engine owns the URLs: it caches them, asks for them just
 * in time in batches, refreshes them before they expire, and after an answer saying one expired
 * asks again, in one call, for every URL issued with it. An adapter keeps no URL of its own.
 */
export interface PartUrlSource<Session> {
  /**
   * URLs for these parts (the answer may hold more, e.g. every URL of the upload, and all are
   * kept). Absent where the API cannot hand out new URLs (Cognite): an expired URL then means a
   * new upload.
   */
  fetch?(session: Session, parts: readonly UrlRequestPart[], ctx: ProviderContext): Promise<readonly IssuedUrl[]>
  /** URLs asked for ahead of need in one call (default 10, at most `maxBatch`). */
  batchSize?: number
  /** Most URLs one call may ask for (the API's cap); a refresh after an expiry asks for every stale one up to this. */
  maxBatch: number
  /** Lifetime of a URL that says nothing of its own, ms. */
  lifetimeMs?: number
  /** A URL with less than this to live (or past half its life) is fetched again before use, ms (default 60 s). */
  marginMs?: number
  /** Each URL is signed over its part's checksum (S3 additional checksums): only hashed parts can be asked for. */
  signsChecksum?: boolean
}
