import { idbStore } from './idb-store'

/**
 * Files kept so an upload can resume after a reload with no new pick: a File System Access
 * handle where the file came through that API (no copy of the bytes), else the File itself in
 * IndexedDB, under a size cap and an expiry. Entries go when their upload ends, and all at once
 * on `clear()` (e.g. sign-out). Opt-in: keeping copies of a user's files is the app's call.
 */
export interface KeptFile {
  /** The upload's fingerprint (see fileFingerprint). */
  fingerprint: string
  name: string
  relativePath: string | undefined
  keptAt: number
  /** Exactly one of these is set. */
  file?: File
  handle?: FileSystemFileHandle
}

export interface KeptFilesOptions {
  databaseName?: string
  /** Largest file kept as bytes (handles cost nothing). Default 512 MiB. */
  maxFileSize?: number
  /** Kept files older than this are dropped. Default 7 days. */
  maxAgeMs?: number
}

export interface KeptFiles {
  keep(entry: { fingerprint: string; name: string; relativePath: string | undefined; file: Blob; handle?: FileSystemFileHandle }): Promise<boolean>
  forget(fingerprint: string): Promise<void>
  /** Forget many in one IndexedDB transaction. */
  forgetMany(fingerprints: readonly string[]): Promise<void>
  /** Everything still kept (expired entries are dropped on the way). */
  list(): Promise<KeptFile[]>
  clear(): Promise<void>
}

const STORE = 'files'

export function createKeptFiles(options: KeptFilesOptions = {}): KeptFiles {
  const name = options.databaseName ?? 'uplink-kept-files'
  const maxFileSize = options.maxFileSize ?? 512 * 1024 * 1024
  const maxAgeMs = options.maxAgeMs ?? 7 * 24 * 3600 * 1000
  const run = idbStore(name, STORE, 'fingerprint')

  const kept: KeptFiles = {
    async keep({ fingerprint, name: fileName, relativePath, file, handle }) {
      if (!handle && (!(file instanceof File) || file.size > maxFileSize)) return false
      const entry: KeptFile = { fingerprint, name: fileName, relativePath, keptAt: Date.now(), ...(handle ? { handle } : { file: file as File }) }
      await run('readwrite', (s) => s.put(entry))
      return true
    },
    forget: async (fingerprint) => void (await run('readwrite', (s) => s.delete(fingerprint))),
    async forgetMany(fingerprints) {
      if (fingerprints.length === 0) return
      await run('readwrite', (s) => fingerprints.map((fingerprint) => s.delete(fingerprint)).at(-1)!)
    },
    async list() {
      const all = (await run('readonly', (s) => s.getAll())) as KeptFile[]
      const fresh = all.filter((entry) => Date.now() - entry.keptAt <= maxAgeMs)
      await kept.forgetMany(all.filter((entry) => !fresh.includes(entry)).map((entry) => entry.fingerprint))
      return fresh
    },
    clear: async () => void (await run('readwrite', (s) => s.clear())),
  }
  return kept
}

/** The bytes of a kept entry: the File, or the handle's current file (read permission needed). */
export async function readKeptFile(entry: KeptFile, requestPermission = false): Promise<File | undefined> {
  if (entry.file) return entry.file
  const handle = entry.handle as (FileSystemFileHandle & {
    queryPermission?: (d: { mode: 'read' }) => Promise<PermissionState>
    requestPermission?: (d: { mode: 'read' }) => Promise<PermissionState>
  }) | undefined
  if (!handle) return undefined
  let permission = (await handle.queryPermission?.({ mode: 'read' })) ?? 'granted'
  if (permission === 'prompt' && requestPermission) permission = (await handle.requestPermission?.({ mode: 'read' })) ?? 'denied'
  if (permission !== 'granted') return undefined
  return handle.getFile()
}
