import type { PartPlan } from '../types'

/**
 * What is kept, per scope (one signed-in account), so an upload can resume after a reload:
 * a session record (the provider's snapshot: ids only, never a bearer token), one small record
 * per finished part (written as the part finishes, never a rewrite of the list), and
 * optionally the file itself. Every record carries its expiry.
 */
export interface SessionRecord {
  /** The file's fingerprint within the scope (see uploadKey). */
  key: string
  provider: string
  snapshot: unknown
  plan: PartPlan[]
  createdAt: number
  expiresAt: number
}

export interface PartRecord {
  key: string
  number: number
  size: number
  /** ETag / part token, verbatim. */
  token?: string
  checksum?: string
  /** The part's CRC-32C (hex), when computed: a whole-file CRC-32C is combined from these. */
  crc32c?: string
}

export interface KeptFileRecord {
  key: string
  name: string
  relativePath: string | undefined
  keptAt: number
  expiresAt: number
  /** Exactly one of these is set. */
  file?: File
  handle?: FileSystemFileHandle
}

/**
 * Several writes made in one transaction: kept files put and deleted (a key in both is
 * deleted: the delete is the later wish), and uploads forgotten with their parts.
 */
export interface RecordWrites {
  putKept: KeptFileRecord[]
  deleteKept: string[]
  deleteUploads: string[]
}

export interface StoredUploadRecords {
  session: SessionRecord
  parts: PartRecord[]
}

/** The records of one scope. Implementations: IndexedDB (browsers) and memory (tests, no IndexedDB). */
export interface ScopeStorage {
  /** A session and its parts; undefined when absent or expired. */
  getUpload(key: string): Promise<StoredUploadRecords | undefined>
  putSession(record: SessionRecord): Promise<void>
  /** One part, in its own small write: durable when this resolves. */
  putPart(record: PartRecord): Promise<void>
  /** Forget uploads (sessions with their parts), in one transaction. */
  deleteUploads(keys: readonly string[]): Promise<void>
  putKept(record: KeptFileRecord): Promise<void>
  deleteKept(keys: readonly string[]): Promise<void>
  /** Many writes in one transaction (see write-batch.ts): durable when this resolves. */
  apply(writes: RecordWrites): Promise<void>
  /** Every kept file not yet expired. */
  listKept(): Promise<KeptFileRecord[]>
  /** Delete every record past its expiry. */
  sweep(now: number): Promise<void>
  /** Delete everything in this scope. */
  clear(): Promise<void>
}

/** Identifies "the same file" across reloads within a scope: no bytes are read for it. */
export function uploadKey(provider: string, file: { name: string; relativePath?: string | undefined; size: number; type: string; lastModified: number }): string {
  return [provider, file.relativePath ?? file.name, file.size, file.type, file.lastModified].join('|')
}
