import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Hono } from 'hono'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFaults } from '../../kit/faults'
import type { VendorModule } from '../../kit/vendor'
import { createCognite, type CogniteOptions } from './index'

const MiB = 1024 * 1024
const TOKEN = 'cognite-test-token'
const PUBLIC = 'http://127.0.0.1:4710'
const API = '/api/v1/projects/acme'
const sha256 = (...chunks: Uint8Array[]) => chunks.reduce((h, c) => h.update(c), createHash('sha256')).digest('hex')

let dataDir: string
let faults: ReturnType<typeof createFaults>
let cognite: VendorModule

const create = (options: CogniteOptions = { uploadedDelayMs: 150 }) => createCognite({ dataDir, faults, token: TOKEN, publicUrl: PUBLIC }, options)

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'uplink-cognite-'))
  faults = createFaults([])
  cognite = create()
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

type Json = Record<string, unknown>
async function api(method: string, url: string, body?: unknown, headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }) {
  const response = await cognite.app.request(`${API}${url}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json }
}
/** PUT to an upload URL the API handed out (it points at this module, under /cognite). */
async function putPart(url: string, bytes: Uint8Array, headers: Record<string, string> = {}) {
  expect(url.startsWith(`${PUBLIC}/cognite/storage/`)).toBe(true)
  const response = await cognite.app.request(url.slice(`${PUBLIC}/cognite`.length), {
    method: 'PUT',
    body: bytes as Uint8Array<ArrayBuffer>,
    headers: { 'Content-Length': String(bytes.length), ...headers },
  })
  return { status: response.status, text: await response.text() }
}
async function initiate(parts: number, metadata: Json = { name: 'scan.bin' }, query = '') {
  const res = await api('POST', `/files/initmultipartupload?parts=${parts}${query}`, metadata)
  return res as { status: number; headers: Headers; body: Json & { id: number; uploadId: string; uploadUrls: string[] } }
}
const errorOf = (res: { body: Json }) => res.body.error as { code: number; message: string; missing?: unknown[]; duplicated?: unknown[] }

describe('cognite multipart upload', () => {
  it('runs the 12 MiB worked example (2 × 6 MiB) byte-identically, and flips uploaded only later', async () => {
    const parts = [randomBytes(6 * MiB), randomBytes(6 * MiB)]
    const init = await initiate(2, { name: 'scan.bin', externalId: 'scan-2024-001', mimeType: 'application/octet-stream' }, '&overwrite=false')
    expect(init.status).toBe(201)
    expect(init.body).toMatchObject({ name: 'scan.bin', externalId: 'scan-2024-001', uploaded: false })
    expect(init.body.items).toBeUndefined()
    expect(typeof init.body.uploadId).toBe('string')
    expect(init.body.uploadUrls).toHaveLength(2)
    expect(new Set(init.body.uploadUrls).size).toBe(2)
    expect(init.headers.get('x-request-id')).toBeTruthy()

    // Parts by array index, in parallel, reverse order; the store answers 200 or 201.
    const puts = await Promise.all([1, 0].map((i) => putPart(init.body.uploadUrls[i]!, parts[i]!)))
    expect(puts.map((p) => p.status).sort()).toEqual([200, 201])

    const done = await api('POST', '/files/completemultipartupload', { id: init.body.id, uploadId: init.body.uploadId })
    expect(done).toMatchObject({ status: 200, body: {} })
    // Checked first thing after complete: the flag flips after uploadedDelayMs, whatever the load.
    expect((await api('GET', `/files/${init.body.id}`)).body.uploaded).toBe(false)
    expect(await cognite.objects.inspect(String(init.body.id))).toMatchObject({ size: 12 * MiB, sha256: sha256(...parts) })

    let later = await api('GET', `/files/${init.body.id}`)
    for (let i = 0; i < 50 && later.body.uploaded !== true; i++) {
      await new Promise((r) => setTimeout(r, 100))
      later = await api('GET', `/files/${init.body.id}`)
    }
    expect(later.body).toMatchObject({ id: init.body.id, uploaded: true })
    expect(typeof later.body.uploadedTime).toBe('number')
    const byIds = await api('POST', '/files/byids', { items: [{ externalId: 'scan-2024-001' }] })
    expect((byIds.body.items as Json[])[0]).toMatchObject({ id: init.body.id, uploaded: true })
  })

  it('overwrites a re-sent part and completes by externalId', async () => {
    const init = await initiate(2, { name: 'b.bin', externalId: 'b' })
    const first = randomBytes(5 * MiB + 1)
    await putPart(init.body.uploadUrls[0]!, randomBytes(5 * MiB + 1))
    await putPart(init.body.uploadUrls[0]!, first)
    await putPart(init.body.uploadUrls[1]!, new Uint8Array(0))
    expect((await api('POST', '/files/completemultipartupload', { externalId: 'b', uploadId: init.body.uploadId })).status).toBe(200)
    expect(await cognite.objects.inspect(String(init.body.id))).toMatchObject({ size: first.length, sha256: sha256(first) })
  })

  it('validates initmultipartupload: parts 1..250, name and field limits, unknown fields, flat or items', async () => {
    for (const query of ['', '?parts=0', '?parts=251', '?parts=two']) {
      const res = await api('POST', `/files/initmultipartupload${query}`, { name: 'x' })
      expect(res.status, query).toBe(400)
      expect(errorOf(res)).toMatchObject({ code: 400 })
      expect(errorOf(res).message).toMatch(/parts/)
    }
    expect((await initiate(250)).body.uploadUrls).toHaveLength(250)
    for (const bad of [{}, { name: '' }, { name: 'x'.repeat(257) }, { name: 'x', directory: 'relative' }, { name: 'x', size: 12 }, { name: 'x', metadata: { k: 1 } }, { name: 'x', assetIds: [] }]) {
      const res = await initiate(1, bad)
      expect(res.status, JSON.stringify(bad)).toBe(400)
      expect(errorOf(res).code).toBe(400)
    }
    const wrapped = createCognite({ dataDir, faults, token: TOKEN, publicUrl: PUBLIC }, { initResponse: 'items' })
    const res = await wrapped.app.request(`${API}/files/initmultipartupload?parts=1`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` }, body: '{"name":"w"}' })
    expect(((await res.json()) as { items: Array<{ uploadUrls: string[] }> }).items[0]!.uploadUrls).toHaveLength(1)
  })

  it('answers 409 with duplicated for a known externalId unless overwrite=true', async () => {
    const first = await initiate(1, { name: 'a', externalId: 'dup' })
    const again = await initiate(1, { name: 'a', externalId: 'dup' })
    expect(again.status).toBe(409)
    expect(errorOf(again)).toEqual({ code: 409, message: expect.any(String), duplicated: [{ externalId: 'dup' }] })
    const overwritten = await initiate(1, { name: 'renamed', externalId: 'dup' }, '&overwrite=true')
    expect(overwritten.status).toBe(201)
    expect(overwritten.body).toMatchObject({ id: first.body.id, name: 'renamed' })
  })

  it('refuses at complete: a non-last part of exactly 5 MiB, missing parts, bad identifiers, unknown or finished uploads', async () => {
    const init = await initiate(3)
    const complete = (body: unknown) => api('POST', '/files/completemultipartupload', body)
    await putPart(init.body.uploadUrls[0]!, randomBytes(5 * MiB))
    await putPart(init.body.uploadUrls[2]!, randomBytes(10))
    const missing = await complete({ id: init.body.id, uploadId: init.body.uploadId })
    expect(missing.status).toBe(400)
    expect(errorOf(missing).message).toMatch(/missing part indexes: 1/)

    await putPart(init.body.uploadUrls[1]!, randomBytes(6 * MiB))
    const small = await complete({ id: init.body.id, uploadId: init.body.uploadId })
    expect(small.status).toBe(400)
    expect(errorOf(small).message).toMatch(/Part 0 is 5242880 bytes/)

    expect((await complete({ uploadId: init.body.uploadId })).status).toBe(400)
    expect((await complete({ id: init.body.id, externalId: 'x', uploadId: init.body.uploadId })).status).toBe(400)
    expect((await complete({ id: init.body.id })).status).toBe(400)
    expect((await complete({ id: init.body.id, uploadId: 'QUJD' })).body).toEqual({ error: { code: 400, message: 'Invalid uploadId' } })
    expect((await complete({ id: init.body.id + 1, uploadId: init.body.uploadId })).status).toBe(400)

    // Fix part 0 (any 2xx re-PUT overwrites), then complete once; a second complete and late PUTs are refused.
    await putPart(init.body.uploadUrls[0]!, randomBytes(5 * MiB + 1))
    expect((await complete({ id: init.body.id, uploadId: init.body.uploadId })).status).toBe(200)
    expect((await complete({ id: init.body.id, uploadId: init.body.uploadId })).status).toBe(400)
    expect((await putPart(init.body.uploadUrls[0]!, randomBytes(1))).status).toBe(404)
  })

  it('deletes a file (the practical abort) and reports unknown ids as missing', async () => {
    const init = await initiate(1)
    expect((await api('POST', '/files/delete', { items: [{ id: init.body.id }] })).status).toBe(200)
    const gone = await api('GET', `/files/${init.body.id}`)
    expect(gone.status).toBe(400)
    expect(errorOf(gone).missing).toEqual([{ id: init.body.id }])
    expect((await putPart(init.body.uploadUrls[0]!, randomBytes(1))).status).toBe(404)
    expect((await api('POST', '/files/byids', { items: [{ id: 1 }], ignoreUnknownIds: true })).body).toEqual({ items: [] })
  })

  it('keeps files and sessions across a restart', async () => {
    const init = await initiate(1, { name: 'r.bin' })
    cognite = create()
    const bytes = randomBytes(100)
    expect((await putPart(init.body.uploadUrls[0]!, bytes)).status).toBe(200)
    expect((await api('POST', '/files/completemultipartupload', { id: init.body.id, uploadId: init.body.uploadId })).status).toBe(200)
    expect(await cognite.objects.inspect(String(init.body.id))).toMatchObject({ size: 100, sha256: sha256(bytes) })
  })
})

describe('cognite part URLs', () => {
  it('expire: a week by default, or as faults.urlTtlSeconds says; expired = 400 ExpiredToken', async () => {
    const weekly = await initiate(1)
    const expires = Number(new URL(weekly.body.uploadUrls[0]!).searchParams.get('expires'))
    expect(expires * 1000 - Date.now()).toBeGreaterThan(7 * 24 * 3600 * 1000 - 60_000)

    faults.set([{ route: 'cognite.part', urlTtlSeconds: 0 }])
    const init = await initiate(1)
    await new Promise((r) => setTimeout(r, 1100))
    const put = await putPart(init.body.uploadUrls[0]!, randomBytes(10))
    expect(put.status).toBe(400)
    expect(put.text).toContain('<Code>ExpiredToken</Code>')
  })

  it('expire on demand: URLs issued before faults.expireUrls() answer 400 ExpiredToken, later ones work', async () => {
    const before = await initiate(1)
    await faults.expireUrls()
    const put = await putPart(before.body.uploadUrls[0]!, randomBytes(10))
    expect(put.status).toBe(400)
    expect(put.text).toContain('<Code>ExpiredToken</Code>')
    const after = await initiate(1)
    expect((await putPart(after.body.uploadUrls[0]!, randomBytes(10))).status).toBe(200)
  })

  it('refuse tampering, a CDF Authorization header, and a PUT without Content-Length', async () => {
    const init = await initiate(2)
    const [url0, url1] = init.body.uploadUrls as [string, string]
    const retargeted = url0.replace('/0?', '/1?')
    expect((await putPart(retargeted, randomBytes(10))).status).toBe(403)
    expect((await putPart(url0.replace(/signature=[0-9a-f]{4}/, 'signature=0000'), randomBytes(10))).status).toBe(403)
    // The issue time is signed too: moving it past an on-demand expiry breaks the signature.
    expect((await putPart(url0.replace(/issued=(\d+)/, (_, t: string) => `issued=${Number(t) + 60}`), randomBytes(10))).status).toBe(403)
    const withAuth = await putPart(url1, randomBytes(10), { Authorization: `Bearer ${TOKEN}` })
    expect(withAuth.status).toBe(400)
    const noLength = await cognite.app.request(url1.slice(`${PUBLIC}/cognite`.length), { method: 'PUT', body: new Uint8Array(3) })
    expect(noLength.status).toBe(411)
  })

  it('inject faults on part PUTs by route name', async () => {
    const init = await initiate(1)
    faults.set([{ route: 'cognite.part', status: 503, times: 1 }])
    expect((await putPart(init.body.uploadUrls[0]!, randomBytes(10))).status).toBe(503)
    expect((await putPart(init.body.uploadUrls[0]!, randomBytes(10))).status).toBe(200)
  })
})

describe('cognite auth and CORS', () => {
  it('answers 401 in the CDF error shape without the bearer token; part URLs need none', async () => {
    const res = await api('POST', '/files/initmultipartupload?parts=1', { name: 'x' }, {})
    expect(res).toMatchObject({ status: 401, body: { error: { code: 401, message: expect.any(String) } } })
    const wrong = await api('GET', '/files/1', undefined, { Authorization: 'Bearer nope' })
    expect(wrong.status).toBe(401)
  })

  it('allows only Authorization and Content-Type on the API, Content-Type on storage', async () => {
    const apiPreflight = await cognite.app.request(`${API}/files/initmultipartupload`, { method: 'OPTIONS' })
    expect(apiPreflight.status).toBe(204)
    expect(apiPreflight.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type')
    const storagePreflight = await cognite.app.request('/storage/x/0', { method: 'OPTIONS' })
    expect(storagePreflight.headers.get('access-control-allow-headers')).toBe('Content-Type')
    expect(storagePreflight.headers.get('access-control-allow-methods')).toContain('PUT')
  })
})

describe('cognite mounted under its name', () => {
  it('serves the API and the part URLs under /cognite and reports files by id', async () => {
    // Mounted the way the emulator app mounts vendors; /__inspect/<vendor> answers objects.inspect(key).
    const emulator = new Hono().route('/cognite', cognite.app)
    const headers = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }
    const init = (await (await emulator.request(`/cognite${API}/files/initmultipartupload?parts=1`, { method: 'POST', headers, body: '{"name":"m.bin"}' })).json()) as { id: number; uploadId: string; uploadUrls: string[] }
    const bytes = randomBytes(1000)
    const put = await emulator.request(init.uploadUrls[0]!.slice(PUBLIC.length), { method: 'PUT', body: bytes as Uint8Array<ArrayBuffer>, headers: { 'Content-Length': '1000' } })
    expect(put.status).toBe(200)
    const done = await emulator.request(`/cognite${API}/files/completemultipartupload`, { method: 'POST', headers, body: JSON.stringify({ id: init.id, uploadId: init.uploadId }) })
    expect(done.status).toBe(200)
    expect(await cognite.objects.inspect(String(init.id))).toMatchObject({ size: 1000, sha256: sha256(bytes) })
  })
})
