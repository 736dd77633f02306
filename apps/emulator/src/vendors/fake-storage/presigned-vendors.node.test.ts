import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulatorApp } from '../../app'
import { createFaults } from '../../kit/faults'
import { createVendors } from '../index'
import { NO_EXPOSE_ETAG_ROUTE } from './fake-storage'

// The three presigned-URL vendors as the emulator mounts them, over a real socket (port 4751),
// with a browser-like Origin: vendor API with the token, storage PUT without, then inspection.
const PORT = 4751
const BASE = `http://127.0.0.1:${PORT}`
const TOKEN = 'integration-token'
const ORIGIN = 'http://127.0.0.1:4173'
let dataDir: string
let server: ServerType

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'uplink-presigned-'))
  const faults = createFaults([])
  const vendors = createVendors({ dataDir, faults, token: TOKEN, publicUrl: BASE })
  const app = createEmulatorApp({
    s3Endpoint: 'http://127.0.0.1:1',
    bucket: 'unused',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    faults,
    token: TOKEN,
    signerSecret: randomBytes(32).toString('hex'),
    vendors,
  })
  server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: PORT })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
})
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await rm(dataDir, { recursive: true, force: true })
})

const api = async <T = Record<string, string>>(method: string, url: string, body?: unknown): Promise<T> => {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', Origin: ORIGIN },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  expect(res.status, `${method} ${url}`).toBeLessThan(300)
  return (res.status === 204 ? {} : await res.json()) as T
}
const putPart = async (url: string, bytes: Uint8Array<ArrayBuffer>) => {
  const res = await fetch(url, { method: 'PUT', body: bytes, headers: { 'Content-Type': 'application/octet-stream', Origin: ORIGIN } })
  expect(res.status).toBeLessThan(300)
  expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN)
  return res
}
const inspect = async (vendor: string, key: string) => (await fetch(`${BASE}/__inspect/${vendor}?key=${encodeURIComponent(key)}`)).json()
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

describe('presigned-URL vendors inside the emulator app', () => {
  it('Drime: one-part upload, entries, /__inspect/drime?key=<clientName>', async () => {
    const bytes = randomBytes(300_000)
    const { key, uploadId } = await api('POST', '/drime/api/v1/s3/multipart/create', { filename: 'a.bin', mime: 'application/octet-stream', size: bytes.length, extension: 'bin' })
    const { urls } = await api<{ urls: Array<{ url: string }> }>('POST', '/drime/api/v1/s3/multipart/batch-sign-part-urls', { key, uploadId, partNumbers: [1] })
    const put = await putPart(urls[0]!.url, bytes)
    expect(put.headers.get('access-control-expose-headers')).toContain('ETag')
    await api('POST', '/drime/api/v1/s3/multipart/complete', { key, uploadId, parts: [{ PartNumber: 1, ETag: put.headers.get('etag') }] })
    await api('POST', '/drime/api/v1/s3/entries', { filename: key!.split('/').at(-1), size: bytes.length, clientName: 'a.bin', clientExtension: 'bin', relativePath: 'docs' })
    expect(await inspect('drime', 'docs/a.bin')).toMatchObject({ size: bytes.length, sha256: sha256(bytes) })
    expect(await inspect('storage', `drime/${key}`)).toMatchObject({ size: bytes.length, sha256: sha256(bytes) })
  })

  it('Archetype: one-part upload, /__inspect/archetype?key=<filename>', async () => {
    const bytes = randomBytes(200_000)
    const plan = await api<{ upload_id: string; parts: Array<{ url: string }> }>('POST', '/archetype/v0.5/files/uploads/initiate', {
      filename: 'b.csv',
      file_type: 'text/csv',
      num_bytes: bytes.length,
    })
    const part = plan.parts[0]!
    const put = await putPart(part.url, bytes)
    await api('POST', `/archetype/v0.5/files/uploads/${plan.upload_id}/complete`, { parts: [{ part_number: 1, part_token: put.headers.get('etag') }] })
    expect(await inspect('archetype', 'b.csv')).toMatchObject({ size: bytes.length, sha256: sha256(bytes) })
  })

  it('Gjirafa: one-part upload, /__inspect/gjirafa?key=<projectId>/<fileName>; the no-expose switch hides ETag', async () => {
    const bytes = randomBytes(100_000)
    const { result } = await api<{ result: { requestKey: string; presignedUrl: Array<{ presignedUrl: string }> } }>('POST', '/gjirafa/api/projects/p1a2b3c4/uploads/multipart', {
      partsNumber: 1,
      fileName: 'c.mp4',
      contentLength: String(bytes.length),
    })
    const { requestKey, presignedUrl } = result
    await api('PUT', '/__faults', [{ route: NO_EXPOSE_ETAG_ROUTE }])
    const hidden = await putPart(presignedUrl[0]!.presignedUrl, bytes)
    expect(hidden.headers.get('access-control-expose-headers')).not.toContain('ETag')
    await api('DELETE', '/__faults')
    await api('PUT', '/gjirafa/api/projects/p1a2b3c4/uploads/multipart-complete', { requestKey, parts: [{ partNumber: 1, eTag: hidden.headers.get('etag') }] })
    expect(await inspect('gjirafa', 'p1a2b3c4/c.mp4')).toMatchObject({ size: bytes.length, sha256: sha256(bytes) })
  })

  it('answers preflights: vendor APIs allow only Authorization and Content-Type; storage refuses Authorization', async () => {
    const preflight = (url: string, method: string, headers: string) =>
      fetch(`${BASE}${url}`, { method: 'OPTIONS', headers: { Origin: ORIGIN, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers } })
    for (const [url, method] of [
      ['/drime/api/v1/s3/multipart/create', 'POST'],
      ['/archetype/v0.5/files/uploads/initiate', 'POST'],
      ['/gjirafa/api/projects/p1a2b3c4/uploads/multipart-complete', 'PUT'],
    ] as const) {
      const res = await preflight(url, method, 'authorization,content-type')
      expect(res.status).toBe(204)
      expect(res.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type')
      expect(res.headers.get('access-control-allow-methods')).toContain(method)
    }
    const storage = '/storage/drime/uploads/x/x?partNumber=1&uploadId=u'
    expect((await preflight(storage, 'PUT', 'content-type,content-md5,x-amz-checksum-crc32c')).status).toBe(200)
    expect((await preflight(storage, 'PUT', 'authorization')).status).toBe(403)
    // As a client asking for JSON (rule 9); without Accept, Drime answers a 302 to its login page.
    const drime = await fetch(`${BASE}/drime/api/v1/s3/multipart/create`, { method: 'POST', headers: { Origin: ORIGIN, Accept: 'application/json' } })
    expect(drime.status).toBe(401)
    expect(drime.headers.get('access-control-allow-origin')).toBe('*')
    expect(drime.headers.get('access-control-expose-headers')).toContain('X-Ratelimit-Remaining')
  })
})
