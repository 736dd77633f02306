import type { ChecksumAlgorithm, PartChecksum, PartChecksums } from '../types'

/** Messages between the engine and its hashing workers. */
export type HashRequest =
  | { id: number; kind: 'part'; blob: Blob; start: number; end: number; algorithms: ChecksumAlgorithm[] }
  | { id: number; kind: 'file'; blob: Blob; algorithm: 'sha256' | 'crc32c' }

export type HashResponse =
  | { id: number; ok: true; kind: 'part'; body: Blob; checksums: PartChecksums }
  | { id: number; ok: true; kind: 'file'; checksum: PartChecksum }
  | { id: number; ok: false; error: { name: string; message: string } }
