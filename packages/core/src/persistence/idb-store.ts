/**
 * One IndexedDB object store, opened lazily on first use: `run` performs a request (or several:
 * the last one's result is returned) in its own transaction and resolves when it commits.
 * Many requests in one transaction cost far less than one transaction each (cancelling 10,000
 * files forgets 10,000 records).
 */
export function idbStore(databaseName: string, storeName: string, keyPath: string) {
  let db: Promise<IDBDatabase> | undefined
  const open = () =>
    (db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(databaseName, 1)
      request.onupgradeneeded = () => request.result.createObjectStore(storeName, { keyPath })
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    }))
  return async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const database = await open()
    return new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(storeName, mode)
      const request = action(transaction.objectStore(storeName))
      transaction.oncomplete = () => resolve(request.result)
      transaction.onerror = () => reject(transaction.error)
      transaction.onabort = () => reject(transaction.error)
    })
  }
}
