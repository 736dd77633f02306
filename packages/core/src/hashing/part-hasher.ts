import type { ChecksumAlgorithm, PartChecksum } from '../types'
import type { ReadPart } from './read-part'

/** Reads and hashes parts: in a worker pool, or on the main thread where workers cannot start. */
export interface PartHasher {
  readonly mode: 'worker' | 'main-thread'
  hash(blob: Blob, start: number, end: number, algorithms: readonly ChecksumAlgorithm[]): Promise<ReadPart>
  /** A digest of the whole file, streamed in order. */
  hashFile(blob: Blob, algorithm: 'sha256' | 'crc32c'): Promise<PartChecksum>
  dispose(): void
}
