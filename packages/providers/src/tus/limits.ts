import type { ProviderLimits } from '@uplink/core'

/**
 * tus has no parts, only an offset: chunks may be any size (tus.md §4), one at a time. The
 * server's `Tus-Max-Size` (from OPTIONS) is checked when an upload is created.
 */
export const TUS_LIMITS: ProviderLimits = {
  minPartSize: 1,
  maxPartSize: Number.MAX_SAFE_INTEGER,
  maxParts: Number.MAX_SAFE_INTEGER,
  maxFileSize: Number.MAX_SAFE_INTEGER,
  allowsEmptyFiles: true,
}

/** PATCHes of one upload are strictly sequential. */
export const TUS_MAX_CONCURRENCY = 1

export const TUS_VERSION = '1.0.0'
