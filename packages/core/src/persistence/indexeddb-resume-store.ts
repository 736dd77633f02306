import { idbStore } from './idb-store'
import type { ResumeRecord, ResumeStore } from './resume-store'

export interface IndexedDbResumeStoreOptions {
  databaseName?: string
  /** Records older than this are dropped when read (ms). Default 7 days. */
  maxAgeMs?: number
}

const STORE = 'uploads'

/** Resume records in IndexedDB, one per file fingerprint, expiring after maxAgeMs. */
export function createIndexedDbResumeStore(options: IndexedDbResumeStoreOptions = {}): ResumeStore {
  const name = options.databaseName ?? 'uplink-resume'
  const maxAgeMs = options.maxAgeMs ?? 7 * 24 * 3600 * 1000
  const run = idbStore(name, STORE, 'fingerprint')

  const store: ResumeStore = {
    async get(fingerprint) {
      const record = (await run('readonly', (s) => s.get(fingerprint))) as ResumeRecord | undefined
      if (record && Date.now() - record.updatedAt > maxAgeMs) {
        await store.delete(fingerprint)
        return undefined
      }
      return record
    },
    put: async (record) => void (await run('readwrite', (s) => s.put(record))),
    delete: async (fingerprint) => void (await run('readwrite', (s) => s.delete(fingerprint))),
    async deleteMany(fingerprints) {
      if (fingerprints.length === 0) return
      await run('readwrite', (s) => fingerprints.map((fingerprint) => s.delete(fingerprint)).at(-1)!)
    },
    clear: async () => void (await run('readwrite', (s) => s.clear())),
  }
  return store
}

export function indexedDbAvailable(): boolean {
  return typeof indexedDB !== 'undefined'
}
