import { createUploader, selectFiles, type Uploader } from '@uplink/core'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { emulatorClient } from '../contract/emulator-client'
import { randomBytes, sha256Hex } from '../contract/provider-contract'
import { useCleanEmulator } from '../contract/upload-once'
import { createBlaxelProvider } from './blaxel-provider'

// Blaxel-only behaviour: the sandbox's odd status codes (500 "upload not found" on a part,
// 500 "etag mismatch" at complete) must lead to a restart and a resync, not to a failure.
const emulatorUrl = inject('emulatorUrl')
const token = inject('emulatorToken')
const emulator = emulatorClient(emulatorUrl)
const MiB = 1024 * 1024
const PART = /^\/blaxel\/filesystem-multipart\/([^/]+)\/part$/

describe('Blaxel adapter: lost and differing sessions', () => {
  const uploaders: Uploader[] = []
  const start = (bytes: Uint8Array<ArrayBuffer>, name: string) => {
    const uploader = createUploader({
      provider: createBlaxelProvider({ baseUrl: `${emulatorUrl}/blaxel`, getToken: () => token, directory: '/tmp/sessions' }),
      partSize: 4 * MiB,
      concurrency: 1,
      persistence: false,
      singleRequestMaxSize: 0,
      retry: { baseDelayMs: 20, maxDelayMs: 200 },
    })
    uploaders.push(uploader)
    const added = uploader.addFiles([new File([bytes], name)])
    return {
      finished: added.then(async ({ ids }) => {
        await uploader.whenIdle()
        return selectFiles(uploader.store.getState()).find((f) => f.id === ids[0])!
      }),
    }
  }
  const expectStored = async (file: Awaited<ReturnType<typeof start>['finished']>, bytes: Uint8Array<ArrayBuffer>) => {
    expect(file.error).toBeUndefined()
    expect(file.status).toBe('done')
    expect(await emulator.inspect('blaxel', String(file.result!.key))).toEqual({ size: bytes.length, sha256: await sha256Hex(bytes) })
  }

  useCleanEmulator(emulator)
  afterEach(() => {
    for (const uploader of uploaders.splice(0)) uploader.dispose()
  })

  it('starts a new upload when the sandbox no longer knows the session (500 "upload not found")', async () => {
    // The second part waits on the server while the session is aborted behind the client's back.
    await emulator.setFaults([{ route: 'blaxel.part', latencyMs: 1000, skip: 1, times: 1 }])
    const bytes = randomBytes(3 * 4 * MiB + 11)
    const { finished } = start(bytes, 'lost.bin')
    let uploadId: string | undefined
    for (let i = 0; i < 100 && !uploadId; i++) {
      uploadId = (await emulator.log()).map((e) => PART.exec(e.path)?.[1]).find(Boolean)
      if (!uploadId) await new Promise((r) => setTimeout(r, 30))
    }
    expect(uploadId).toBeDefined()
    const aborted = await fetch(`${emulatorUrl}/blaxel/filesystem-multipart/${uploadId}/abort`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } })
    expect(aborted.status).toBe(200)

    await expectStored(await finished, bytes)
    const log = await emulator.log()
    expect(log.some((e) => PART.test(e.path) && e.status === 500)).toBe(true)
    expect(log.filter((e) => e.method === 'POST' && e.path.includes('/initiate/'))).toHaveLength(2)
  })

  it('lists the parts again when complete finds one different, and completes without resending', async () => {
    await emulator.setFaults([
      { route: 'blaxel.complete', status: 500, times: 1, body: JSON.stringify({ error: 'failed to complete upload: etag mismatch for part 2' }) },
    ])
    const bytes = randomBytes(2 * 4 * MiB + 3)
    const file = await start(bytes, 'resync.bin').finished
    await expectStored(file, bytes)
    const log = await emulator.log()
    const failed = log.findIndex((e) => e.path.endsWith('/complete') && e.status === 500)
    expect(failed).toBeGreaterThanOrEqual(0)
    expect(log.slice(failed).some((e) => e.method === 'GET' && e.path.endsWith('/parts') && e.status === 200)).toBe(true)
    expect(log.filter((e) => PART.test(e.path))).toHaveLength(file.partsTotal)
    expect(log.filter((e) => e.path.endsWith('/complete')).map((e) => e.status)).toEqual([500, 200])
  })
})
