import type { SerializedUploadError } from '../errors'
import type { ChecksumAlgorithm, PartChecksums } from '../types'

/**
 * Messages between the engine and its hashing workers. The engine slices the file; a worker
 * only reads the Blobs it is given (so every slice of a file is made, and counted, in one place).
 */
export type HashRequest =
  /** One part: its checksums with each algorithm. */
  | { id: number; kind: 'part'; blob: Blob; algorithms: ChecksumAlgorithm[] }
  /** A whole file as consecutive chunks, hashed in order with one algorithm. */
  | { id: number; kind: 'file'; chunks: Blob[]; algorithm: ChecksumAlgorithm }

export type HashResponse =
  /** Sent once when the worker's code has loaded: the pool's readiness handshake. */
  | { kind: 'ready' }
  | { kind: 'result'; id: number; ok: true; checksums: PartChecksums; bytes: number }
  | { kind: 'result'; id: number; ok: false; error: SerializedUploadError }
