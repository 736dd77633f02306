import type { ChecksumAlgorithm, PartChecksums } from '../types'

/** Messages between the engine and its hashing workers. */
export interface HashRequest {
  id: number
  blob: Blob
  start: number
  end: number
  algorithms: ChecksumAlgorithm[]
}

export type HashResponse =
  | { id: number; ok: true; buffer: ArrayBuffer; checksums: PartChecksums }
  | { id: number; ok: false; error: { name: string; message: string } }
