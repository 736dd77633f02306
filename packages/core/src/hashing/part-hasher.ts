import type { ChecksumAlgorithm } from '../types'
import type { ReadPart } from './read-part'

/** Reads and hashes parts: in a worker pool, or on the main thread where workers cannot start. */
export interface PartHasher {
  readonly mode: 'worker' | 'main-thread'
  hash(blob: Blob, start: number, end: number, algorithms: readonly ChecksumAlgorithm[]): Promise<ReadPart>
  dispose(): void
}
