import type { FileInfo, PartPlan, PartReceipt } from '../types'

/**
 * What is kept of an unfinished upload so a reload can resume it: the provider's session
 * snapshot (ids only: adapters never put tokens or expired URLs in it), the plan, and the
 * receipts of finished parts.
 */
export interface ResumeRecord {
  fingerprint: string
  provider: string
  snapshot: unknown
  plan: PartPlan[]
  receipts: PartReceipt[]
  updatedAt: number
}

export interface ResumeStore {
  get(fingerprint: string): Promise<ResumeRecord | undefined>
  put(record: ResumeRecord): Promise<void>
  delete(fingerprint: string): Promise<void>
  /** Forget many records at once (optional; without it, `delete` is called for each). */
  deleteMany?(fingerprints: readonly string[]): Promise<void>
  /** Forget every stored upload (e.g. on sign-out). */
  clear(): Promise<void>
}

/** Identifies "the same file" across reloads: no bytes are read for it. */
export function fileFingerprint(provider: string, file: FileInfo, scope = ''): string {
  return [provider, scope, file.relativePath ?? file.name, file.size, file.type, file.lastModified].join('|')
}

/** Keeps records in memory (tests, or when IndexedDB is unavailable). */
export function createMemoryResumeStore(): ResumeStore {
  const records = new Map<string, ResumeRecord>()
  return {
    get: async (fingerprint) => structuredClone(records.get(fingerprint)),
    put: async (record) => void records.set(record.fingerprint, structuredClone(record)),
    delete: async (fingerprint) => void records.delete(fingerprint),
    deleteMany: async (fingerprints) => fingerprints.forEach((fingerprint) => records.delete(fingerprint)),
    clear: async () => records.clear(),
  }
}

/** Forget these records, in one go where the store can. */
export function deleteResumeRecords(store: ResumeStore, fingerprints: readonly string[]): Promise<void> {
  if (fingerprints.length === 0) return Promise.resolve()
  if (store.deleteMany) return store.deleteMany(fingerprints)
  return Promise.all(fingerprints.map((fingerprint) => store.delete(fingerprint))).then(() => undefined)
}
