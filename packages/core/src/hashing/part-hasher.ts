import type { ChecksumAlgorithm, PartChecksums } from '../types'

/** What was read: the checksums, and how many bytes there really were. */
export interface Hashed {
  checksums: PartChecksums
  bytes: number
}

/** Reads and hashes: in a worker pool, or on the main thread where workers cannot start. */
export interface PartHasher {
  readonly mode: 'worker' | 'main-thread'
  /** Read one part (a slice of the file, cut by the caller) and compute its checksums. */
  hashPart(part: Blob, algorithms: readonly ChecksumAlgorithm[]): Promise<Hashed>
  /** A digest of the whole file, read once, in order. */
  hashFile(file: Blob, algorithm: ChecksumAlgorithm): Promise<Hashed>
  dispose(): void
}

/** Chunks a whole-file digest reads at a time: one chunk in memory. */
export const FILE_CHUNK = 8 * 1024 * 1024

export function fileChunks(file: Blob, chunkSize = FILE_CHUNK): Blob[] {
  const chunks: Blob[] = []
  for (let offset = 0; offset < file.size; offset += chunkSize) chunks.push(file.slice(offset, offset + chunkSize))
  return chunks
}
