import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { serve } from '@hono/node-server'
import { crc32 } from 'hash-wasm'
import { Hono } from 'hono'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFaults } from '../../kit/faults'
import type { FakeStorage } from './fake-storage'
import { createFakeStorage, NO_EXPOSE_ETAG_ROUTE } from './fake-storage'
import { StorageError } from './s3-error'
import { MiB } from './uploads'

const md5Hex = (b: Uint8Array) => createHash('md5').update(b).digest('hex')
const md5B64 = (b: Uint8Array) => createHash('md5').update(b).digest('base64')
const sha256 = (...parts: Uint8Array[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest('hex')
const crc32cB64 = async (b: Uint8Array) => Buffer.from(await crc32(b, 0x82f63b78), 'hex').toString('base64')

let dataDir: string
let clock: number
let faults: ReturnType<typeof createFaults>
let storage: FakeStorage
let app: Hono

function setup(options: Parameters<typeof createFakeStorage>[1] = {}) {
  faults = createFaults([])
  storage = createFakeStorage({ dataDir, faults, token: 't', publicUrl: 'http://127.0.0.1:4600' }, { now: () => clock, ...options })
  storage.defineBucket('b')
  app = new Hono()
  app.route('/storage', storage.module.app)
}

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'uplink-fake-storage-'))
  clock = Date.UTC(2026, 3, 28, 15, 0, 0)
  setup()
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

const put = (url: string, body: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
  app.request(url, { method: 'PUT', body, headers: { 'Content-Length': String(body.length), ...headers } })

function begin(key = 'movie.mp4', options: Partial<Parameters<FakeStorage['createUpload']>[0]> = {}) {
  const upload = storage.createUpload({ bucket: 'b', key, ...options })
  const sign = (partNumber: number, ttlSeconds = 900, signedHeaders?: Record<string, string>) =>
    storage.presignPart({ bucket: 'b', key, uploadId: upload.uploadId, partNumber, ttlSeconds, ...(signedHeaders ? { signedHeaders } : {}) }).url
  return { upload, key, sign }
}

async function expectXmlError(response: Response, status: number, code: string, message?: string) {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toContain('application/xml')
  const text = await response.text()
  expect(text).toContain(`<Code>${code}</Code>`)
  if (message) expect(text).toContain(`<Message>${message}</Message>`)
  return text
}

describe('fake storage: worked example (s3.md §8, 12 MiB, CRC32C composite)', () => {
  it('stores 5+5+2 MiB parts, answers quoted MD5 ETags and assembles the exact bytes', async () => {
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(2 * MiB)]
    const { upload, sign, key } = begin('uploads/u1/movie.mp4', { checksumAlgorithm: 'CRC32C', checksumType: 'COMPOSITE' })
    const sent = []
    for (const [i, bytes] of parts.entries()) {
      const checksum = await crc32cB64(bytes)
      const url = sign(i + 1, 900, { 'x-amz-checksum-crc32c': checksum })
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:4600\/storage\/b\/uploads\/u1\/movie\.mp4\?partNumber=\d&uploadId=.+X-Amz-Expires=900.+X-Amz-Signature=[0-9a-f]{64}$/)
      const res = await put(url, bytes, { 'x-amz-checksum-crc32c': checksum, Origin: 'http://127.0.0.1:4173' })
      expect(res.status).toBe(200)
      expect(res.headers.get('etag')).toBe(`"${md5Hex(bytes)}"`)
      expect(res.headers.get('x-amz-checksum-crc32c')).toBe(checksum)
      expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4173')
      expect(res.headers.get('access-control-expose-headers')).toContain('ETag')
      sent.push({ partNumber: i + 1, etag: res.headers.get('etag')!, checksum })
    }
    const done = await storage.complete('b', key, upload.uploadId, sent)
    const md5s = Buffer.concat(parts.map((p) => createHash('md5').update(p).digest()))
    expect(done.etag).toBe(`"${md5Hex(md5s)}-3"`)
    const composite = await crc32cB64(Buffer.concat(await Promise.all(parts.map(async (p) => Buffer.from(await crc32cB64(p), 'base64')))))
    expect(done.checksum).toEqual({ algorithm: 'CRC32C', type: 'COMPOSITE', value: `${composite}-3` })
    expect(done.crc32c).toBe(await crc32cB64(Buffer.concat(parts)))
    expect(await storage.module.objects.inspect(`b/${key}`)).toMatchObject({ size: 12 * MiB, sha256: sha256(...parts) })
  })

  it('refuses a COMPOSITE complete that leaves out a part checksum', async () => {
    const bytes = randomBytes(100)
    const checksum = await crc32cB64(bytes)
    const { upload, sign, key } = begin('c.bin', { checksumAlgorithm: 'CRC32C' })
    const res = await put(sign(1, 900, { 'x-amz-checksum-crc32c': checksum }), bytes, { 'x-amz-checksum-crc32c': checksum })
    const etag = res.headers.get('etag')!
    await expect(storage.complete('b', key, upload.uploadId, [{ partNumber: 1, etag }])).rejects.toMatchObject({ status: 400, code: 'InvalidRequest' })
    expect((await storage.complete('b', key, upload.uploadId, [{ partNumber: 1, etag, checksum }])).size).toBe(100)
  })
})

describe('fake storage: presigned URL checks (§4)', () => {
  it('answers 403 AccessDenied "Request has expired" with Expires and ServerTime after the lifetime', async () => {
    const { sign } = begin()
    const url = sign(1, 60)
    clock += 61_000
    const text = await expectXmlError(await put(url, new Uint8Array(10)), 403, 'AccessDenied', 'Request has expired')
    expect(text).toContain('<Expires>2026-04-28T15:01:00.000Z</Expires>')
    expect(text).toContain('<ServerTime>2026-04-28T15:01:01.000Z</ServerTime>')
  })

  it('answers 403 SignatureDoesNotMatch when the signature, a parameter or the method changes', async () => {
    const { sign } = begin()
    const url = sign(1)
    const flipped = url.replace(/X-Amz-Signature=([0-9a-f])/, (_, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`)
    await expectXmlError(await put(flipped, new Uint8Array(1)), 403, 'SignatureDoesNotMatch')
    await expectXmlError(await put(url.replace('partNumber=1', 'partNumber=2'), new Uint8Array(1)), 403, 'SignatureDoesNotMatch')
    await expectXmlError(await put(url.replace('X-Amz-Expires=900', 'X-Amz-Expires=9000'), new Uint8Array(1)), 403, 'SignatureDoesNotMatch')
    await expectXmlError(await app.request(url, { method: 'GET' }), 403, 'SignatureDoesNotMatch')
    await expectXmlError(await put(url.split('?')[0]!, new Uint8Array(1)), 403, 'AccessDenied')
  })

  it('refuses an x-amz-* header the URL did not sign (403) and a signed header whose value differs', async () => {
    const { sign } = begin()
    const bytes = new Uint8Array(8)
    const unsigned = await expectXmlError(await put(sign(1), bytes, { 'x-amz-checksum-crc32c': await crc32cB64(bytes) }), 403, 'AccessDenied')
    expect(unsigned).toContain('There were headers present in the request which were not signed')
    const url = sign(1, 900, { 'x-amz-checksum-crc32c': 'AAAAAA==' })
    await expectXmlError(await put(url, bytes, { 'x-amz-checksum-crc32c': 'AAAAAB==' }), 403, 'SignatureDoesNotMatch')
  })

  it('refuses vendor credentials on a presigned URL (only one auth mechanism)', async () => {
    const { sign } = begin()
    await expectXmlError(await put(sign(1), new Uint8Array(1), { Authorization: 'Bearer t' }), 400, 'InvalidArgument')
  })
})

describe('fake storage: part PUT checks (§2.2)', () => {
  it('requires Content-Length (411) and the exact number of bytes it announces', async () => {
    const { sign } = begin()
    await expectXmlError(await app.request(sign(1), { method: 'PUT', body: new Uint8Array(4) }), 411, 'MissingContentLength')
    await expectXmlError(await put(sign(1), new Uint8Array(4), { 'Content-Length': '5' }), 400, 'IncompleteBody')
  })

  it('verifies Content-MD5 (400 BadDigest on mismatch) without requiring it to be signed', async () => {
    const { sign } = begin()
    const bytes = randomBytes(1000)
    await expectXmlError(await put(sign(1), bytes, { 'Content-MD5': md5B64(new Uint8Array(1000)) }), 400, 'BadDigest')
    await expectXmlError(await put(sign(1), bytes, { 'Content-MD5': 'nope' }), 400, 'InvalidDigest')
    const ok = await put(sign(1), bytes, { 'Content-MD5': md5B64(bytes) })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('etag')).toBe(`"${md5Hex(bytes)}"`)
  })

  it('verifies a signed checksum (400 BadDigest), including the empty-body CRC32 the SDK presign trap puts in the query', async () => {
    const crc = begin('crc32.bin', { checksumAlgorithm: 'CRC32' })
    const bytes = randomBytes(64)
    const trap = storage.presignPart({
      bucket: 'b',
      key: crc.key,
      uploadId: crc.upload.uploadId,
      partNumber: 1,
      ttlSeconds: 900,
      queryParams: { 'x-amz-sdk-checksum-algorithm': 'CRC32', 'x-amz-checksum-crc32': 'AAAAAA==' },
    })
    await expectXmlError(await put(trap.url, bytes), 400, 'BadDigest', 'The CRC32 you specified did not match the calculated checksum.')
    const right32 = Buffer.from(await crc32(bytes), 'hex').toString('base64')
    const fixed = storage.presignPart({ bucket: 'b', key: crc.key, uploadId: crc.upload.uploadId, partNumber: 1, ttlSeconds: 900, queryParams: { 'x-amz-checksum-crc32': right32 } })
    const accepted = await put(fixed.url, bytes)
    expect(accepted.status).toBe(200)
    expect(accepted.headers.get('x-amz-checksum-crc32')).toBe(right32)
    const c32 = begin('c32c.bin', { checksumAlgorithm: 'CRC32C' })
    const wrong = await crc32cB64(new Uint8Array(64))
    await expectXmlError(await put(c32.sign(1, 900, { 'x-amz-checksum-crc32c': wrong }), bytes, { 'x-amz-checksum-crc32c': wrong }), 400, 'BadDigest')
    // An upload created without an algorithm refuses a part checksum (S3's "Checksum Type mismatch").
    const plain = begin('plain.bin')
    const right = await crc32cB64(bytes)
    await expectXmlError(await put(plain.sign(1, 900, { 'x-amz-checksum-crc32c': right }), bytes, { 'x-amz-checksum-crc32c': right }), 400, 'InvalidRequest')
  })

  it('refuses part numbers outside 1..10000 and ids that do not exist', async () => {
    const { sign, key } = begin()
    await expectXmlError(await put(sign(0), new Uint8Array(1)), 400, 'InvalidArgument')
    await expectXmlError(await put(sign(10_001), new Uint8Array(1)), 400, 'InvalidArgument')
    const ghost = storage.presignPart({ bucket: 'b', key, uploadId: 'nope', partNumber: 1, ttlSeconds: 60 }).url
    await expectXmlError(await put(ghost, new Uint8Array(1)), 404, 'NoSuchUpload')
  })

  it('applies injected faults to part PUTs (route storage.put)', async () => {
    const { sign } = begin()
    faults.set([{ route: 'storage.put', status: 503, times: 1 }])
    expect((await put(sign(1), new Uint8Array(1))).status).toBe(503)
    expect((await put(sign(1), new Uint8Array(1))).status).toBe(200)
  })

  it('corrupts one part body on the corruptBody fault: Content-MD5 catches it, without it the wrong bytes are stored', async () => {
    const { sign, upload } = begin()
    const bytes = randomBytes(4096)
    faults.set([{ route: 'storage.put', corruptBody: true, times: 2 }])
    await expectXmlError(await put(sign(1), bytes, { 'Content-MD5': md5B64(bytes) }), 400, 'BadDigest')
    const unchecked = await put(sign(1), bytes)
    expect(unchecked.status).toBe(200)
    expect(unchecked.headers.get('etag')).not.toBe(`"${md5Hex(bytes)}"`)
    expect(upload.parts.get(1)!.size).toBe(bytes.length)
    // The rule is used up: the next PUT arrives intact.
    const intact = await put(sign(1), bytes, { 'Content-MD5': md5B64(bytes) })
    expect(intact.headers.get('etag')).toBe(`"${md5Hex(bytes)}"`)
  })
})

describe('fake storage: CORS (§5)', () => {
  it('answers preflights for allowed headers and refuses Authorization', async () => {
    const { sign } = begin()
    const preflight = (headers: string) =>
      app.request(sign(1), { method: 'OPTIONS', headers: { Origin: 'http://a.test', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': headers } })
    const ok = await preflight('content-type,x-amz-checksum-crc32c,content-md5')
    expect(ok.status).toBe(200)
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://a.test')
    expect(ok.headers.get('access-control-allow-headers')).toBe('content-type, x-amz-checksum-crc32c, content-md5')
    expect((await preflight('authorization')).status).toBe(403)
  })

  it('stops exposing ETag while the no-expose switch is on', async () => {
    const { sign } = begin()
    faults.set([{ route: NO_EXPOSE_ETAG_ROUTE }])
    const res = await put(sign(1), new Uint8Array(3), { Origin: 'http://a.test' })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-expose-headers')).not.toContain('ETag')
    faults.clear()
    expect((await put(sign(1), new Uint8Array(3), { Origin: 'http://a.test' })).headers.get('access-control-expose-headers')).toContain('ETag')
  })
})

describe('fake storage: list, complete, abort (§2.3–2.5)', () => {
  async function uploadParts(count: number, size = 10) {
    const started = begin(`k${count}.bin`)
    const etags: string[] = []
    for (let n = 1; n <= count; n++) etags.push((await put(started.sign(n), randomBytes(size))).headers.get('etag')!)
    return { ...started, etags }
  }

  it('pages ListParts at the configured size', async () => {
    setup({ listPageSize: 2 })
    const { upload, key } = await uploadParts(5)
    const first = storage.listParts('b', key, upload.uploadId)
    expect(first.parts.map((p) => p.partNumber)).toEqual([1, 2])
    expect(first).toMatchObject({ isTruncated: true, nextPartNumberMarker: 2, maxParts: 2 })
    const last = storage.listParts('b', key, upload.uploadId, { partNumberMarker: 4 })
    expect(last.parts.map((p) => p.partNumber)).toEqual([5])
    expect(last.isTruncated).toBe(false)
  })

  it('refuses out-of-order parts, a wrong ETag and a small non-last part; accepts unquoted ETags', async () => {
    setup({ minPartSize: 16 })
    const { upload, key, sign } = begin('rules.bin')
    const small = (await put(sign(1), randomBytes(15))).headers.get('etag')!
    const big = (await put(sign(2), randomBytes(16))).headers.get('etag')!
    const last = (await put(sign(3), randomBytes(1))).headers.get('etag')!
    const complete = (parts: Array<[number, string]>) => storage.complete('b', key, upload.uploadId, parts.map(([partNumber, etag]) => ({ partNumber, etag })))
    await expect(complete([[2, big], [1, small]])).rejects.toMatchObject({ status: 400, code: 'InvalidPartOrder' })
    await expect(complete([[2, last], [3, last]])).rejects.toMatchObject({ status: 400, code: 'InvalidPart' })
    await expect(complete([[1, small], [2, big]])).rejects.toMatchObject({ status: 400, code: 'EntityTooSmall' })
    await expect(complete([])).rejects.toMatchObject({ status: 400 })
    const done = await complete([[2, big.replaceAll('"', '')], [3, last]])
    expect(done.size).toBe(17)
  })

  it('can fail a complete with a 200 that carries an error (route storage.complete)', async () => {
    const { upload, key, etags } = await uploadParts(1)
    faults.set([{ route: 'storage.complete', status: 200, times: 1 }])
    const error = await storage.complete('b', key, upload.uploadId, [{ partNumber: 1, etag: etags[0]! }]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StorageError)
    expect(error).toMatchObject({ status: 200, code: 'InternalError' })
    // The upload is still there: the retry succeeds, and another afterwards finds it gone.
    expect((await storage.complete('b', key, upload.uploadId, [{ partNumber: 1, etag: etags[0]! }])).size).toBe(10)
    await expect(storage.complete('b', key, upload.uploadId, [{ partNumber: 1, etag: etags[0]! }])).rejects.toMatchObject({ status: 404, code: 'NoSuchUpload' })
  })

  it('after abort, part PUTs, lists and completes answer 404 NoSuchUpload', async () => {
    const { upload, key, sign, etags } = await uploadParts(2)
    await storage.abort('b', key, upload.uploadId)
    await expectXmlError(await put(sign(3), new Uint8Array(1)), 404, 'NoSuchUpload')
    expect(() => storage.listParts('b', key, upload.uploadId)).toThrow(StorageError)
    await expect(storage.complete('b', key, upload.uploadId, [{ partNumber: 1, etag: etags[0]! }])).rejects.toMatchObject({ code: 'NoSuchUpload' })
    await expect(storage.abort('b', key, upload.uploadId)).rejects.toMatchObject({ status: 404 })
  })
})

describe('fake storage over a real socket', () => {
  it('streams a part and still delivers the 403 of an expired URL while the body is being sent', async () => {
    setup({ now: () => clock })
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 4750 })
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    try {
      const { sign } = begin()
      const base = (url: string) => url.replace('http://127.0.0.1:4600', 'http://127.0.0.1:4750')
      const bytes = randomBytes(3 * MiB)
      const ok = await fetch(base(sign(1)), { method: 'PUT', body: bytes })
      expect(ok.status).toBe(200)
      expect(ok.headers.get('etag')).toBe(`"${md5Hex(bytes)}"`)
      const stale = sign(2, 1)
      clock += 2000
      const refused = await fetch(base(stale), { method: 'PUT', body: bytes })
      expect(refused.status).toBe(403)
      expect(await refused.text()).toContain('Request has expired')
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })
})
