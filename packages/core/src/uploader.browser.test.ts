import { afterEach, describe, expect, it, vi } from 'vitest'
import { commands } from 'vitest/browser'
import { crc32cUpdate } from './hashing/crc32c'
import { bytesToBase64 } from './hashing/encoding'
import { createWorkerPool } from './hashing/worker-pool'
import { type PersistenceOptions, scopeStorage } from './persistence/persistence'
import { uploadKey } from './persistence/records'
import { selectFiles } from './store/selectors'
import { recordingProvider, response } from './testing/fakes'
import type { Transport } from './transport/transport'
import { createUploader } from './uploader'

// Real Chromium: real module workers, real IndexedDB, real Blobs. Only the network is replaced
// (the contract suite covers real servers).
const MiB = 1024 * 1024
/** Record instants that need no clock: one long past, one far ahead (epoch ms). */
const LONG_AGO = 1
const FAR_FUTURE = 8_640_000_000_000_000
const disposers: Array<() => void> = []
afterEach(() => disposers.splice(0).forEach((d) => d()))

function countingTransport(fail?: (url: string) => boolean) {
  const state = { live: 0, maxLive: 0, sent: [] as string[], bytes: 0 }
  const transport: Transport = async (request, body, { onProgress }) => {
    state.live++
    state.maxLive = Math.max(state.maxLive, state.live)
    try {
      await new Promise((r) => setTimeout(r, 0)) // the next task: parts overlap, whatever the machine's speed
      onProgress?.(body.size)
      state.bytes += body.size
      if (fail?.(request.url)) return response(400, {}, 'refused by test')
      state.sent.push(request.url)
      return response(200, { ETag: `"${request.url.split('/').pop()}"` })
    } finally {
      state.live--
    }
  }
  return { transport, state }
}

/** Counts the bytes of every slice cut from `target` (File.slice is Blob.prototype.slice). */
function countSlices(target: Blob) {
  const original = Blob.prototype.slice
  const counter = { bytes: 0, restore: () => void (Blob.prototype.slice = original) }
  Blob.prototype.slice = function (this: Blob, ...args: Parameters<Blob['slice']>) {
    const slice = original.apply(this, args)
    if (this === target) counter.bytes += slice.size
    return slice
  }
  disposers.push(counter.restore)
  return counter
}

describe('uploader in Chromium', () => {
  it('reads each byte once: no checksum, per-part MD5, and a whole-file CRC32C combined from the parts; twice with a whole-file hash', async () => {
    const bytes = new Uint8Array(6 * MiB + 12_345).map((_, i) => (i * 13) ^ (i >> 9))
    const file = new File([bytes], 'once.bin', { lastModified: 1_700_000_000_000 })
    const limits = { minPartSize: 1, maxPartSize: 64 * MiB, maxParts: 100, maxFileSize: 100 * MiB, allowsEmptyFiles: true }
    const hasher = createWorkerPool({ size: 2 })
    disposers.push(() => hasher.dispose())
    const run = async (overrides: Partial<ReturnType<typeof recordingProvider>>, options: { wholeFileHash?: boolean } = {}) => {
      const slices = countSlices(file)
      let wholeFileChecksum: string | undefined
      const base = recordingProvider(limits)
      const provider = {
        ...base,
        ...overrides,
        completeUpload: (session: { id: string }, receipts: Parameters<typeof base.completeUpload>[1], ctx: Parameters<typeof base.completeUpload>[2]) => {
          wholeFileChecksum = ctx.wholeFileChecksum
          return base.completeUpload(session, receipts, ctx)
        },
      }
      const uploader = createUploader({ provider, transport: countingTransport().transport, hasher, partSize: MiB, persistence: false, ...options })
      disposers.push(() => uploader.dispose())
      await uploader.addFiles([file])
      await uploader.whenIdle()
      expect(selectFiles(uploader.store.getState())[0]).toMatchObject({ status: 'done', partsTotal: 7 })
      slices.restore()
      return { read: slices.bytes / file.size, wholeFileChecksum }
    }
    expect((await run({})).read).toBe(1)
    expect((await run({ partChecksum: 'md5' })).read).toBe(1)
    const archetypeLike = await run({ wholeFileChecksum: 'crc32c' })
    expect(archetypeLike.read).toBe(1)
    const crc = crc32cUpdate(0, bytes)
    expect(archetypeLike.wholeFileChecksum).toBe(bytesToBase64(new Uint8Array([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff])))
    expect((await run({ partChecksum: 'md5' }, { wholeFileHash: true })).read).toBe(2)
  })

  it('resumes from IndexedDB after a "reload", sending only the parts the server lacks', async () => {
    const persistence: PersistenceOptions = { scope: 'user-1', databaseName: `uplink-test-${crypto.randomUUID()}` }
    const records = scopeStorage(persistence)
    const provider = recordingProvider({ minPartSize: 1, maxPartSize: MiB, maxParts: 100, maxFileSize: 100 * MiB, allowsEmptyFiles: true })
    const bytes = new Uint8Array(5 * MiB).map((_, i) => i & 0xff)
    const file = () => new File([bytes], 'resume.bin', { type: 'application/octet-stream', lastModified: 1_700_000_000_000 })

    const first = countingTransport((url) => url.endsWith('/4'))
    const before = createUploader({ provider, transport: first.transport, partSize: MiB, concurrency: 1, persistence, retry: { attempts: 1 } })
    await before.addFiles([file()])
    await before.whenIdle()
    expect(selectFiles(before.store.getState())[0]!.status).toBe('error')
    before.dispose()
    const key = uploadKey('recording', { name: 'resume.bin', size: bytes.length, type: 'application/octet-stream', lastModified: 1_700_000_000_000 })
    const stored = await records.getUpload(key)
    expect(stored?.parts.map((r) => r.number)).toEqual([1, 2, 3])
    expect(JSON.stringify(stored)).not.toMatch(/https?:/) // no URLs kept

    const second = countingTransport()
    const after = createUploader({ provider, transport: second.transport, partSize: MiB, persistence })
    disposers.push(() => after.dispose())
    await after.addFiles([file()])
    await after.whenIdle()
    expect(selectFiles(after.store.getState())[0]!.status).toBe('done')
    expect(second.state.sent.map((u) => u.split('/').pop()).sort()).toEqual(['4', '5'])
    expect(await records.getUpload(key)).toBeUndefined()

    await records.putSession({ key: 'x', provider: 'p', snapshot: {}, plan: [], createdAt: LONG_AGO, expiresAt: FAR_FUTURE })
    await after.clearPersistence()
    expect(await records.getUpload('x')).toBeUndefined()
  })

  it('sweeps records past their expiry when an uploader starts', async () => {
    const persistence: PersistenceOptions = { scope: 'user-1', databaseName: `uplink-expiry-${crypto.randomUUID()}` }
    const records = scopeStorage(persistence)
    await records.putSession({ key: 'old', provider: 'p', snapshot: {}, plan: [], createdAt: LONG_AGO, expiresAt: LONG_AGO + 1 })
    await records.putPart({ key: 'old', number: 1, size: 1 })
    await records.putSession({ key: 'new', provider: 'p', snapshot: {}, plan: [], createdAt: LONG_AGO, expiresAt: FAR_FUTURE })
    const uploader = createUploader({ provider: recordingProvider(), persistence })
    disposers.push(() => uploader.dispose())
    await expect.poll(async () => (await rawRecords(`${persistence.databaseName}:user-1`, 'parts')).length).toBe(0)
    expect((await rawRecords(`${persistence.databaseName}:user-1`, 'sessions')).map((r) => (r as { key: string }).key)).toEqual(['new'])
  })

  it('cancelling every file forgets all their records and kept files in one go', async () => {
    const persistence: PersistenceOptions = { scope: 'user-1', databaseName: `uplink-cancel-${crypto.randomUUID()}`, keepFiles: true }
    const records = scopeStorage(persistence)
    const provider = recordingProvider({ minPartSize: 1, maxPartSize: MiB, maxParts: 100, maxFileSize: 100 * MiB, allowsEmptyFiles: true })
    // A transport that never answers: every file stays queued or uploading until cancelled.
    const transport: Transport = (_request, _body, { signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
    const uploader = createUploader({ provider, transport, persistence, concurrency: 2 })
    disposers.push(() => uploader.dispose())
    const files = Array.from({ length: 300 }, (_, i) => new File([new Uint8Array(10).fill(i % 256)], `c${i}.bin`, { lastModified: 1_700_000_000_000 }))
    const keys = files.map((f) => uploadKey(provider.name, { name: f.name, size: f.size, type: f.type, lastModified: f.lastModified }))
    await records.putSession({ key: keys[299]!, provider: provider.name, snapshot: { id: 'old' }, plan: [], createdAt: LONG_AGO, expiresAt: FAR_FUTURE })
    await uploader.addFiles(files)
    await expect.poll(async () => (await records.listKept()).length).toBe(300)
    expect(uploader.cancelAll()).toBe(300)
    await expect.poll(async () => (await records.listKept()).length).toBe(0)
    // The never-started file's old record, and those of the files that were running.
    expect(await Promise.all(keys.map((k) => records.getUpload(k)))).toEqual(keys.map(() => undefined))
  })

  it('holds at most `concurrency` parts in memory, whatever the file size (1 GiB, real workers)', async () => {
    // A 1 GiB file made of one random MiB repeated: 1 MiB of page memory, 1 GiB to read. Reading
    // it makes real copies (in the workers, for the checksum), so an engine that read ahead of
    // what it sends, or kept parts after sending them, grows by up to the file size.
    const chunk = new Uint8Array(MiB)
    for (let o = 0; o < MiB; o += 65_536) crypto.getRandomValues(chunk.subarray(o, o + 65_536))
    const chunkBlob = new Blob([chunk])
    const big = new File(Array.from({ length: 1024 }, () => chunkBlob), 'big.bin') // 1024 references, 1 MiB stored
    const { transport, state } = countingTransport()
    const hasher = createWorkerPool({ size: 2 })
    const provider = { ...recordingProvider({ minPartSize: MiB, maxPartSize: 64 * MiB, maxParts: 10_000, maxFileSize: 8 * 1024 * MiB, allowsEmptyFiles: true }), partChecksum: 'crc32c' as const }
    const uploader = createUploader({ provider, transport, hasher, partSize: 8 * MiB, concurrency: 3, persistence: false })
    disposers.push(() => uploader.dispose())
    // The whole browser's memory (every Chromium process), sampled from outside (scripts/browser-commands).
    await commands.startChromiumMemory()
    let memory: Awaited<ReturnType<typeof commands.stopChromiumMemory>>
    try {
      await uploader.addFiles([big])
      await uploader.whenIdle()
    } finally {
      memory = await commands.stopChromiumMemory()
    }

    const [file] = selectFiles(uploader.store.getState())
    expect(file!.error).toBeUndefined()
    expect(file!.status).toBe('done')
    expect(state.bytes).toBe(1024 * MiB)
    expect(state.maxLive).toBeLessThanOrEqual(3)
    expect(hasher.mode).toBe('worker')
    expect(memory.samples).toBeGreaterThan(10)
    // 3 parts of 8 MiB in flight and 2 being hashed, plus the workers, hash-wasm and the part
    // buffers the workers have read but not yet collected (up to ~250 MiB seen here): under half
    // the file, where an engine that reads ahead of what it sends, or keeps what it sent, grows
    // by the whole file.
    const grownMiB = (memory.peakBytes - memory.baselineBytes) / MiB
    expect(grownMiB).toBeLessThan(512)
  }, 120_000)

  it('resumes after a reload with no new pick: the kept File comes back from IndexedDB', async () => {
    const persistence: PersistenceOptions = { scope: 'user-1', databaseName: `uplink-kept-resume-${crypto.randomUUID()}`, keepFiles: true }
    const records = scopeStorage(persistence)
    const provider = recordingProvider({ minPartSize: 1, maxPartSize: MiB, maxParts: 100, maxFileSize: 100 * MiB, allowsEmptyFiles: true })
    const bytes = new Uint8Array(4 * MiB).map((_, i) => (i * 7) & 0xff)

    const first = countingTransport((url) => url.endsWith('/3'))
    const before = createUploader({ provider, transport: first.transport, partSize: MiB, concurrency: 1, persistence, retry: { attempts: 1 } })
    await before.addFiles([new File([bytes], 'kept.bin', { lastModified: 1_700_000_000_000 })])
    await before.whenIdle()
    before.dispose()
    expect((await records.listKept()).map((k) => [k.name, k.file?.size])).toEqual([['kept.bin', bytes.length]])

    // "After the reload": a new uploader, nothing picked, only restoreFiles().
    const second = countingTransport()
    const after = createUploader({ provider, transport: second.transport, partSize: MiB, persistence })
    disposers.push(() => after.dispose())
    const { ids } = await after.restoreFiles()
    expect(ids).toHaveLength(1)
    await after.whenIdle()
    expect(selectFiles(after.store.getState())[0]).toMatchObject({ name: 'kept.bin', status: 'done' })
    expect(second.state.sent.map((u) => u.split('/').pop()).sort()).toEqual(['3', '4'])
    // Forgotten once the upload ended (fire-and-forget: waited for, not slept on).
    await vi.waitFor(async () => expect(await records.listKept()).toEqual([]))
  })

  it('keeps a File System Access handle instead of the bytes, and signs out cleanly', async () => {
    const stamp = crypto.randomUUID()
    const persistence: PersistenceOptions = { scope: 'user-1', databaseName: `uplink-handles-${stamp}`, keepFiles: true, resume: false, maxKeptFileSize: 1 }
    const records = scopeStorage(persistence)
    const root = await navigator.storage.getDirectory()
    const handle = await root.getFileHandle(`handle-${stamp}.txt`, { create: true })
    const writable = await handle.createWritable()
    await writable.write('bytes behind a handle')
    await writable.close()

    const before = createUploader({ provider: recordingProvider(), autoStart: false, persistence })
    await before.addFiles([{ file: await handle.getFile(), name: handle.name, handle }])
    await vi.waitFor(async () => expect(await records.listKept()).toHaveLength(1))
    const [entry] = await records.listKept()
    expect(entry?.file).toBeUndefined() // over the byte cap, yet kept: a handle holds no bytes
    expect(entry?.handle?.name).toBe(handle.name)
    before.dispose()

    const after = createUploader({ provider: recordingProvider(), autoStart: false, persistence })
    disposers.push(() => after.dispose())
    const { ids } = await after.restoreFiles()
    expect(ids).toHaveLength(1)
    expect(await after.getFile(ids[0]!)?.text()).toBe('bytes behind a handle')
    expect((await after.restoreFiles()).ids).toEqual([]) // already there: not added twice

    await after.clearPersistence()
    expect(await records.listKept()).toEqual([])
    await root.removeEntry(handle.name)
  })
})

/** Every record of one object store of a scope's database, read straight from IndexedDB. */
function rawRecords(databaseName: string, storeName: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(databaseName)
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const request = open.result.transaction(storeName, 'readonly').objectStore(storeName).getAll()
      request.onsuccess = () => {
        open.result.close()
        resolve(request.result)
      }
      request.onerror = () => reject(request.error)
    }
  })
}
