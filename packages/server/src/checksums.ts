import { base64ToBytes } from './base64'
import { invalidRequest } from './errors'

/** Additional checksums this signer presigns (s3.md §6): base64 of the raw digest. */
export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'SHA1', 'SHA256'] as const
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number]
const CHECKSUM_BYTES: Record<ChecksumAlgorithm, number> = { CRC32: 4, CRC32C: 4, SHA1: 20, SHA256: 32 }

export function readAlgorithm(value: unknown): ChecksumAlgorithm | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'string' && (CHECKSUM_ALGORITHMS as readonly string[]).includes(value)) return value as ChecksumAlgorithm
  throw invalidRequest(`checksumAlgorithm must be one of ${CHECKSUM_ALGORITHMS.join(', ')}`)
}

export function readChecksum(value: unknown, algorithm: ChecksumAlgorithm): string {
  const bytes = typeof value === 'string' ? base64ToBytes(value) : undefined
  if (!bytes || bytes.length !== CHECKSUM_BYTES[algorithm]) throw invalidRequest(`a ${algorithm} checksum is base64 of ${CHECKSUM_BYTES[algorithm]} bytes`)
  return value as string
}

/** The header that carries a checksum value: signed into the URL, sent by the browser. */
export const checksumHeader = (algorithm: ChecksumAlgorithm) => `x-amz-checksum-${algorithm.toLowerCase()}`

/** Keep the checksum a signed header (not a query parameter), as s3.md's example does. */
export function unhoisted(algorithm: ChecksumAlgorithm | undefined) {
  return algorithm ? { unhoistableHeaders: new Set([checksumHeader(algorithm)]) } : {}
}
