import type { ScopeStorage } from './records'
import type { WriteBatch } from './write-batch'

export interface PersistenceOptions {
  /**
   * Whose records these are: the signed-in account (a user id, a tenant and user, …). Each scope
   * has its own store; an uploader sees only its own scope's uploads and kept files.
   */
  scope: string
  /** Remember unfinished uploads, so the same file added after a reload sends only what is missing. Default true. */
  resume?: boolean
  /** Keep the files themselves so `restoreFiles()` can add them back after a reload, with no new pick. Default false. */
  keepFiles?: boolean
  /** Largest file kept as bytes (File System Access handles are kept whatever the size). Default 512 MiB. */
  maxKeptFileSize?: number
  /** Records expire this long after they were written, ms. Default 7 days. */
  maxAgeMs?: number
  /** Where records live: IndexedDB (the default where there is one) or memory (gone on reload). */
  storage?: 'indexeddb' | 'memory'
  /** Prefix of the database names (one database per scope: `<prefix>:<scope>`). Default "uplink". */
  databaseName?: string
}

export interface Persistence {
  readonly scope: string
  readonly resume: boolean
  readonly keepFiles: boolean
  readonly maxAgeMs: number
  readonly maxKeptFileSize: number
  /** This scope's records, in step with `writes` (see WriteBatch.storage). */
  readonly storage: ScopeStorage
  /** The per-file writes (kept copies, forgetting finished and removed files), batched. */
  readonly writes: LazyWrites
  /** Another scope's records (to clear them). */
  open(scope: string): ScopeStorage
}

/** A WriteBatch whose code is still loading: each call lands in it, in order, once it has. */
export type LazyWrites = { [K in 'keep' | 'finished' | 'forget' | 'flush' | 'close']: (...args: Parameters<WriteBatch[K]>) => Promise<unknown> }

const STORAGE_METHODS = ['getUpload', 'putSession', 'putPart', 'deleteUploads', 'putKept', 'deleteKept', 'apply', 'listKept', 'sweep', 'clear'] as const

export const DAY = 24 * 3600 * 1000

/**
 * The storage of the scope these options name (no sweep). Its code loads on first use, so an
 * app without persistence does not carry the IndexedDB code.
 */
export function scopeStorage(options: Pick<PersistenceOptions, 'scope' | 'storage' | 'databaseName'>): ScopeStorage {
  const memory = options.storage === 'memory' || typeof indexedDB === 'undefined'
  const name = `${options.databaseName ?? 'uplink'}:${options.scope}`
  let opened: Promise<ScopeStorage> | undefined
  const open = () =>
    (opened ??= memory ? import('./memory-storage').then((m) => m.openMemoryScope(name)) : import('./indexeddb-storage').then((m) => m.openIndexedDbScope(name)))
  const call = <K extends keyof ScopeStorage>(method: K): ScopeStorage[K] =>
    (async (...args: unknown[]) => ((await open())[method] as (...a: unknown[]) => Promise<unknown>)(...args)) as ScopeStorage[K]
  return Object.fromEntries(STORAGE_METHODS.map((method) => [method, call(method)])) as unknown as ScopeStorage
}

/** Persistence settings (validated with the uploader's options), and this scope's storage, swept of expired records on start. */
export function createPersistence(options: PersistenceOptions): Persistence {
  const { scope } = options // validated with the other options
  const open = (name: string) => scopeStorage({ ...options, scope: name })
  const raw = open(scope)
  void raw.sweep(Date.now()).catch(() => undefined) // best effort: a locked database must not stop uploads
  const settings = {
    resume: options.resume ?? true,
    keepFiles: options.keepFiles ?? false,
    maxAgeMs: options.maxAgeMs ?? 7 * DAY,
    maxKeptFileSize: options.maxKeptFileSize ?? 512 * 1024 * 1024,
  }
  // The batch's code loads with the storage's (it is only needed once something is written or
  // read); every call goes through the same promise, so they reach it in the order they were made.
  let loading: Promise<WriteBatch> | undefined
  const batch = () => (loading ??= import('./write-batch').then((m) => m.createWriteBatch(raw, { ...settings, lifetimeMs: settings.maxAgeMs })))
  const later =
    <T>(pick: (b: WriteBatch) => T) =>
    (...args: unknown[]) =>
      batch().then((b) => (pick(b) as (...a: unknown[]) => unknown)(...args))
  // Best effort, as every write of persistence: a chunk that fails to load must not fail uploads.
  const quiet =
    <T>(pick: (b: WriteBatch) => T) =>
    (...args: unknown[]) =>
      later(pick)(...args).catch(() => undefined)
  const writes = {
    keep: quiet((b) => b.keep),
    finished: quiet((b) => b.finished),
    forget: quiet((b) => b.forget),
    flush: quiet((b) => b.flush),
    close: quiet((b) => b.close),
  } as unknown as LazyWrites
  const storage = Object.fromEntries(STORAGE_METHODS.map((method) => [method, later((b) => b.storage[method])])) as unknown as ScopeStorage
  return { scope, ...settings, storage, writes, open }
}
