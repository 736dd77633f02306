import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from './start-emulator'

const MiB = 1024 * 1024
let emulator: Awaited<ReturnType<typeof startEmulator>>
let dataDir: string

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'uplink-emulator-'))
  emulator = await startEmulator({
    host: '127.0.0.1',
    apiPort: 4611,
    s3Port: 4612,
    s3InternalPort: 4613,
    bucket: 'uploads',
    dataDir,
    s3Credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  })
})
afterAll(async () => {
  await emulator.close()
  await rm(dataDir, { recursive: true, force: true })
})

const api = async (method: string, url: string, body?: unknown) => {
  const response = await fetch(`${emulator.apiUrl}${url}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
  })
  return (await response.json()) as Record<string, unknown>
}
const md5 = (bytes: Uint8Array | string) => createHash('md5').update(bytes).digest('base64')

async function startUpload(name: string) {
  const { key, uploadId } = (await api('POST', '/s3/multipart', { filename: name, size: 6 * MiB })) as { key: string; uploadId: string }
  const sign = async (n: number) =>
    ((await api('GET', `/s3/multipart/${uploadId}/batch?key=${encodeURIComponent(key)}&partNumbers=${n}`)).presignedUrls as Record<string, string>)[n]!
  return { key, uploadId, sign }
}

describe('emulator S3', () => {
  it('refuses a part whose Content-MD5 does not match, with the S3 error and CORS headers', async () => {
    const upload = await startUpload('bad.bin')
    const put = await fetch(await upload.sign(1), {
      method: 'PUT',
      body: 'hello',
      headers: { 'Content-MD5': md5('HELLO'), Origin: 'http://127.0.0.1:4173' },
    })
    expect(put.status).toBe(400)
    expect(put.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4173')
    expect(await put.text()).toContain('<Code>BadDigest</Code>')
  })

  it('stores parts with a matching Content-MD5 and reports the object through inspection', async () => {
    const upload = await startUpload('good.bin')
    const parts = [new Uint8Array(5 * MiB).fill(3), new Uint8Array(MiB).fill(4)]
    const etags: string[] = []
    for (const [i, bytes] of parts.entries()) {
      const put = await fetch(await upload.sign(i + 1), { method: 'PUT', body: bytes, headers: { 'Content-MD5': md5(bytes) } })
      expect(put.status).toBe(200)
      etags.push(put.headers.get('etag')!)
    }
    const done = await api('POST', `/s3/multipart/${upload.uploadId}/complete?key=${encodeURIComponent(upload.key)}`, {
      parts: etags.map((ETag, i) => ({ PartNumber: i + 1, ETag })),
    })
    expect(done.key).toBe(upload.key)
    const inspected = await api('GET', `/__inspect/s3?key=${encodeURIComponent(upload.key)}`)
    const whole = createHash('sha256').update(parts[0]!).update(parts[1]!).digest('hex')
    expect(inspected).toMatchObject({ size: 6 * MiB, sha256: whole })
    const log = (await (await fetch(`${emulator.apiUrl}/__log`)).json()) as Array<{ path: string; parts?: number }>
    expect(log.find((e) => e.path.endsWith('/complete'))?.parts).toBe(2)
  })
})
