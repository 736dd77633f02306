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
  let db: Promise<IDBDatabase> | undefined

  const open = () =>
    (db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1)
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'fingerprint' })
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    }))

  const run = async <T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const database = await open()
    return new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(STORE, mode)
      const request = action(transaction.objectStore(STORE))
      transaction.oncomplete = () => resolve(request.result)
      transaction.onerror = () => reject(transaction.error)
      transaction.onabort = () => reject(transaction.error)
    })
  }

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
    clear: async () => void (await run('readwrite', (s) => s.clear())),
  }
  return store
}

export function indexedDbAvailable(): boolean {
  return typeof indexedDB !== 'undefined'
}
