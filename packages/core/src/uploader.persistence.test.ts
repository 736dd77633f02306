import { describe, expect, it, vi } from 'vitest'
import { type PersistenceOptions, scopeStorage } from './persistence/persistence'
import { uploadKey } from './persistence/records'
import { plainHasher, recordingProvider, response, scriptedTransport } from './testing/fakes'
import { createUploader } from './uploader'

const file = () => new File([new Uint8Array(30)], 'a.bin', { lastModified: 1 })
const key = uploadKey('recording', { name: 'a.bin', size: 30, type: '', lastModified: 1 })

describe('resume records', () => {
  it('expire with the session when the snapshot says when it ends (URLs that cannot be renewed), else after maxAgeMs', async () => {
    const persistence: PersistenceOptions = { scope: 'u', storage: 'memory', databaseName: `expiry-${Date.now()}`, maxAgeMs: 60_000 }
    const records = scopeStorage(persistence)
    const { transport } = scriptedTransport((url) => (url.endsWith('/2') ? response(400) : response(200, { ETag: '"e"' })))
    const sessionEnd = Date.now() + 5_000
    const provider = { ...recordingProvider(), persistSession: (session: { id: string }) => ({ id: session.id, expiresAt: sessionEnd }) }
    const uploader = createUploader({ provider, transport, hasher: plainHasher, partSize: 10, concurrency: 1, retry: { attempts: 1 }, persistence })
    await uploader.addFiles([file()])
    await uploader.whenIdle()
    expect((await records.getUpload(key))?.session.expiresAt).toBe(sessionEnd)

    const lasting = { ...recordingProvider(), persistSession: (session: { id: string }) => ({ id: session.id }) }
    const second = createUploader({ provider: lasting, transport, hasher: plainHasher, partSize: 10, concurrency: 1, retry: { attempts: 1 }, persistence })
    const before = Date.now()
    await second.addFiles([file()])
    await second.whenIdle()
    const { expiresAt } = (await records.getUpload(key))!.session
    expect(expiresAt).toBeGreaterThanOrEqual(before + 60_000)
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 60_000)
  })

  it('past their expiry are deleted by a sweep, their parts and kept files with them', async () => {
    // (That an uploader sweeps on start is shown against real IndexedDB in uploader.browser.test.ts.)
    const records = scopeStorage({ scope: 'u', storage: 'memory', databaseName: `sweep-${Date.now()}` })
    const now = Date.now()
    await records.putSession({ key: 'old', provider: 'p', snapshot: {}, plan: [], createdAt: now - 10, expiresAt: now - 1 })
    await records.putPart({ key: 'old', number: 1, size: 1 })
    await records.putSession({ key: 'new', provider: 'p', snapshot: {}, plan: [], createdAt: now, expiresAt: now + 60_000 })
    await records.putPart({ key: 'new', number: 1, size: 1 })
    await records.putKept({ key: 'old', name: 'x', relativePath: undefined, keptAt: now - 10, expiresAt: now - 1, file: new File(['x'], 'x') })
    await records.sweep(now)
    await records.putSession({ key: 'old', provider: 'p', snapshot: {}, plan: [], createdAt: now, expiresAt: now + 60_000 })
    expect((await records.getUpload('old'))?.parts).toEqual([]) // its parts went with it
    expect((await records.getUpload('new'))?.parts).toHaveLength(1)
  })

  it('a cancelled or removed file forgets its resume record and its kept file; one left failed keeps them', async () => {
    const persistence: PersistenceOptions = { scope: 'u', storage: 'memory', databaseName: `forget-${Date.now()}`, keepFiles: true }
    const records = scopeStorage(persistence)
    // Part 1 of each file is stored; then cancelled.bin's part 2 hangs (it is still uploading
    // when cancelled) and the others' are refused for good (they fail with part 1 on record).
    const { transport } = scriptedTransport((url) =>
      url.endsWith('/1') ? response(200, { ETag: '"e"' }) : url.includes('cancelled') ? new Promise<never>(() => undefined) : response(400),
    )
    const make = () => createUploader({ provider: recordingProvider(), transport, hasher: plainHasher, partSize: 10, concurrency: 3, retry: { attempts: 1 }, persistence })
    const named = (name: string) => new File([new Uint8Array(30)], name, { lastModified: 1 })
    const keyOf = (name: string) => uploadKey('recording', { name, size: 30, type: '', lastModified: 1 })
    const uploader = make()
    const { ids } = await uploader.addFiles([named('cancelled.bin'), named('removed.bin'), named('kept.bin')])
    const settled = async () => {
      const statuses = ids.map((id) => uploader.store.getState().files[id]?.status)
      return statuses[0] === 'uploading' && statuses[1] === 'error' && statuses[2] === 'error' && (await records.getUpload(keyOf('cancelled.bin')))?.parts.length === 1
    }
    await vi.waitFor(async () => expect(await settled()).toBe(true))
    for (const name of ['cancelled.bin', 'removed.bin', 'kept.bin']) expect((await records.getUpload(keyOf(name)))?.parts).toHaveLength(1)
    expect((await records.listKept()).map((k) => k.name).sort()).toEqual(['cancelled.bin', 'kept.bin', 'removed.bin'])

    expect(uploader.cancel(ids[0]!)).toBe(true)
    uploader.remove(ids[1]!)
    await uploader.whenIdle()
    // Forgetting is fire-and-forget: waited for, not slept on.
    await vi.waitFor(async () => {
      expect(await records.getUpload(keyOf('cancelled.bin'))).toBeUndefined()
      expect(await records.getUpload(keyOf('removed.bin'))).toBeUndefined()
    })
    expect((await records.getUpload(keyOf('kept.bin')))?.parts).toHaveLength(1)
    expect((await records.listKept()).map((k) => k.name)).toEqual(['kept.bin'])
  })
})
