import { createUploader, selectFiles, type Uploader } from '@uplink/core'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { emulatorClient } from '../contract/emulator-client'
import { randomBytes } from '../contract/provider-contract'
import { useCleanEmulator } from '../contract/upload-once'
import { type CogniteProviderOptions, createCogniteProvider } from './cognite-provider'

// Cognite-only behaviour: the eventual `uploaded` flag, the opt-in delete-as-abort, and the clean
// start-over when URLs that cannot be renewed expire.
const emulatorUrl = inject('emulatorUrl')
const token = inject('emulatorToken')
const emulator = emulatorClient(emulatorUrl)
const MiB = 1024 * 1024
const api = `${emulatorUrl}/cognite/api/v1/projects/contract`
const readFile = (id: unknown) => fetch(`${api}/files/${String(id)}`, { headers: { Authorization: `Bearer ${token}` } })

describe('Cognite adapter: files', () => {
  const uploaders: Uploader[] = []
  const make = (options: Partial<CogniteProviderOptions> = {}) => {
    const uploader = createUploader({
      provider: createCogniteProvider({ baseUrl: api, getToken: () => token, ...options }),
      partSize: 6 * MiB,
      persistence: false,
      retry: { baseDelayMs: 20, maxDelayMs: 200 },
    })
    uploaders.push(uploader)
    return uploader
  }

  useCleanEmulator(emulator)
  afterEach(() => {
    for (const uploader of uploaders.splice(0)) uploader.dispose()
  })

  it('waits for `uploaded` to become true after completion and says so in the result', async () => {
    const uploader = make()
    const { ids } = await uploader.addFiles([new File([randomBytes(13 * MiB)], 'flag.bin')])
    await uploader.whenIdle()
    const file = selectFiles(uploader.store.getState()).find((f) => f.id === ids[0])!
    expect(file.status).toBe('done')
    expect(file.result?.uploaded).toBe(true)
    expect(((await (await readFile(file.result?.id)).json()) as { uploaded: boolean }).uploaded).toBe(true)
    // Polled after completion until the flag flipped (the emulator flips it ~1 s later).
    const log = await emulator.log()
    const completed = log.findIndex((e) => e.path.endsWith('/files/completemultipartupload') && e.status === 200)
    expect(log.slice(completed).filter((e) => e.method === 'GET' && /\/files\/\d+$/.test(e.path)).length).toBeGreaterThan(1)
  })

  it('with deleteFileOnAbort, cancelling deletes the file resource', async () => {
    await emulator.setFaults([{ route: 'cognite.part', latencyMs: 800 }])
    const externalId = `cancelled-${Date.now()}`
    const uploader = make({ deleteFileOnAbort: true, fileFields: () => ({ externalId }) })
    const { ids } = await uploader.addFiles([new File([randomBytes(13 * MiB)], 'deleted.bin')])
    for (let i = 0; i < 100 && !(await emulator.log()).some((e) => e.path.endsWith('/initmultipartupload')); i++) await new Promise((r) => setTimeout(r, 30))
    uploader.cancel(ids[0]!)
    await uploader.whenIdle()
    let deleted = false
    for (let i = 0; i < 50 && !deleted; i++) {
      deleted = (await emulator.log()).some((e) => e.path.endsWith('/files/delete') && e.status === 200)
      if (!deleted) await new Promise((r) => setTimeout(r, 50))
    }
    expect(deleted).toBe(true)
    const lookup = await fetch(`${api}/files/byids`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ items: [{ externalId }] }),
    })
    expect(lookup.status).toBe(400)
    expect(await lookup.text()).toMatch(/not found/i)
  })

  it('when its URLs expire, starts a new file and deletes the old one (nothing left but storage parts)', async () => {
    // The URLs of the first initiate live 1 s and its first part arrives after 2.1 s: refused.
    await emulator.setFaults([
      { route: 'cognite.part', urlTtlSeconds: 1, times: 1 },
      { route: 'cognite.part', latencyMs: 2100, times: 1 },
    ])
    const externalId = `restarted-${Date.now()}`
    const uploader = make({ waitForUploadedMs: 0, fileFields: () => ({ externalId }) })
    const { ids } = await uploader.addFiles([new File([randomBytes(13 * MiB)], 'restarted.bin')])
    await uploader.whenIdle()
    const file = selectFiles(uploader.store.getState()).find((f) => f.id === ids[0])!
    expect(file.status).toBe('done')
    const log = await emulator.log()
    expect(log.filter((e) => e.path.endsWith('/files/initmultipartupload') && e.status < 300)).toHaveLength(2)
    // The old file resource was deleted before the new one took its external id.
    expect(log.filter((e) => e.path.endsWith('/files/delete') && e.status === 200)).toHaveLength(1)
    const lookup = await fetch(`${api}/files/byids`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ items: [{ externalId }] }),
    })
    expect(((await lookup.json()) as { items: Array<{ id: number }> }).items.map((f) => f.id)).toEqual([file.result?.id])
  })

  it('a resume after its URLs expired deletes the old, never-completed file before a new one is started', async () => {
    const provider = createCogniteProvider({ baseUrl: api, getToken: () => token })
    const info = { name: 'resumed-late.bin', size: 7 * MiB, type: 'application/octet-stream', lastModified: 1_700_000_000_000 }
    const plan = [
      { number: 1, offset: 0, size: 6 * MiB },
      { number: 2, offset: 6 * MiB, size: MiB },
    ]
    const { session } = await provider.createUpload(info, plan, { signal: new AbortController().signal })
    expect((await readFile(session.id)).status).toBe(200)
    // What a reload finds a week later: the record of that upload, with URLs past their life.
    const snapshot = { ...(provider.persistSession!(session) as Record<string, unknown>), expiresAt: Date.now() + 1000 }
    const resumed = await provider.resumeUpload!({ snapshot, plan, receipts: [{ number: 1, size: 6 * MiB }] }, info, { signal: new AbortController().signal })
    expect(resumed).toBeNull()
    // Cognite answers an unknown id with 400 (missing) or 404.
    expect([400, 404]).toContain((await readFile(session.id)).status)
  })
})
