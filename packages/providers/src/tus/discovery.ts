import type { ChecksumAlgorithm } from '@uplink/core'

/** What a tus server announced in its OPTIONS answer (tus.md §2.1). */
export interface TusCapabilities {
  extensions: Set<string>
  /** `Tus-Max-Size`, when announced. */
  maxSize: number | undefined
  /** A per-PATCH checksum both the server (checksum extension) and our hasher support. */
  checksum: ChecksumAlgorithm | undefined
}

/** Nothing announced (OPTIONS failed or hidden by CORS): only the core protocol and creation. */
export const UNKNOWN_CAPABILITIES: TusCapabilities = { extensions: new Set(['creation']), maxSize: undefined, checksum: undefined }

const list = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)

/**
 * Read the OPTIONS headers. A checksum is used only when the server lists the `checksum`
 * extension and an algorithm our hasher has (md5 or sha256; sha1, the one every such server
 * must have, is not among them), because a server without the extension ignores or refuses it.
 */
export function readCapabilities(header: (name: string) => string | null): TusCapabilities {
  const extensions = new Set(list(header('Tus-Extension')))
  const max = Number(header('Tus-Max-Size'))
  const algorithms = list(header('Tus-Checksum-Algorithm'))
  const checksum = extensions.has('checksum') ? (['md5', 'sha256'] as const).find((a) => algorithms.includes(a)) : undefined
  return { extensions, maxSize: Number.isSafeInteger(max) && max > 0 ? max : undefined, checksum }
}
