import { afterEach, describe, expect, it } from 'vitest'
import { type PersistenceOptions, scopeStorage } from './persistence/persistence'
import { uploadKey } from './persistence/records'
import { FINISHED_DELAY_MS } from './persistence/write-batch'
import { selectFiles } from './store/selectors'
import { plainHasher, recordingProvider, response } from './testing/fakes'
import type { Transport } from './transport/transport'
import { createUploader } from './uploader'

// Real Chromium, real IndexedDB: what persistence writes for many small files, counted in
// transactions (each one is a round trip to the browser's database and a task on the page).
const MiB = 1024 * 1024
const disposers: Array<() => void> = []
afterEach(() => disposers.splice(0).forEach((dispose) => dispose()))

const provider = () => recordingProvider({ minPartSize: 1, maxPartSize: MiB, maxParts: 100, maxFileSize: 100 * MiB, allowsEmptyFiles: true })
const files = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => new File([new Uint8Array(1024).fill(i % 256)], `${prefix}${i}.bin`, { lastModified: 1_700_000_000_000 }))
const instant: Transport = async (request, body, { onProgress }) => {
  onProgress?.(body.size)
  return response(200, { ETag: `"${request.url.split('/').pop()}"` })
}

/** Every read-write transaction opened from now on, with its stores, until `stop`. */
function countTransactions() {
  const original = IDBDatabase.prototype.transaction
  const opened: string[][] = []
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, names: string | string[], mode?: IDBTransactionMode, ...rest: unknown[]) {
    if (mode === 'readwrite') opened.push(typeof names === 'string' ? [names] : [...names])
    return (original as (...a: unknown[]) => IDBTransaction).call(this, names, mode, ...rest)
  } as typeof original
  const stop = () => void (IDBDatabase.prototype.transaction = original)
  disposers.push(stop)
  const count = (touches: (stores: string[]) => boolean) => opened.filter(touches).length
  return {
    reset: () => void (opened.length = 0),
    /** Transactions that write kept files. */
    kept: () => count((s) => s.includes('kept')),
    /** Transactions that forget uploads (sessions with their parts; putSession and putPart touch one store each). */
    forgottenUploads: () => count((s) => s.includes('sessions') && s.includes('parts')),
    stop,
  }
}

/**
 * The finished-files windows the write batch opens from now on, until `stop`: its timers of
 * FINISHED_DELAY_MS (told from other timers of that length by the caller's source file).
 */
function countFinishedWindows() {
  const original = globalThis.setTimeout
  let windows = 0
  globalThis.setTimeout = ((run: TimerHandler, ms?: number, ...rest: unknown[]) => {
    if (ms === FINISHED_DELAY_MS && new Error().stack?.includes('write-batch')) windows++
    return original(run, ms, ...rest)
  }) as typeof setTimeout
  const stop = () => void (globalThis.setTimeout = original)
  disposers.push(stop)
  return { windows: () => windows, stop }
}

describe('kept files and forgotten records, batched', () => {
  it('1,000 files: kept in at most one transaction per slice added, forgotten in one per finished-files window', async () => {
    const persistence: PersistenceOptions = { scope: 'user-1', databaseName: `uplink-kept-batch-${crypto.randomUUID()}`, keepFiles: true }
    const records = scopeStorage(persistence)
    const uploader = createUploader({ provider: provider(), transport: instant, hasher: plainHasher, concurrency: 8, autoStart: false, persistence })
    disposers.push(() => uploader.dispose())
    await uploader.clearPersistence() // lands after the start's sweep: counting starts with no write of the uploader pending
    const transactions = countTransactions()

    // Slices: the store writes that add files (one per slice).
    let slices = 0
    let listed = 0
    const unsubscribe = uploader.store.subscribe((state) => {
      const count = Object.keys(state.files).length
      if (count > listed) slices++
      listed = count
    })
    const added = await uploader.addFiles(files(1000, 'k'))
    await uploader.whenIdle()
    unsubscribe()
    expect(added.ids).toHaveLength(1000)
    expect(await records.listKept()).toHaveLength(1000)
    expect(slices).toBeGreaterThanOrEqual(1)
    expect(transactions.kept()).toBeLessThanOrEqual(slices)

    // Every file finishes; each one had a session (and a resume record) of its own.
    transactions.reset()
    const finishedWindows = countFinishedWindows()
    expect(uploader.startAll()).toBe(1000)
    await uploader.whenIdle()
    finishedWindows.stop()
    expect(selectFiles(uploader.store.getState()).every((f) => f.status === 'done')).toBe(true)
    // A window opens with the first file finishing after a write and gathers every file finishing
    // within it: one transaction per window, whatever the machine's speed (+1 for whenIdle's flush).
    expect(finishedWindows.windows()).toBeGreaterThanOrEqual(1) // the count sees the batch's timers
    const windows = finishedWindows.windows() + 1
    const kept = transactions.kept()
    const forgotten = transactions.forgottenUploads()
    transactions.stop()
    expect(kept).toBeGreaterThanOrEqual(1)
    expect(kept).toBeLessThanOrEqual(windows)
    expect(forgotten).toBeLessThanOrEqual(windows)
    // whenIdle waited for them: nothing is left to come back after a reload.
    expect(await records.listKept()).toEqual([])
    const key = uploadKey('recording', { name: 'k999.bin', size: 1024, type: '', lastModified: 1_700_000_000_000 })
    expect(await records.getUpload(key)).toBeUndefined()
    console.info(`1,000 files: ${slices} slices, ${kept} kept-file transactions and ${forgotten} record deletes while finishing, in ${windows - 1} windows`)
  })

  it('files removed while their kept copies are being written never come back after a reload', async () => {
    const persistence: PersistenceOptions = { scope: 'user-1', databaseName: `uplink-kept-removed-${crypto.randomUUID()}`, keepFiles: true }
    const before = createUploader({ provider: provider(), transport: instant, hasher: plainHasher, autoStart: false, persistence })
    // The first slice is added (and its kept copies sent to the database) before addFiles returns;
    // removing everything at once then races those writes.
    const adding = before.addFiles(files(500, 'r'))
    const removed = before.removeAll()
    await adding
    expect(removed).toBeGreaterThan(0)
    const kept = before.addFiles(files(1, 'stays'))
    await kept
    before.dispose() // straight away: what is pending is written by dispose

    const after = createUploader({ provider: provider(), transport: instant, hasher: plainHasher, autoStart: false, persistence })
    disposers.push(() => after.dispose())
    const { ids } = await after.restoreFiles()
    expect(selectFiles(after.store.getState()).map((f) => f.name)).toEqual(['stays0.bin'])
    expect(ids).toHaveLength(1)
  })

  it('a file that finished just before dispose does not come back after a reload', async () => {
    const persistence: PersistenceOptions = { scope: 'user-1', databaseName: `uplink-kept-done-${crypto.randomUUID()}`, keepFiles: true }
    const before = createUploader({ provider: provider(), transport: instant, hasher: plainHasher, persistence })
    const done = new Promise<void>((resolve) => before.on('file-done', () => resolve()))
    await before.addFiles(files(1, 'd'))
    await done
    before.dispose() // within the finished-files window: its kept copy's delete is still pending

    const after = createUploader({ provider: provider(), transport: instant, hasher: plainHasher, autoStart: false, persistence })
    disposers.push(() => after.dispose())
    expect(await after.restoreFiles()).toEqual({ ids: [], rejected: [] })
  })
})
