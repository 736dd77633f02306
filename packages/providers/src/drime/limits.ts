import { MiB, type ProviderLimits } from '@uplink/core'

/**
 * Drime puts parts on S3 (drime.md §4): every part but the last at least 5 MiB, at most 5 GiB,
 * 1..10,000 parts. The account's plan may refuse a large file at create (422). A 0-byte file is
 * one empty part 1, as BeDrive's client sends it (INFERRED valid for Drime).
 */
export const DRIME_LIMITS: ProviderLimits = {
  minPartSize: 5 * MiB,
  maxPartSize: 5 * 1024 * MiB,
  maxParts: 10_000,
  maxFileSize: 10_000 * 5 * 1024 * MiB,
  allowsEmptyFiles: true,
}
