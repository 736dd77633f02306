import { MiB, type ProviderLimits } from '@uplink/core'

/**
 * Blaxel's sandbox API enforces no part size and no file size (blaxel.md §4); part numbers run
 * 1..10000. The per-request size limit of the gateway in front of a sandbox is not documented
 * (INFERRED): 512 MiB per part is our guess at a safe ceiling, override it if yours differs.
 */
export const BLAXEL_LIMITS: ProviderLimits = {
  minPartSize: 1,
  maxPartSize: 512 * MiB,
  maxParts: 10_000,
  maxFileSize: 10_000 * 512 * MiB,
  allowsEmptyFiles: true,
}
