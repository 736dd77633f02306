import type { PersistenceOptions, UploadFileState } from '@uplink/core'
import { describe, expect, inject, it } from 'vitest'
import { emulatorClient } from '../contract/emulator-client'
import { randomBytes, sha256Hex } from '../contract/provider-contract'
import { uploadOnce, useCleanEmulator } from '../contract/upload-once'
import { createGjirafaProvider } from './gjirafa-provider'

const emulatorUrl = inject('emulatorUrl')
const token = inject('emulatorToken')
const emulator = emulatorClient(emulatorUrl)
const MiB = 1024 * 1024
const projects = '/gjirafa/api/projects/p1a2b3c4'

const upload = (file: File, persistence: PersistenceOptions | false = false, singleRequestMaxSize?: number): Promise<UploadFileState> =>
  uploadOnce(
    {
      provider: createGjirafaProvider({ baseUrl: `${emulatorUrl}/gjirafa`, projectId: 'p1a2b3c4', getToken: () => token }),
      partSize: 5 * MiB,
      concurrency: 1,
      persistence,
      ...(singleRequestMaxSize === undefined ? {} : { singleRequestMaxSize }),
    },
    file,
  )

describe('Gjirafa adapter: what is particular to Gjirafa', () => {
  useCleanEmulator(emulator)

  it('rides out the HTML "Backend fetch failed" 503 at initiate', async () => {
    const html = '<!DOCTYPE html><html><body><h1>Error 503 Backend fetch failed</h1></body></html>'
    await emulator.setFaults([{ route: 'gjirafa.initiate', status: 503, body: html, contentType: 'text/html', times: 2 }])
    const bytes = randomBytes(6 * MiB)
    const file = await upload(new File([bytes], 'intro.mp4', { type: 'video/mp4' }), false, 0)
    expect(file.error).toBeUndefined()
    expect((await emulator.log()).filter((e) => e.path === `${projects}/uploads/multipart`).map((e) => e.status)).toEqual([503, 503, 200])
    expect(await emulator.inspect('gjirafa', 'p1a2b3c4/intro.mp4')).toEqual({ size: bytes.length, sha256: await sha256Hex(bytes) })
  })

  it('resumes with multipart-resume and the ETags it kept, without a new initiate', async () => {
    const persistence = { scope: 'gjirafa-user', storage: 'memory' as const, databaseName: `gjirafa-resume-${Date.now()}` }
    const bytes = randomBytes(3 * 5 * MiB + 9)
    const input = new File([bytes], 'resumed.mp4', { type: 'video/mp4', lastModified: 1_700_000_000_000 })
    await emulator.setFaults([{ route: 'storage.put', status: 400, skip: 1, times: 1, body: 'refused by test' }])
    expect((await upload(input, persistence)).status).toBe('error')
    await emulator.clearLog()
    const file = await upload(input, persistence)
    expect(file.error).toBeUndefined()
    const log = await emulator.log()
    expect(log.some((e) => e.path === `${projects}/uploads/multipart`)).toBe(false)
    expect(log.filter((e) => e.path === `${projects}/uploads/multipart-resume`)).toHaveLength(1)
    expect(log.filter((e) => e.path.startsWith('/storage/gjirafa/') && e.status === 200)).toHaveLength(3)
    expect(log.filter((e) => e.path === `${projects}/uploads/multipart-complete`)).toEqual([expect.objectContaining({ method: 'PUT', status: 200, parts: 4 })])
    expect(await emulator.inspect('gjirafa', 'p1a2b3c4/resumed.mp4')).toEqual({ size: bytes.length, sha256: await sha256Hex(bytes) })
  })

  it('sends a small file by simple upload, and a hidden ETag does not matter there', async () => {
    await emulator.setFaults([{ route: 'storage.no-expose-etag' }])
    const bytes = randomBytes(2048)
    const file = await upload(new File([bytes], 'small.mp4', { type: 'video/mp4' }))
    expect(file.error).toBeUndefined()
    expect(file.result).toMatchObject({ requestKey: expect.stringMatching(/^rk_/), uploadId: undefined })
    const log = await emulator.log()
    expect(log.map((e) => `${e.method} ${e.path.startsWith('/storage/gjirafa/') ? '/storage/gjirafa/…' : e.path}`)).toEqual([
      `POST ${projects}/uploads/url`,
      'PUT /storage/gjirafa/…',
    ])
    expect(await emulator.inspect('gjirafa', 'p1a2b3c4/small.mp4')).toEqual({ size: 2048, sha256: await sha256Hex(bytes) })
  })

  it('fails with etag-not-exposed when the bucket hides the ETag from a multipart upload', async () => {
    await emulator.setFaults([{ route: 'storage.no-expose-etag' }])
    const file = await upload(new File([randomBytes(2048)], 'hidden-etag.mp4', { type: 'video/mp4' }), false, 0)
    expect(file.status).toBe('error')
    expect(file.error?.code).toBe('etag-not-exposed')
    expect((await emulator.log()).some((e) => e.path.endsWith('/multipart-complete'))).toBe(false)
  })
})
