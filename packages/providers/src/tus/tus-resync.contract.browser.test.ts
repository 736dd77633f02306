import { createUploader, selectFiles, type Uploader, type UploaderOptions } from '@uplink/core'
import { scopeStorage, uploadKey } from '@uplink/core/internal'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { emulatorClient } from '../contract/emulator-client'
import { randomBytes, sha256Hex } from '../contract/provider-contract'
import { useCleanEmulator } from '../contract/upload-once'
import { createTusProvider } from './tus-provider'

// tus-only behaviour the shared suite does not reach: an offset conflict (409) resynced through
// HEAD, and a server that kept part of a broken PATCH, so the upload goes on from inside the
// part instead of sending those bytes again.
const emulatorUrl = inject('emulatorUrl')
const token = inject('emulatorToken')
const emulator = emulatorClient(emulatorUrl)
const MiB = 1024 * 1024

describe('tus adapter: offsets', () => {
  const uploaders: Uploader[] = []
  const upload = async (bytes: Uint8Array<ArrayBuffer>, name: string, options: Partial<UploaderOptions> = {}) => {
    const uploader = createUploader({
      provider: createTusProvider({ endpoint: `${emulatorUrl}/tus/files`, getToken: () => token }),
      partSize: 4 * MiB,
      persistence: false,
      singleRequestMaxSize: 0,
      retry: { baseDelayMs: 20, maxDelayMs: 200 },
      ...options,
    })
    uploaders.push(uploader)
    const { ids } = await uploader.addFiles([new File([bytes], name, { lastModified: 1_700_000_000_000 })])
    await uploader.whenIdle()
    return selectFiles(uploader.store.getState()).find((f) => f.id === ids[0])!
  }
  const expectStored = async (file: Awaited<ReturnType<typeof upload>>, bytes: Uint8Array<ArrayBuffer>) => {
    expect(file.error).toBeUndefined()
    expect(file.status).toBe('done')
    expect(await emulator.inspect('tus', String(file.result!.key))).toEqual({ size: bytes.length, sha256: await sha256Hex(bytes) })
  }

  useCleanEmulator(emulator)
  afterEach(() => {
    for (const uploader of uploaders.splice(0)) uploader.dispose()
  })

  it('answers a 409 by asking HEAD for the offset and going on from there', async () => {
    await emulator.setFaults([{ route: 'tus.patch', status: 409, skip: 1, times: 1, body: 'offset conflict (test)' }])
    const bytes = randomBytes(3 * 4 * MiB + 77)
    await expectStored(await upload(bytes, 'conflict.bin'), bytes)
    const log = (await emulator.log()).filter((e) => e.path.startsWith('/tus/files/'))
    const conflict = log.findIndex((e) => e.method === 'PATCH' && e.status === 409)
    expect(conflict).toBeGreaterThan(0)
    expect(log.slice(conflict).some((e) => e.method === 'HEAD' && e.status === 200)).toBe(true)
    // The upload was resynced, not started over: one creation only.
    expect((await emulator.log()).filter((e) => e.method === 'POST' && e.path === '/tus/files')).toHaveLength(1)
  })

  it('goes on from inside a part when the server kept part of a broken PATCH, sending those bytes only once', async () => {
    // The state a PATCH cut off mid-body leaves (tus.md §2.4): the server holds 5 MiB + 1234
    // bytes, the client's plan is 4 MiB parts and its receipts stop at 4 MiB.
    const bytes = randomBytes(3 * 4 * MiB + 5)
    const kept = 5 * MiB + 1234
    const created = await fetch(`${emulatorUrl}/tus/files`, {
      method: 'POST',
      headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': String(bytes.length), Authorization: `Bearer ${token}` },
    })
    const url = new URL(created.headers.get('Location')!, emulatorUrl).href
    const patched = await fetch(url, {
      method: 'PATCH',
      headers: { 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream', Authorization: `Bearer ${token}` },
      body: bytes.slice(0, kept),
    })
    expect(patched.headers.get('Upload-Offset')).toBe(String(kept))
    const file = new File([bytes], 'kept.bin', { lastModified: 1_700_000_000_000 })
    const info = { name: file.name, size: file.size, type: file.type, lastModified: file.lastModified }
    const persistence = { scope: 'tus-user', storage: 'memory' as const, databaseName: `tus-kept-${Date.now()}` }
    const records = scopeStorage(persistence)
    const key = uploadKey('tus', info)
    await records.putSession({
      key,
      provider: 'tus',
      snapshot: { url, length: bytes.length },
      plan: [0, 1, 2, 3].map((i) => ({ number: i + 1, offset: i * 4 * MiB, size: Math.min(4 * MiB, bytes.length - i * 4 * MiB) })),
      createdAt: Date.now(),
      expiresAt: Date.now() + 3600_000,
    })
    await records.putPart({ key, number: 1, size: 4 * MiB, token: String(4 * MiB) })
    await emulator.clearLog()

    const done = await upload(bytes, 'kept.bin', { persistence, concurrency: 1 })
    await expectStored(done, bytes)
    expect(done.result!.url).toBe(url)
    const log = await emulator.log()
    expect(log[0]).toMatchObject({ method: 'HEAD', status: 200 })
    // [5 MiB + 1234, 8 MiB), [8, 12 MiB), the last 5 bytes: no 409, nothing sent twice.
    expect(log.filter((e) => e.method === 'PATCH').map((e) => e.status)).toEqual([204, 204, 204])
  })

  it('resumes after a reload from the offset HEAD reports', async () => {
    const persistence = { scope: 'tus-user', storage: 'memory' as const, databaseName: `tus-reload-${Date.now()}` }
    await emulator.setFaults([{ route: 'tus.patch', status: 400, skip: 1, times: 1, body: 'refused by test' }])
    const bytes = randomBytes(3 * 4 * MiB + 9)
    const first = await upload(bytes, 'reload.bin', { persistence, concurrency: 1 })
    expect(first.status).toBe('error')
    await emulator.clearLog()
    await expectStored(await upload(bytes, 'reload.bin', { persistence }), bytes)
    const log = await emulator.log()
    expect(log[0]).toMatchObject({ method: 'HEAD', status: 200 })
    expect(log.filter((e) => e.method === 'PATCH' && e.status === 204)).toHaveLength(3)
    expect(log.some((e) => e.method === 'POST')).toBe(false)
  })
})
