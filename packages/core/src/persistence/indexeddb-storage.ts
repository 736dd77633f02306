import type { KeptFileRecord, PartRecord, RecordWrites, ScopeStorage, SessionRecord } from './records'

const VERSION = 1
/** Longest stretch of putting kept files in one task, ms. */
const PUT_CHUNK_MS = 4
type StoreName = 'sessions' | 'parts' | 'kept'

/**
 * A scope's records in its own IndexedDB database (`<prefix>:<scope>`), so no query of one
 * account can reach another's. Three object stores: sessions, parts (keyed [key, number]) and
 * kept files. Each call is one transaction, resolved when it commits; `apply` carries a whole batch
 * of writes (write-batch.ts) in one.
 */
export function openIndexedDbScope(databaseName: string): ScopeStorage {
  let db: Promise<IDBDatabase> | undefined
  const open = () =>
    (db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(databaseName, VERSION)
      request.onupgradeneeded = () => {
        const database = request.result
        database.createObjectStore('sessions', { keyPath: 'key' })
        database.createObjectStore('parts', { keyPath: ['key', 'number'] })
        database.createObjectStore('kept', { keyPath: 'key' })
      }
      request.onsuccess = () => {
        // Another tab deleting or upgrading this database must not wait on us.
        request.result.onversionchange = () => request.result.close()
        resolve(request.result)
      }
      request.onerror = () => reject(request.error)
    }))

  const partsOf = (key: string) => IDBKeyRange.bound([key], [key, []])
  const nothing = () => undefined

  /**
   * Run requests in one transaction; resolves with `result()` once it commits. `commitNow` (for
   * work that queues every request at once, no cursor) sends it at once rather than when the
   * task ends, so a write started as the page goes away still lands.
   */
  async function transact<T>(
    names: StoreName[],
    mode: IDBTransactionMode,
    work: (stores: Record<StoreName, IDBObjectStore>) => () => T,
    commitNow = false,
  ): Promise<T> {
    const database = await open()
    return new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(names, mode)
      const stores = Object.fromEntries(names.map((name) => [name, transaction.objectStore(name)])) as Record<StoreName, IDBObjectStore>
      const result = work(stores)
      transaction.oncomplete = () => resolve(result())
      transaction.onerror = () => reject(transaction.error)
      transaction.onabort = () => reject(transaction.error)
      if (commitNow) transaction.commit?.()
    })
  }

  /**
   * The writes of one batch, in one transaction over just the stores they touch. Putting a File
   * costs ~0.1 ms of the main thread (it is serialized and its blob handed to the browser): a
   * slice of 1,000 kept files put at once was a task of over 100 ms. So puts go in chunks of
   * PUT_CHUNK_MS, the next one queued from the last request's success callback, where the
   * transaction is still active: still one transaction, its cost spread over tasks.
   */
  async function apply({ putKept, deleteKept, deleteUploads }: RecordWrites): Promise<void> {
    const names: StoreName[] = []
    if (deleteUploads.length > 0) names.push('sessions', 'parts')
    if (putKept.length > 0 || deleteKept.length > 0) names.push('kept')
    if (names.length === 0) return
    await transact(
      names,
      'readwrite',
      (s) => {
        for (const key of deleteUploads) {
          s.sessions.delete(key)
          s.parts.delete(partsOf(key))
        }
        for (const key of deleteKept) s.kept.delete(key)
        let next = 0
        const putChunk = () => {
          const until = performance.now() + PUT_CHUNK_MS
          let last: IDBRequest | undefined
          while (next < putKept.length && (last === undefined || performance.now() < until)) last = s.kept.put(putKept[next++])
          if (last && next < putKept.length) last.onsuccess = putChunk
        }
        putChunk()
        return nothing
      },
      putKept.length === 0, // chunked puts add requests later: the transaction commits by itself after the last
    )
  }

  return {
    getUpload: (key) =>
      transact(['sessions', 'parts'], 'readonly', (s) => {
        const session = s.sessions.get(key) as IDBRequest<SessionRecord | undefined>
        const parts = s.parts.getAll(partsOf(key)) as IDBRequest<PartRecord[]>
        return () => (session.result && session.result.expiresAt > Date.now() ? { session: session.result, parts: parts.result } : undefined)
      }),
    putSession: (record) => transact(['sessions'], 'readwrite', (s) => (s.sessions.put(record), nothing)),
    putPart: (record) => transact(['parts'], 'readwrite', (s) => (s.parts.put(record), nothing)),
    deleteUploads: (keys) => apply({ putKept: [], deleteKept: [], deleteUploads: [...keys] }),
    putKept: (record) => apply({ putKept: [record], deleteKept: [], deleteUploads: [] }),
    deleteKept: (keys) => apply({ putKept: [], deleteKept: [...keys], deleteUploads: [] }),
    apply,
    listKept: () =>
      transact(['kept'], 'readonly', (s) => {
        const all = s.kept.getAll() as IDBRequest<KeptFileRecord[]>
        return () => all.result.filter((record) => record.expiresAt > Date.now())
      }),
    sweep: (now) =>
      transact(['sessions', 'parts', 'kept'], 'readwrite', (s) => {
        const expired = IDBKeyRange.upperBound(now)
        // No index on expiry: a scope holds a handful of records, and this runs once per start.
        s.sessions.openCursor().onsuccess = function () {
          const cursor = this.result
          if (!cursor) return
          const record = cursor.value as SessionRecord
          if (expired.includes(record.expiresAt)) {
            cursor.delete()
            s.parts.delete(partsOf(record.key))
          }
          cursor.continue()
        }
        s.kept.openCursor().onsuccess = function () {
          const cursor = this.result
          if (!cursor) return
          if (expired.includes((cursor.value as KeptFileRecord).expiresAt)) cursor.delete()
          cursor.continue()
        }
        return nothing
      }),
    clear: () =>
      transact(['sessions', 'parts', 'kept'], 'readwrite', (s) => {
        s.sessions.clear()
        s.parts.clear()
        s.kept.clear()
        return nothing
      }),
  }
}
