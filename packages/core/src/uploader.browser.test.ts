import { afterEach, describe, expect, it } from 'vitest'
import { commands } from 'vitest/browser'
import { createWorkerPool } from './hashing/worker-pool'
import { createIndexedDbResumeStore } from './persistence/indexeddb-resume-store'
import { createKeptFiles } from './persistence/kept-files'
import { fileFingerprint } from './persistence/resume-store'
import { selectFiles } from './store/selectors'
import { recordingProvider, response } from './testing/fakes'
import type { Transport } from './transport/transport'
import { createUploader } from './uploader'

// Real Chromium: real module workers, real IndexedDB, real Blobs. Only the network is replaced
// (the contract suite covers real servers).
const MiB = 1024 * 1024
const disposers: Array<() => void> = []
afterEach(() => disposers.splice(0).forEach((d) => d()))

function countingTransport(fail?: (url: string) => boolean) {
  const state = { live: 0, maxLive: 0, sent: [] as string[], bytes: 0 }
  const transport: Transport = async (request, body, { onProgress }) => {
    state.live++
    state.maxLive = Math.max(state.maxLive, state.live)
    try {
      await new Promise((r) => setTimeout(r, 2))
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

describe('uploader in Chromium', () => {
  it('resumes from IndexedDB after a "reload", sending only the parts the server lacks', async () => {
    const persistence = createIndexedDbResumeStore({ databaseName: `uplink-test-${Date.now()}` })
    await persistence.clear()
    const provider = recordingProvider({ minPartSize: 1, maxPartSize: MiB, maxParts: 100, maxFileSize: 100 * MiB, allowsEmptyFiles: true })
    const bytes = new Uint8Array(5 * MiB).map((_, i) => i & 0xff)
    const file = () => new File([bytes], 'resume.bin', { type: 'application/octet-stream', lastModified: 1_700_000_000_000 })

    const first = countingTransport((url) => url.endsWith('/4'))
    const before = createUploader({ provider, transport: first.transport, partSize: MiB, concurrency: 1, persistence, retry: { attempts: 1 } })
    await before.addFiles([file()])
    await before.whenIdle()
    expect(selectFiles(before.store.getState())[0]!.status).toBe('error')
    before.dispose()
    const fingerprint = fileFingerprint('recording', { name: 'resume.bin', size: bytes.length, type: 'application/octet-stream', lastModified: 1_700_000_000_000 })
    const stored = await persistence.get(fingerprint)
    expect(stored?.receipts.map((r) => r.number)).toEqual([1, 2, 3])
    expect(JSON.stringify(stored)).not.toMatch(/https?:/) // no URLs kept

    const second = countingTransport()
    const after = createUploader({ provider, transport: second.transport, partSize: MiB, persistence })
    disposers.push(() => after.dispose())
    await after.addFiles([file()])
    await after.whenIdle()
    expect(selectFiles(after.store.getState())[0]!.status).toBe('done')
    expect(second.state.sent.map((u) => u.split('/').pop()).sort()).toEqual(['4', '5'])
    expect(await persistence.get(fingerprint)).toBeUndefined()

    await persistence.put({ fingerprint: 'x', provider: 'p', snapshot: {}, plan: [], receipts: [], updatedAt: Date.now() })
    await after.clearStoredUploads()
    expect(await persistence.get('x')).toBeUndefined()
  })

  it('drops records older than their expiry', async () => {
    const persistence = createIndexedDbResumeStore({ databaseName: `uplink-expiry-${Date.now()}`, maxAgeMs: 1000 })
    await persistence.put({ fingerprint: 'old', provider: 'p', snapshot: {}, plan: [], receipts: [], updatedAt: Date.now() - 5000 })
    await persistence.put({ fingerprint: 'new', provider: 'p', snapshot: {}, plan: [], receipts: [], updatedAt: Date.now() })
    expect(await persistence.get('old')).toBeUndefined()
    expect(await persistence.get('new')).toBeDefined()
  })

  it('cancelling every file forgets all their records and kept files in one go', async () => {
    const suffix = Date.now()
    const persistence = createIndexedDbResumeStore({ databaseName: `uplink-cancel-${suffix}` })
    const keepFiles = createKeptFiles({ databaseName: `uplink-cancel-kept-${suffix}` })
    const provider = recordingProvider({ minPartSize: 1, maxPartSize: MiB, maxParts: 100, maxFileSize: 100 * MiB, allowsEmptyFiles: true })
    // A transport that never answers: every file stays queued or uploading until cancelled.
    const transport: Transport = (_request, _body, { signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
    const uploader = createUploader({ provider, transport, persistence, keepFiles, concurrency: 2 })
    disposers.push(() => uploader.dispose())
    const files = Array.from({ length: 300 }, (_, i) => new File([new Uint8Array(10).fill(i % 256)], `c${i}.bin`, { lastModified: 1_700_000_000_000 }))
    const fingerprints = files.map((f) => fileFingerprint(provider.name, { name: f.name, size: f.size, type: f.type, lastModified: f.lastModified }))
    await persistence.put({ fingerprint: fingerprints[299]!, provider: provider.name, snapshot: { id: 'old' }, plan: [], receipts: [], updatedAt: Date.now() })
    await uploader.addFiles(files)
    await expect.poll(async () => (await keepFiles.list()).length).toBe(300)
    uploader.cancel()
    await expect.poll(async () => (await keepFiles.list()).length).toBe(0)
    // The never-started file's old record, and those of the files that were running.
    expect(await Promise.all(fingerprints.map((f) => persistence.get(f)))).toEqual(fingerprints.map(() => undefined))
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
    const stamp = Date.now()
    const persistence = createIndexedDbResumeStore({ databaseName: `uplink-kept-resume-${stamp}` })
    const keepFiles = createKeptFiles({ databaseName: `uplink-kept-${stamp}` })
    const provider = recordingProvider({ minPartSize: 1, maxPartSize: MiB, maxParts: 100, maxFileSize: 100 * MiB, allowsEmptyFiles: true })
    const bytes = new Uint8Array(4 * MiB).map((_, i) => (i * 7) & 0xff)

    const first = countingTransport((url) => url.endsWith('/3'))
    const before = createUploader({ provider, transport: first.transport, partSize: MiB, concurrency: 1, persistence, keepFiles, retry: { attempts: 1 } })
    await before.addFiles([new File([bytes], 'kept.bin', { lastModified: 1_700_000_000_000 })])
    await before.whenIdle()
    before.dispose()
    expect((await keepFiles.list()).map((k) => [k.name, k.file?.size])).toEqual([['kept.bin', bytes.length]])

    // "After the reload": a new uploader, nothing picked, only restoreFiles().
    const second = countingTransport()
    const after = createUploader({ provider, transport: second.transport, partSize: MiB, persistence, keepFiles })
    disposers.push(() => after.dispose())
    const { ids } = await after.restoreFiles()
    expect(ids).toHaveLength(1)
    await after.whenIdle()
    expect(selectFiles(after.store.getState())[0]).toMatchObject({ name: 'kept.bin', status: 'done' })
    expect(second.state.sent.map((u) => u.split('/').pop()).sort()).toEqual(['3', '4'])
    await new Promise((r) => setTimeout(r, 50))
    expect(await keepFiles.list()).toEqual([]) // forgotten once the upload ended
  })

  it('keeps a File System Access handle instead of the bytes, and signs out cleanly', async () => {
    const stamp = Date.now()
    const keepFiles = createKeptFiles({ databaseName: `uplink-handles-${stamp}`, maxFileSize: 1 })
    const root = await navigator.storage.getDirectory()
    const handle = await root.getFileHandle(`handle-${stamp}.txt`, { create: true })
    const writable = await handle.createWritable()
    await writable.write('bytes behind a handle')
    await writable.close()

    const before = createUploader({ provider: recordingProvider(), autoStart: false, persistence: false, keepFiles })
    await before.addFiles([{ file: await handle.getFile(), name: handle.name, handle }])
    await new Promise((r) => setTimeout(r, 50))
    const [entry] = await keepFiles.list()
    expect(entry?.file).toBeUndefined() // over the byte cap, yet kept: a handle holds no bytes
    expect(entry?.handle?.name).toBe(handle.name)
    before.dispose()

    const after = createUploader({ provider: recordingProvider(), autoStart: false, persistence: false, keepFiles })
    disposers.push(() => after.dispose())
    const { ids } = await after.restoreFiles()
    expect(ids).toHaveLength(1)
    expect(await after.getFile(ids[0]!)?.text()).toBe('bytes behind a handle')
    expect((await after.restoreFiles()).ids).toEqual([]) // already there: not added twice

    await after.clearStoredUploads()
    expect(await keepFiles.list()).toEqual([])
    await root.removeEntry(handle.name)
  })
})
