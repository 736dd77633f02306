import { MiB, type ProviderLimits } from '@uplink/core'

/**
 * Cognite Files multipart limits (cognite.md §4): 1..250 parts fixed at initiate, every part but
 * the last strictly larger than 5 MiB (README rule 1) and every part below 4000 MiB. The docs
 * say "1000 GiB" for the file, but 250 parts below 4000 MiB hold at most about 976.6 GiB, so
 * the exact product is the limit here (a larger file could not be planned anyway).
 */
export const COGNITE_LIMITS: ProviderLimits = {
  minPartSize: 5 * MiB,
  minPartSizeExclusive: true,
  maxPartSize: 4000 * MiB - 1,
  maxParts: 250,
  maxFileSize: 250 * (4000 * MiB - 1),
  allowsEmptyFiles: true,
}

/** Cognite's advice: at most about three part PUTs in flight. */
export const COGNITE_MAX_CONCURRENCY = 3

/** Part URLs live one week and cannot be refreshed (cognite.md §3.4, §4). */
export const COGNITE_URL_LIFETIME_MS = 7 * 24 * 3600 * 1000
