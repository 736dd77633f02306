import type { ChecksumAlgorithm, PartChecksums } from '../types'
import { digestPart } from './digest'

export interface ReadPart {
  buffer: ArrayBuffer
  checksums: PartChecksums
}

/**
 * Read bytes [start, end) of a Blob and hash them. The bytes that were hashed are the bytes
 * that get sent, so a checksum can never describe different content than the request body.
 */
export async function readAndHashPart(
  blob: Blob,
  start: number,
  end: number,
  algorithms: readonly ChecksumAlgorithm[],
): Promise<ReadPart> {
  const buffer = await blob.slice(start, end).arrayBuffer()
  const checksums = await digestPart(new Uint8Array(buffer), algorithms)
  return { buffer, checksums }
}
