import type { ProviderLimits } from '@uplink/core'

/**
 * Archetype splits files on the server (archetypeai.md §4), so part sizes and counts are its
 * choice, not ours: the engine's own plan is replaced by the server's. Only the file size is
 * ours to check: 250 GB through direct-to-cloud upload. A zero-byte file is one empty part
 * (README rule 6).
 */
export const ARCHETYPE_LIMITS: ProviderLimits = {
  minPartSize: 1,
  maxPartSize: 250_000_000_000,
  maxParts: 10_000,
  maxFileSize: 250_000_000_000,
  allowsEmptyFiles: true,
}
