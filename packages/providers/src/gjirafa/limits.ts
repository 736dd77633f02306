import { MiB, type ProviderLimits } from '@uplink/core'

/**
 * Gjirafa documents no part rules; its storage is S3-compatible, so S3's apply (gjirafa.md §3.2,
 * INFERRED): every part but the last at least 5 MiB, at most 5 GiB, 1..10,000 parts, the count
 * fixed at initiate. No total limit is documented. A 0-byte file is refused before any request:
 * the platform takes video and audio, and an empty file is neither.
 */
export const GJIRAFA_LIMITS: ProviderLimits = {
  minPartSize: 5 * MiB,
  maxPartSize: 5 * 1024 * MiB,
  maxParts: 10_000,
  maxFileSize: 10_000 * 5 * 1024 * MiB,
  allowsEmptyFiles: false,
}
