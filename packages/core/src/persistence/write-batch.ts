import type { KeptFileRecord, RecordWrites, ScopeStorage } from './records'

/** How long the forgetting of finished files waits for more files to finish, ms. */
export const FINISHED_DELAY_MS = 100

/** A file added while keepFiles is on, as the uploader has it. */
export interface KeepCandidate {
  key: string
  name: string
  relativePath: string | undefined
  file: Blob
  handle: FileSystemFileHandle | undefined
}

export interface WriteBatchOptions {
  keepFiles: boolean
  resume: boolean
  maxKeptFileSize: number
  lifetimeMs: number
  /** The timer of the finished-files window; replaceable in tests. */
  setTimer?: (run: () => void, ms: number) => () => void
}

/**
 * The per-file writes of persistence (a kept copy per added file, a delete per finished one),
 * gathered into few transactions: one IndexedDB transaction per file cost the demo a third of
 * its pace with 1,000 small files. Per-part resume records are not batched (each is durable
 * before its part's slot goes on, #12): they go through `storage` as before.
 */
export interface WriteBatch {
  /** Keep a file for restoreFiles(): written with the next flush (the uploader flushes once per slice of added files). */
  keep(candidate: KeepCandidate, now: number): void
  /**
   * A file finished: its kept copy and (when it had a session) its resume record are forgotten
   * together with those of the files finishing in the next FINISHED_DELAY_MS.
   */
  finished(key: string, hadSession: boolean): void
  /** Files removed or cancelled: their records and kept copies are forgotten now, with whatever else is pending. */
  forget(keys: readonly string[]): void
  /** Write what is pending in one transaction; resolves once every write of this batch so far has landed (or failed). */
  flush(): Promise<void>
  /**
   * The scope's storage, in step with what is pending: a read or write of a key with pending
   * work writes that first (IndexedDB runs transactions on the same stores in the order they
   * were made), listKept sees every kept file asked for, clear drops what is pending.
   */
  readonly storage: ScopeStorage
  /** Dispose: write what is pending now; later writes (through the batch or `storage`) are dropped, reads and clear still work. */
  close(): void
}

/** The record that keeps a file: its File System Access handle (no copy of the bytes), else the File under the size cap. */
export function keptRecord(entry: KeepCandidate, maxFileSize: number, lifetimeMs: number, now = Date.now()): KeptFileRecord | undefined {
  const base = { key: entry.key, name: entry.name, relativePath: entry.relativePath, keptAt: now, expiresAt: now + lifetimeMs }
  if (entry.handle) return { ...base, handle: entry.handle }
  if (!(entry.file instanceof File) || entry.file.size > maxFileSize) return undefined
  return { ...base, file: entry.file }
}

export function createWriteBatch(inner: ScopeStorage, options: WriteBatchOptions): WriteBatch {
  const setTimer =
    options.setTimer ??
    ((run, ms) => {
      const timer = setTimeout(run, ms)
      return () => clearTimeout(timer)
    })
  /** Per kept key, the last wish: a record to put, or null to delete. */
  let kept = new Map<string, KeptFileRecord | null>()
  let uploads = new Set<string>()
  let cancelTimer: (() => void) | undefined
  let landed: Promise<void> = Promise.resolve()
  let closed = false
  let unlisten: (() => void) | undefined

  const pending = (key: string) => kept.has(key) || uploads.has(key)

  function flush(): Promise<void> {
    cancelTimer?.()
    cancelTimer = undefined
    if (kept.size === 0 && uploads.size === 0) return landed
    const writes: RecordWrites = { putKept: [], deleteKept: [], deleteUploads: [...uploads] }
    for (const [key, record] of kept) {
      if (record) writes.putKept.push(record)
      else writes.deleteKept.push(key)
    }
    kept = new Map()
    uploads = new Set()
    // Persistence is best effort: a full disk or a locked database must not fail uploads.
    const write = inner.apply(writes).catch(() => undefined)
    landed = Promise.all([landed, write]).then(() => undefined)
    return landed
  }

  /** Pending work is written within `ms` at the latest, and when the page is hidden or left. */
  function schedule(ms: number) {
    if (!unlisten && typeof addEventListener === 'function') {
      const onHide = () => void flush()
      addEventListener('pagehide', onHide)
      unlisten = () => removeEventListener('pagehide', onHide)
    }
    cancelTimer ??= setTimer(() => {
      cancelTimer = undefined
      void flush()
    }, ms)
  }

  /** Queue the deletes these files need; false when persistence keeps nothing of them. */
  const forgetKeys = (keys: Iterable<string>, uploadsToo: boolean) => {
    const forgetUploads = options.resume && uploadsToo
    if (!options.keepFiles && !forgetUploads) return false
    for (const key of keys) {
      if (options.keepFiles) kept.set(key, null)
      if (forgetUploads) uploads.add(key)
    }
    return true
  }

  const flushFor = (key: string) => (pending(key) ? flush() : undefined)

  const done = Promise.resolve()
  const storage: ScopeStorage = {
    async getUpload(key) {
      await flushFor(key)
      return inner.getUpload(key)
    },
    async putSession(record) {
      if (closed) return
      await flushFor(record.key)
      return inner.putSession(record)
    },
    putPart(record) {
      if (closed) return done
      // A part's record is durable before its slot goes on (#12): written at once, in its own
      // transaction, made after that of any pending delete of the same upload.
      void flushFor(record.key)
      return inner.putPart(record)
    },
    deleteUploads(keys) {
      if (closed) return done
      for (const key of keys) uploads.add(key)
      return flush()
    },
    putKept(record) {
      if (closed) return done
      kept.set(record.key, record)
      return flush()
    },
    deleteKept(keys) {
      if (closed) return done
      for (const key of keys) kept.set(key, null)
      return flush()
    },
    apply(writes) {
      if (closed) return done
      void flush()
      return inner.apply(writes)
    },
    async listKept() {
      await flush()
      return inner.listKept()
    },
    sweep: (now) => inner.sweep(now),
    clear() {
      // What is pending would otherwise land after the clear and bring files back.
      kept = new Map()
      uploads = new Set()
      cancelTimer?.()
      cancelTimer = undefined
      return inner.clear()
    },
  }

  return {
    keep(candidate, now) {
      if (closed) return
      const record = keptRecord(candidate, options.maxKeptFileSize, options.lifetimeMs, now)
      if (!record) return
      kept.set(candidate.key, record)
      schedule(0) // a safety net: the uploader flushes at the end of each slice
    },
    finished(key, hadSession) {
      if (closed) return
      if (forgetKeys([key], hadSession)) schedule(FINISHED_DELAY_MS)
    },
    forget(keys) {
      if (closed) return
      if (forgetKeys(keys, true)) void flush()
    },
    flush,
    storage,
    close() {
      if (closed) return
      void flush()
      closed = true
      unlisten?.()
      unlisten = undefined
    },
  }
}
