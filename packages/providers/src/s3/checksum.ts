import type { ChecksumAlgorithm, PreparedPart } from '@uplink/core'

/** How parts are protected: Content-MD5 (every S3 store checks it) or an S3 additional checksum. */
export type S3Checksum = 'md5' | 'crc32c' | 'sha256' | 'none'

/** The S3 name of an additional checksum algorithm (s3.md §2.1), or undefined for md5/none. */
export function s3Algorithm(checksum: S3Checksum): 'CRC32C' | 'SHA256' | undefined {
  return checksum === 'crc32c' ? 'CRC32C' : checksum === 'sha256' ? 'SHA256' : undefined
}

export function engineAlgorithm(checksum: S3Checksum): ChecksumAlgorithm | undefined {
  return checksum === 'none' ? undefined : checksum
}

/** The base64 checksum of a part for its additional-checksum algorithm. */
export function partChecksumValue(part: PreparedPart, checksum: S3Checksum): string | undefined {
  const algorithm = engineAlgorithm(checksum)
  return algorithm ? part.checksums[algorithm]?.base64 : undefined
}
