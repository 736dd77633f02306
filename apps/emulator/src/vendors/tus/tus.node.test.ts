import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFaults } from '../../kit/faults'
import type { VendorModule } from '../../kit/vendor'
import { createTus } from './index'

const MiB = 1024 * 1024
const TOKEN = 'tus-test-token'
const base = { Authorization: `Bearer ${TOKEN}`, 'Tus-Resumable': '1.0.0' }
const patchHeaders = (offset: number) => ({ ...base, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(offset) })
const sha256 = (...chunks: Uint8Array[]) => chunks.reduce((h, c) => h.update(c), createHash('sha256')).digest('hex')
const b64 = (s: string) => Buffer.from(s).toString('base64')

let dataDir: string
let faults: ReturnType<typeof createFaults>
let tus: VendorModule

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'uplink-tus-'))
  faults = createFaults([])
  tus = createTus({ dataDir, faults, token: TOKEN, publicUrl: 'http://127.0.0.1:4720' })
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

const call = (method: string, url: string, headers: Record<string, string>, body?: Uint8Array) =>
  tus.app.request(url, { method, headers, ...(body ? { body: body as Uint8Array<ArrayBuffer> } : {}) })
/** Create an upload in-process; returns its path inside the module ("/files/<id>") and id. */
async function create(length: number, extra: Record<string, string> = {}) {
  const res = await call('POST', '/files', { ...base, 'Upload-Length': String(length), ...extra })
  expect(res.status).toBe(201)
  const location = new URL(res.headers.get('location')!)
  expect(location.pathname).toMatch(/^\/tus\/files\/[^/]+$/)
  const id = location.pathname.split('/').pop()!
  return { res, id, url: `/files/${id}` }
}

describe('tus discovery and creation', () => {
  it('announces version, extensions (no checksum: @tus/server lacks it) and max size on OPTIONS', async () => {
    const res = await call('OPTIONS', '/files', {})
    expect(res.status).toBe(204)
    expect(res.headers.get('tus-version')).toBe('1.0.0')
    const extensions = res.headers.get('tus-extension')!.split(',')
    expect(extensions).toEqual(expect.arrayContaining(['creation', 'creation-with-upload', 'termination', 'expiration']))
    expect(extensions).not.toContain('checksum')
    expect(res.headers.get('tus-max-size')).toBe(String(1024 ** 3))
  })

  it('creates with metadata and an expiry, and creation-with-upload stores the first bytes', async () => {
    const { res, url } = await create(100, { 'Upload-Metadata': `filename ${b64('clip.mp4')},filetype ${b64('video/mp4')}` })
    expect(res.headers.get('upload-expires')).toBeTruthy()
    const head = await call('HEAD', url, base)
    expect(head.status).toBe(200)
    expect(head.headers.get('upload-offset')).toBe('0')
    expect(head.headers.get('upload-length')).toBe('100')
    expect(head.headers.get('cache-control')).toBe('no-store')
    expect(head.headers.get('upload-metadata')).toContain(`filename ${b64('clip.mp4')}`)

    const first = randomBytes(40)
    const withBytes = await call('POST', '/files', { ...base, 'Upload-Length': '100', 'Content-Type': 'application/offset+octet-stream' }, first)
    expect(withBytes.status).toBe(201)
    expect(withBytes.headers.get('upload-offset')).toBe('40')
  })

  it('refuses bad creations: 413 above Tus-Max-Size, 400 without a length', async () => {
    expect((await call('POST', '/files', { ...base, 'Upload-Length': '2000000000' })).status).toBe(413)
    expect((await call('POST', '/files', base)).status).toBe(400)
  })
})

describe('tus appends', () => {
  it('answers 409 on a stale offset, 415 on a wrong Content-Type, 412 with Tus-Version on a wrong or missing version', async () => {
    const { url } = await create(10)
    const ok = await call('PATCH', url, patchHeaders(0), new Uint8Array(4))
    expect(ok.status).toBe(204)
    expect(ok.headers.get('upload-offset')).toBe('4')
    expect((await call('PATCH', url, patchHeaders(0), new Uint8Array(4))).status).toBe(409)
    expect((await call('PATCH', url, { ...patchHeaders(4), 'Content-Type': 'application/octet-stream' }, new Uint8Array(2))).status).toBe(415)
    for (const version of ['0.2.2', undefined]) {
      const headers: Record<string, string> = { ...patchHeaders(4) }
      if (version) headers['Tus-Resumable'] = version
      else delete headers['Tus-Resumable']
      const res = await call('PATCH', url, headers, new Uint8Array(2))
      expect(res.status).toBe(412)
      expect(res.headers.get('tus-version')).toBe('1.0.0')
    }
    // Nothing was written by the refused requests.
    expect((await call('HEAD', url, base)).headers.get('upload-offset')).toBe('4')
  })

  it('terminates with DELETE (also through X-HTTP-Method-Override), after which HEAD is 404', async () => {
    const one = await create(10)
    expect((await call('DELETE', one.url, base)).status).toBe(204)
    const gone = await call('HEAD', one.url, base)
    expect(gone.status).toBe(404)
    expect(gone.headers.get('upload-offset')).toBeNull()

    const two = await create(10)
    expect((await call('POST', two.url, { ...base, 'X-HTTP-Method-Override': 'DELETE' })).status).toBe(204)
    expect((await call('HEAD', two.url, base)).status).toBe(404)
    const three = await create(3)
    const tunnelled = await call('POST', three.url, { ...patchHeaders(0), 'X-HTTP-Method-Override': 'PATCH' }, new Uint8Array([1, 2, 3]))
    expect(tunnelled.status).toBe(204)
    expect(tunnelled.headers.get('upload-offset')).toBe('3')
  })

  it('expires upload URLs as faults.urlTtlSeconds says (410 afterwards)', async () => {
    const { url } = await create(10)
    faults.set([{ route: 'tus.patch', urlTtlSeconds: 0.001 }])
    await new Promise((r) => setTimeout(r, 20))
    expect((await call('HEAD', url, base)).status).toBe(410)
    expect((await call('PATCH', url, patchHeaders(0), new Uint8Array(1))).status).toBe(410)
  })

  it('injects faults on PATCH by route name', async () => {
    const { url } = await create(2)
    faults.set([{ route: 'tus.patch', status: 500, times: 1 }])
    const failed = await call('PATCH', url, patchHeaders(0), new Uint8Array(2))
    expect(failed.status).toBe(500)
    expect(failed.headers.get('tus-resumable')).toBe('1.0.0')
    expect((await call('PATCH', url, patchHeaders(0), new Uint8Array(2))).status).toBe(204)
  })
})

describe('tus auth and CORS', () => {
  it('answers 401 without the bearer token, still speaking tus and CORS', async () => {
    const res = await call('POST', '/files', { 'Tus-Resumable': '1.0.0', 'Upload-Length': '1' })
    expect(res.status).toBe(401)
    expect(res.headers.get('tus-resumable')).toBe('1.0.0')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('exposes Location and Upload-Offset, and a preflight allows the tus headers', async () => {
    const { res } = await create(1)
    const exposed = res.headers.get('access-control-expose-headers')!.split(/,\s*/)
    expect(exposed).toEqual(expect.arrayContaining(['Location', 'Upload-Offset', 'Upload-Length', 'Upload-Expires', 'Tus-Resumable']))
    const preflight = await call('OPTIONS', '/files', { Origin: 'http://127.0.0.1:4173', 'Access-Control-Request-Method': 'POST' })
    const allowed = preflight.headers.get('access-control-allow-headers')!.split(/,\s*/)
    expect(allowed).toEqual(expect.arrayContaining(['Authorization', 'Tus-Resumable', 'Upload-Length', 'Upload-Metadata', 'Upload-Offset', 'Content-Type']))
  })
})

describe('tus over HTTP', () => {
  let server: ServerType | undefined
  afterEach(async () => {
    const open = server as http.Server | undefined
    open?.closeAllConnections()
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
    server = undefined
  })

  it('keeps the bytes that arrived before a PATCH connection broke (no checksum extension)', async () => {
    const root = new Hono().route('/tus', tus.app)
    server = serve({ fetch: root.fetch, hostname: '127.0.0.1', port: 4721 })
    await new Promise((resolve) => server!.once('listening', resolve))
    const created = await fetch('http://127.0.0.1:4721/tus/files', { method: 'POST', headers: { ...base, 'Upload-Length': String(5 * MiB) } })
    const location = created.headers.get('location')!

    // Announce 5 MiB, send 3 MiB, then cut the connection.
    await new Promise<void>((resolve) => {
      const request = http.request(location, { method: 'PATCH', headers: { ...patchHeaders(0), 'Content-Length': String(5 * MiB) } })
      request.on('error', () => resolve())
      request.write(randomBytes(3 * MiB), () => setTimeout(() => request.destroy(), 300))
      request.on('close', () => resolve())
    })
    // The server writes what arrived before the cut; HEAD shows it once that write is done.
    const offset = async () => Number((await fetch(location, { method: 'HEAD', headers: base })).headers.get('upload-offset'))
    await expect.poll(offset, { timeout: 10_000, interval: 50 }).toBeGreaterThan(0)
    expect(await offset()).toBeLessThanOrEqual(3 * MiB)
  })

  it('runs the 12 MiB worked example (5 MiB chunks, one stale resend) byte-identically, mounted at /tus', async () => {
    const root = new Hono().route('/tus', tus.app)
    server = serve({ fetch: root.fetch, hostname: '127.0.0.1', port: 4720 })
    await new Promise((resolve) => server!.once('listening', resolve))
    const file = randomBytes(12 * MiB)

    const created = await fetch('http://127.0.0.1:4720/tus/files', {
      method: 'POST',
      headers: { ...base, 'Upload-Length': String(file.length), 'Upload-Metadata': `filename ${b64('clip.mp4')}` },
    })
    expect(created.status).toBe(201)
    const location = created.headers.get('location')!
    expect(location).toMatch(/^http:\/\/127\.0\.0\.1:4720\/tus\/files\/[^/]+$/)

    let offset = 0
    for (const size of [5 * MiB, 5 * MiB, 2 * MiB]) {
      const res = await fetch(location, { method: 'PATCH', headers: patchHeaders(offset), body: file.subarray(offset, offset + size) })
      expect(res.status).toBe(204)
      offset += size
      expect(res.headers.get('upload-offset')).toBe(String(offset))
      if (offset === 5 * MiB) {
        const stale = await fetch(location, { method: 'PATCH', headers: patchHeaders(0), body: file.subarray(0, 10) })
        expect(stale.status).toBe(409)
        const head = await fetch(location, { method: 'HEAD', headers: base })
        expect(head.headers.get('upload-offset')).toBe(String(5 * MiB))
      }
    }
    const id = location.split('/').pop()!
    expect(await tus.objects.inspect(id)).toMatchObject({ size: 12 * MiB, sha256: sha256(file) })
  })
})

describe('tus mounted under its name', () => {
  it('serves /tus/files with absolute Locations on the client origin', async () => {
    // Mounted the way the emulator app mounts vendors; /__inspect/<vendor> answers objects.inspect(key).
    const emulator = new Hono().route('/tus', tus.app)
    const bytes = randomBytes(1000)
    const created = await emulator.request('http://127.0.0.1:4720/tus/files', { method: 'POST', headers: { ...base, 'Upload-Length': '1000' } })
    const location = created.headers.get('location')!
    expect(location).toMatch(/^http:\/\/127\.0\.0\.1:4720\/tus\/files\//)
    const patched = await emulator.request(location, { method: 'PATCH', headers: patchHeaders(0), body: bytes as Uint8Array<ArrayBuffer> })
    expect(patched.status).toBe(204)
    const id = location.split('/').pop()!
    expect(await tus.objects.inspect(String(id))).toMatchObject({ size: 1000, sha256: sha256(bytes) })
  })
})
