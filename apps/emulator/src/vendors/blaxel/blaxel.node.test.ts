import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFaults } from '../../kit/faults'
import type { VendorModule } from '../../kit/vendor'
import { createBlaxel } from './index'

const MiB = 1024 * 1024
const TOKEN = 'blaxel-test-token'
const auth = { Authorization: `Bearer ${TOKEN}` }
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex')
const sha256 = (...chunks: Uint8Array[]) => chunks.reduce((h, c) => h.update(c), createHash('sha256')).digest('hex')

let dataDir: string
let faults: ReturnType<typeof createFaults>
let blaxel: VendorModule

const create = () => createBlaxel({ dataDir, faults, token: TOKEN, publicUrl: 'http://127.0.0.1:4700' })

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'uplink-blaxel-'))
  faults = createFaults([])
  blaxel = create()
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

/** A request against the module's own app, authorised unless told otherwise. */
async function call(method: string, url: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}) {
  const response = await blaxel.app.request(url, { method, ...(init.body === undefined ? {} : { body: init.body }), headers: { ...auth, ...init.headers } })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : null }
}
const form = (bytes: Uint8Array, field = 'file') => {
  const data = new FormData()
  data.append(field, new Blob([bytes as Uint8Array<ArrayBuffer>]), 'ignored-name')
  return data
}
async function initiate(rawPath: string, body?: unknown) {
  return call('POST', `/filesystem-multipart/initiate${rawPath}`, body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } })
}
async function startUpload(rawPath = '/%2Ftmp/file.bin') {
  const res = await initiate(rawPath)
  expect(res.status).toBe(200)
  return res.body as { uploadId: string; path: string }
}
const putPart = (id: string, n: number | string, bytes: Uint8Array) => call('PUT', `/filesystem-multipart/${id}/part?partNumber=${n}`, { body: form(bytes) })

describe('blaxel initiate paths', () => {
  it('answers a UUID v4 and resolves %2F as absolute, anything else against the working directory', async () => {
    const absolute = await initiate('/%2Ftmp/big.bin', { permissions: '0644' })
    expect(absolute.status).toBe(200)
    expect(absolute.body!.uploadId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(absolute.body!.path).toBe('/tmp/big.bin')
    expect((await initiate('/tmp/big.bin')).body!.path).toBe('/home/user/tmp/big.bin')
    expect((await initiate('/~/notes/a.txt')).body!.path).toBe('/root/notes/a.txt')
    expect((await initiate('/%2F%2Fdata//x//y.bin')).body!.path).toBe('/data/x/y.bin')
    expect((await initiate('/a%2Fb.bin')).body!.path).toBe('/a/b.bin')
  })

  it('refuses a path that climbs out of the sandbox, with 400 {error}', async () => {
    for (const raw of ['/..%2F..%2F..%2Fescape.bin', '/%2F..%2Fetc%2Fpasswd', '/~%2F..%2F..%2F..%2Fx']) {
      const res = await initiate(raw)
      expect(res.status, raw).toBe(400)
      expect(res.body).toEqual({ error: 'path is outside of the root directory' })
    }
    // Climbing that stays inside is fine.
    expect((await initiate('/%2Ftmp%2F..%2Fetc%2Fx.bin')).body!.path).toBe('/etc/x.bin')
  })

  it('ignores a malformed body but refuses a bad octal permissions string', async () => {
    const garbage = await call('POST', '/filesystem-multipart/initiate/%2Ftmp/x', { body: '{not json', headers: { 'Content-Type': 'application/json' } })
    expect(garbage.status).toBe(200)
    const bad = await initiate('/%2Ftmp/x', { permissions: '0999' })
    expect(bad.status).toBe(400)
    expect(bad.body!.error).toMatch(/^invalid permissions format/)
  })
})

describe('blaxel multipart flow', () => {
  it('runs the 12 MiB worked example byte-identically (5 + 5 + 2 MiB, parallel, out of order)', async () => {
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(2 * MiB)]
    const { uploadId, path: destination } = await startUpload('/%2Ftmp/video.bin')
    expect(destination).toBe('/tmp/video.bin')
    const answers = await Promise.all([3, 1, 2].map((n) => putPart(uploadId, n, parts[n - 1]!)))
    for (const res of answers) {
      const n = res.body!.partNumber as number
      expect(res.status).toBe(200)
      expect(res.body).toEqual({ partNumber: n, etag: md5(parts[n - 1]!), size: parts[n - 1]!.length })
    }
    const listed = await call('GET', `/filesystem-multipart/${uploadId}/parts`)
    expect(listed.status).toBe(200)
    expect((listed.body!.parts as Array<{ partNumber: number; uploadedAt: string }>).map((p) => p.partNumber)).toEqual([1, 2, 3])

    const done = await call('POST', `/filesystem-multipart/${uploadId}/complete`, {
      body: JSON.stringify({ parts: parts.map((bytes, i) => ({ partNumber: i + 1, etag: md5(bytes) })) }),
      headers: { 'Content-Type': 'application/json' },
    })
    expect(done.status).toBe(200)
    expect(done.body).toEqual({ path: '/tmp/video.bin', message: 'Multipart upload completed successfully' })
    expect(await blaxel.objects.inspect('/tmp/video.bin')).toMatchObject({ size: 12 * MiB, sha256: sha256(...parts) })
    expect((await stat(blaxel.objects.locate('tmp/video.bin'))).mode & 0o777).toBe(0o644)

    // The session is gone: a second complete is 404, a late part is 500.
    const again = await call('POST', `/filesystem-multipart/${uploadId}/complete`, { body: JSON.stringify({ parts: [{ partNumber: 1, etag: md5(parts[0]!) }] }) })
    expect(again).toMatchObject({ status: 404, body: { error: `upload not found: ${uploadId}` } })
  })

  it('overwrites a re-sent part, concatenates only listed parts sorted, repeats included', async () => {
    const { uploadId } = await startUpload('/%2Fout/mix.bin')
    const [a, b, c, a2] = ['aaaa', 'bbb', 'cc', 'AAAAA'].map((s) => new TextEncoder().encode(s)) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array]
    await putPart(uploadId, 1, a)
    await putPart(uploadId, 2, b)
    await putPart(uploadId, 3, c)
    const overwritten = await putPart(uploadId, 1, a2)
    expect(overwritten.body).toEqual({ partNumber: 1, etag: md5(a2), size: 5 })
    // Listed out of order, part 2 left out, part 3 twice.
    const done = await call('POST', `/filesystem-multipart/${uploadId}/complete`, {
      body: JSON.stringify({ parts: [{ partNumber: 3, etag: md5(c) }, { partNumber: 1, etag: md5(a2) }, { partNumber: 3, etag: md5(c) }] }),
    })
    expect(done.status).toBe(200)
    expect(await blaxel.objects.inspect('out/mix.bin')).toMatchObject({ size: 9, sha256: sha256(a2, c, c) })
  })

  it('answers every listed error with its status and {error} body', async () => {
    const { uploadId } = await startUpload()
    const unknown = '00000000-0000-4000-8000-000000000000'
    const bytes = new TextEncoder().encode('hello')

    expect(await call('PUT', `/filesystem-multipart/${uploadId}/part`, { body: form(bytes) })).toMatchObject({ status: 400, body: { error: 'partNumber is required' } })
    expect(await putPart(uploadId, 'one', bytes)).toMatchObject({ status: 400, body: { error: 'invalid partNumber: one' } })
    expect(await putPart(uploadId, 0, bytes)).toMatchObject({ status: 500, body: { error: 'failed to upload part: part number must be between 1 and 10000' } })
    expect(await putPart(uploadId, 10001, bytes)).toMatchObject({ status: 500 })
    // Range is checked before the upload id.
    expect(await putPart(unknown, 10001, bytes)).toMatchObject({ status: 500, body: { error: 'failed to upload part: part number must be between 1 and 10000' } })
    expect(await putPart(unknown, 1, bytes)).toMatchObject({ status: 500, body: { error: `failed to upload part: upload not found: ${unknown}` } })
    expect(await putPart('not-a-uuid', 1, bytes)).toMatchObject({ status: 500 })

    const raw = await call('PUT', `/filesystem-multipart/${uploadId}/part?partNumber=1`, { body: bytes, headers: { 'Content-Type': 'application/octet-stream' } })
    expect(raw.status).toBe(400)
    expect(raw.body!.error).toMatch(/^error reading multipart data: /)
    expect(await call('PUT', `/filesystem-multipart/${uploadId}/part?partNumber=1`, { body: form(bytes, 'blob') })).toMatchObject({
      status: 400,
      body: { error: "missing 'file' field in multipart form" },
    })

    expect(await call('GET', `/filesystem-multipart/${unknown}/parts`)).toMatchObject({ status: 404, body: { error: `upload not found: ${unknown}` } })
    expect(await call('POST', `/filesystem-multipart/${unknown}/complete`, { body: '{"parts":[{"partNumber":1,"etag":"x"}]}' })).toMatchObject({ status: 404 })
    expect(await call('DELETE', `/filesystem-multipart/${unknown}/abort`)).toMatchObject({ status: 404, body: { error: `upload not found: ${unknown}` } })

    const part = await putPart(uploadId, 1, bytes)
    const complete = (body: string) => call('POST', `/filesystem-multipart/${uploadId}/complete`, { body })
    expect(await complete('{"parts":[]}')).toMatchObject({ status: 400, body: { error: 'at least one part is required' } })
    expect((await complete('{oops')).status).toBe(400)
    expect(await complete('{"parts":[{"partNumber":2,"etag":"x"}]}')).toMatchObject({ status: 500, body: { error: 'failed to complete upload: part 2 not found' } })
    // Quoted etag: compared byte for byte, so a mismatch.
    expect(await complete(JSON.stringify({ parts: [{ partNumber: 1, etag: `"${part.body!.etag as string}"` }] }))).toMatchObject({
      status: 500,
      body: { error: 'failed to complete upload: etag mismatch for part 1' },
    })
    expect(await complete(JSON.stringify({ parts: [{ partNumber: 1, etag: (part.body!.etag as string).toUpperCase() }] }))).toMatchObject({ status: 500 })
  })

  it('aborts a session and then treats its id as unknown', async () => {
    const { uploadId } = await startUpload()
    await putPart(uploadId, 1, new Uint8Array([1, 2, 3]))
    expect(await call('DELETE', `/filesystem-multipart/${uploadId}/abort`)).toEqual(
      expect.objectContaining({ status: 200, body: { path: '', message: 'Multipart upload aborted successfully' } }),
    )
    expect((await call('GET', `/filesystem-multipart/${uploadId}/parts`)).status).toBe(404)
    expect((await putPart(uploadId, 1, new Uint8Array([1]))).status).toBe(500)
  })

  it('lists sessions with decimal permissions and parts keyed by number', async () => {
    const { uploadId } = await startUpload('/%2Fsrv/list.bin')
    await call('POST', '/filesystem-multipart/initiate/%2Fsrv/other.bin', { body: '{"permissions":"0600"}' })
    const bytes = new Uint8Array(10).fill(7)
    await putPart(uploadId, 2, bytes)
    const listed = await call('GET', '/filesystem-multipart')
    const uploads = listed.body!.uploads as Array<{ uploadId: string; path: string; permissions: number; parts: Record<string, unknown> }>
    expect(uploads).toHaveLength(2)
    const mine = uploads.find((u) => u.uploadId === uploadId)!
    expect(mine).toMatchObject({ path: '/srv/list.bin', permissions: 420, parts: { '2': { partNumber: 2, etag: md5(bytes), size: 10 } } })
    expect(uploads.find((u) => u.path === '/srv/other.bin')!.permissions).toBe(0o600)
  })
})

describe('blaxel transport rules', () => {
  it('answers 401 {error} without the bearer token, and does not take X-Blaxel-Authorization', async () => {
    const none = await blaxel.app.request('/filesystem-multipart/initiate/%2Ftmp/x', { method: 'POST' })
    expect(none.status).toBe(401)
    expect(Object.keys((await none.json()) as object)).toEqual(['error'])
    const custom = await blaxel.app.request('/filesystem-multipart', { headers: { 'X-Blaxel-Authorization': `Bearer ${TOKEN}` } })
    expect(custom.status).toBe(401)
  })

  it('sends the sandbox CORS headers on every response and answers OPTIONS 204', async () => {
    const preflight = await blaxel.app.request('/filesystem-multipart/x/part', { method: 'OPTIONS', headers: { Origin: 'http://127.0.0.1:4173' } })
    expect(preflight.status).toBe(204)
    expect(await preflight.text()).toBe('')
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Content-Type, Authorization')
    const denied = await blaxel.app.request('/filesystem-multipart')
    expect(denied.headers.get('access-control-allow-origin')).toBe('*')
    expect(denied.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, DELETE, HEAD, OPTIONS')
  })

  it('answers HEAD on the list and parts routes 200 whatever the id', async () => {
    expect((await call('HEAD', '/filesystem-multipart')).status).toBe(200)
    expect((await call('HEAD', '/filesystem-multipart/00000000-0000-4000-8000-000000000000/parts')).status).toBe(200)
  })

  it('injects faults per route', async () => {
    const { uploadId } = await startUpload()
    faults.set([{ route: 'blaxel.part', status: 503, times: 1 }])
    expect((await putPart(uploadId, 1, new Uint8Array([1]))).status).toBe(503)
    expect((await putPart(uploadId, 1, new Uint8Array([1]))).status).toBe(200)
  })
})

describe('blaxel over HTTP', () => {
  let server: ServerType | undefined
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
    server = undefined
  })
  const listen = async (module: VendorModule, port: number) => {
    server = serve({ fetch: module.app.fetch, hostname: '127.0.0.1', port })
    await new Promise((resolve) => server!.once('listening', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  it('keeps sessions across an emulator restart and completes the 12 MiB example afterwards', async () => {
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(2 * MiB)]
    let base = await listen(blaxel, 4701)
    const started = (await (await fetch(`${base}/filesystem-multipart/initiate/%2Ftmp/restart.bin`, { method: 'POST', headers: auth })).json()) as { uploadId: string }
    for (const n of [1, 2]) {
      const res = await fetch(`${base}/filesystem-multipart/${started.uploadId}/part?partNumber=${n}`, { method: 'PUT', headers: auth, body: form(parts[n - 1]!) })
      expect(res.status).toBe(200)
    }

    // Restart: a new module over the same data folder, behind a new server (on another port,
    // so no kept-alive socket to the old one is reused).
    await new Promise((resolve) => server!.close(resolve))
    blaxel = create()
    base = await listen(blaxel, 4702)
    const listed = (await (await fetch(`${base}/filesystem-multipart/${started.uploadId}/parts`, { headers: auth })).json()) as { parts: Array<{ partNumber: number; etag: string }> }
    expect(listed.parts.map((p) => [p.partNumber, p.etag])).toEqual([
      [1, md5(parts[0]!)],
      [2, md5(parts[1]!)],
    ])
    const third = await fetch(`${base}/filesystem-multipart/${started.uploadId}/part?partNumber=3`, { method: 'PUT', headers: auth, body: form(parts[2]!) })
    expect(third.status).toBe(200)
    const done = await fetch(`${base}/filesystem-multipart/${started.uploadId}/complete`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ parts: parts.map((bytes, i) => ({ partNumber: i + 1, etag: md5(bytes) })) }),
    })
    expect(done.status).toBe(200)
    expect(await blaxel.objects.inspect('tmp/restart.bin')).toMatchObject({ size: 12 * MiB, sha256: sha256(...parts) })
  })
})

describe('blaxel mounted under its name', () => {
  it('serves under /blaxel and reports finished files by destination path', async () => {
    // Mounted the way the emulator app mounts vendors; /__inspect/<vendor> answers objects.inspect(key).
    const emulator = new Hono().route('/blaxel', blaxel.app)
    const bytes = randomBytes(1000)
    const started = (await (await emulator.request('/blaxel/filesystem-multipart/initiate/%2Fsrv/mounted.bin', { method: 'POST', headers: auth })).json()) as { uploadId: string }
    const part = await emulator.request(`/blaxel/filesystem-multipart/${started.uploadId}/part?partNumber=1`, { method: 'PUT', headers: auth, body: form(bytes) })
    const { etag } = (await part.json()) as { etag: string }
    const done = await emulator.request(`/blaxel/filesystem-multipart/${started.uploadId}/complete`, { method: 'POST', headers: auth, body: JSON.stringify({ parts: [{ partNumber: 1, etag }] }) })
    expect(done.status).toBe(200)
    expect(await blaxel.objects.inspect('/srv/mounted.bin')).toMatchObject({ size: 1000, sha256: sha256(bytes) })
  })
})
