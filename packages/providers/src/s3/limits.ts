import { MiB, type ProviderLimits } from '@uplink/core'

/** AWS S3 multipart limits (s3.md §3). Compatible stores may be stricter: override per store. */
export const S3_LIMITS: ProviderLimits = {
  minPartSize: 5 * MiB,
  maxPartSize: 5 * 1024 * MiB,
  maxParts: 10_000,
  // 10,000 x 5 GiB; lower it to the store's documented cap (AWS long said 5 TiB).
  maxFileSize: 10_000 * 5 * 1024 * MiB,
  allowsEmptyFiles: true,
}
