import { createHash } from 'node:crypto'
import { HeadObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3'
import { type S3SignerOptions, type SignerLogEntry, SignerOptionError, createS3Signer } from '@uplink/server'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type S3Stack, startS3Stack } from './testing/s3-stack'

// The signer as an attacker probes it (issue #15), mounted as the README shows, against s3rver
// behind the emulator's front (which verifies SigV4 as S3 does: without it, no signed-length
// test would mean anything). Every attack must be refused with the right status and a quiet
// body: a typed code, a plain message and a request id, never an internal detail.
const MiB = 1024 * 1024
const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long'
const IDENTITIES: Record<string, string> = { 'Bearer alice-token': 'alice', 'Bearer bob-token': 'bob' }
const APP_ORIGIN = 'https://app.example'

let stack: S3Stack
let logged: SignerLogEntry[] = []
let authorizeCalls = 0
type Handler = (request: Request) => Promise<Response>

const makeSigner = (extra: Partial<S3SignerOptions> = {}): Handler =>
  createS3Signer({
    endpoint: stack.endpoint,
    bucket: stack.bucket,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    secret: SECRET,
    authorize: (request) => {
      authorizeCalls++
      return IDENTITIES[request.headers.get('authorization') ?? ''] ?? null
    },
    allowedOrigins: [APP_ORIGIN],
    log: (entry) => logged.push(entry),
    ...extra,
  })
let signer: Handler

beforeAll(async () => {
  stack = await startS3Stack({ frontPort: 4631, storagePort: 4632 })
  signer = makeSigner()
})
afterAll(async () => {
  await stack.close()
})
beforeEach(() => {
  logged = []
  authorizeCalls = 0
})

interface CallOptions {
  as?: 'alice' | 'bob' | null
  body?: unknown
  rawBody?: BodyInit
  contentType?: string
  headers?: Record<string, string>
  handler?: Handler
}

async function call(method: string, path: string, options: CallOptions = {}) {
  const as = options.as === undefined ? 'alice' : options.as
  const headers: Record<string, string> = { ...(as ? { Authorization: `Bearer ${as}-token` } : {}), ...options.headers }
  let body: BodyInit | undefined = options.rawBody
  if (options.body !== undefined) body = JSON.stringify(options.body)
  if (body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json'
  const init: RequestInit & { duplex?: 'half' } = { method, headers, ...(body === undefined ? {} : { body, duplex: 'half' }) }
  const response = await (options.handler ?? signer)(new Request(`http://signer.test${path}`, init))
  const text = await response.text()
  let json: Record<string, unknown> = {}
  try {
    json = JSON.parse(text) as Record<string, unknown>
  } catch {
    // not JSON (a preflight's empty body)
  }
  return { status: response.status, json, text, headers: response.headers }
}

type Answer = Awaited<ReturnType<typeof call>>

/** A refusal as the client must see it: this status and code, a request id, nothing internal. */
function expectRefused(answer: Answer, status: number, code: string) {
  expect({ status: answer.status, code: (answer.json.error as { code?: string } | undefined)?.code }, answer.text).toEqual({ status, code })
  const error = answer.json.error as Record<string, unknown>
  expect(Object.keys(answer.json)).toEqual(['error'])
  expect(Object.keys(error).sort()).toEqual(['code', 'message', 'requestId'])
  expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/)
  expect(answer.headers.get('x-request-id')).toBe(error.requestId)
  expect(answer.text).not.toMatch(/127\.0\.0\.1|localhost|ECONN|S3RVER|s3rver|\/tmp\/|\.ts:\d|at [A-Za-z.]+ \(|hunter2|NoSuchUpload|SignatureDoesNotMatch/)
}

interface Upload {
  key: string
  uploadId: string
  token: string
  partSize: number
  partCount: number
  /** Query naming the upload: key and token. */
  q: string
}

async function createUpload(body: Record<string, unknown>, options: CallOptions = {}): Promise<Upload> {
  const answer = await call('POST', '/s3/multipart', { body: { type: 'application/octet-stream', ...body }, ...options })
  expect(answer.status, answer.text).toBe(200)
  const upload = answer.json as unknown as Omit<Upload, 'q'>
  return { ...upload, q: `key=${encodeURIComponent(upload.key)}&token=${encodeURIComponent(upload.token)}` }
}

async function signPart(upload: Upload, number: number, options: CallOptions = {}): Promise<string> {
  const answer = await call('GET', `/s3/multipart/${upload.uploadId}/batch?${upload.q}&partNumbers=${number}`, options)
  expect(answer.status, answer.text).toBe(200)
  return (answer.json.presignedUrls as Record<string, string>)[String(number)]!
}

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('base64')
const putPart = (url: string, bytes: Uint8Array<ArrayBuffer>) => fetch(url, { method: 'PUT', body: bytes, headers: { 'Content-MD5': md5(bytes) } })
const errorCode = (xml: string) => /<Code>([^<]*)<\/Code>/.exec(xml)?.[1]
const listParts = (upload: Upload) => call('GET', `/s3/multipart/${upload.uploadId}?${upload.q}`)
const complete = (upload: Upload, parts: unknown, options: CallOptions = {}) =>
  call('POST', `/s3/multipart/${upload.uploadId}/complete?${upload.q}`, { body: { parts }, ...options })

describe('closed by default', () => {
  it('will not start without authorize; a public signer needs "public" and warns once', async () => {
    const options = { bucket: 'b', secret: SECRET, client: stack.client() }
    expect(() => createS3Signer(options as unknown as S3SignerOptions)).toThrow(SignerOptionError)
    expect(() => createS3Signer(options as unknown as S3SignerOptions)).toThrow(/authorize is required/)
    const warnings: SignerLogEntry[] = []
    const open = createS3Signer({ ...options, bucket: stack.bucket, authorize: 'public', log: (e) => warnings.push(e) })
    expect(warnings.map((w) => [w.level, w.event])).toEqual([['warn', 'signer-public']])
    const created = await call('POST', '/s3/multipart', { as: null, body: { filename: 'open.bin', size: 1 }, handler: open })
    expect(created.status).toBe(200)
    await call('POST', '/s3/multipart', { as: null, body: { filename: 'again.bin', size: 1 }, handler: open })
    expect(warnings).toHaveLength(1)
  })

  it('refuses a caller authorize does not know (401), on every route', async () => {
    const upload = await createUpload({ filename: 'mine.bin', size: 1 })
    for (const [method, path] of [
      ['POST', '/s3/multipart'],
      ['POST', '/s3/object'],
      ['GET', `/s3/multipart/${upload.uploadId}/batch?${upload.q}&partNumbers=1`],
      ['GET', `/s3/multipart/${upload.uploadId}?${upload.q}`],
      ['POST', `/s3/multipart/${upload.uploadId}/complete?${upload.q}`],
      ['DELETE', `/s3/multipart/${upload.uploadId}?${upload.q}`],
    ] as const) {
      const body = method === 'POST' ? { filename: 'x.bin', size: 1, parts: [] } : undefined
      expectRefused(await call(method, path, { as: null, body }), 401, 'unauthorized')
    }
  })

  it('answers preflights in the CORS layer without calling authorize; only listed origins, never "*"', async () => {
    const preflight = (origin: string) =>
      call('OPTIONS', '/s3/multipart', { as: null, headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' } })
    const allowed = await preflight(APP_ORIGIN)
    expect(allowed.status).toBe(204)
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN)
    expect(allowed.headers.get('access-control-allow-headers')).toBe('Authorization,Content-Type')
    const stranger = await preflight('https://evil.example')
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull()
    expect(authorizeCalls).toBe(0)
    // An actual request from an unlisted page is answered without CORS headers: its page cannot read it.
    const read = await call('POST', '/s3/multipart', { body: { filename: 'x', size: 1 }, headers: { Origin: 'https://evil.example' } })
    expect(read.headers.get('access-control-allow-origin')).toBeNull()
    expect(() => makeSigner({ allowedOrigins: ['*'] })).toThrow(SignerOptionError)
    const noCors = await call('OPTIONS', '/s3/multipart', { as: null, headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Method': 'POST' }, handler: makeSigner({ allowedOrigins: undefined }) })
    expect(noCors.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('bounded writes: a client that declared 1 byte cannot store more', () => {
  it('fixes the plan at create: one 1-byte part, whatever part size is asked', async () => {
    const upload = await createUpload({ filename: 'one.bin', size: 1, partSize: 1 })
    expect([upload.partSize, upload.partCount]).toEqual([5 * MiB, 1])
    const big = await createUpload({ filename: 'big.bin', size: 20 * MiB + 1, partSize: 1 })
    expect([big.partSize, big.partCount]).toEqual([5 * MiB, 5])
  })

  it('signs each part URL with its exact Content-Length: the store refuses any other length', async () => {
    const upload = await createUpload({ filename: 'one.bin', size: 1 })
    const url = await signPart(upload, 1)
    expect(new URL(url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;host')
    for (const size of [2, 5 * MiB]) {
      const put = await putPart(url, new Uint8Array(size))
      expect(put.status).toBe(403)
      expect(errorCode(await put.text())).toBe('SignatureDoesNotMatch')
    }
    expect((await listParts(upload)).json).toEqual([])
    expect((await putPart(url, new Uint8Array([7]))).status).toBe(200)
  })

  it('refuses part numbers beyond the plan', async () => {
    const upload = await createUpload({ filename: 'one.bin', size: 1 })
    for (const numbers of ['2', '1,2', '10000', '0', '-1', 'x']) {
      const answer = await call('GET', `/s3/multipart/${upload.uploadId}/batch?${upload.q}&partNumbers=${numbers}`)
      expectRefused(answer, 400, 'part-not-in-plan')
    }
    expectRefused(await call('GET', `/s3/multipart/${upload.uploadId}/batch?${upload.q}&partNumbers=`), 400, 'invalid-request')
  })

  it('completes only the plan: another part list is refused', async () => {
    const upload = await createUpload({ filename: 'one.bin', size: 1 })
    const put = await putPart(await signPart(upload, 1), new Uint8Array([1]))
    const ETag = put.headers.get('etag')!
    expectRefused(await complete(upload, [{ PartNumber: 1, ETag }, { PartNumber: 2, ETag }]), 400, 'parts-mismatch')
    expectRefused(await complete(upload, [{ PartNumber: 2, ETag }]), 400, 'parts-mismatch')
    expectRefused(await complete(upload, []), 400, 'parts-mismatch')
    expectRefused(await complete(upload, 'all'), 400, 'parts-mismatch')
    expect((await complete(upload, [{ PartNumber: 1, ETag }])).status).toBe(200)
  })

  it('checks what the store holds against the declared size at complete, and aborts on a mismatch', async () => {
    // A store that does not enforce signed lengths: a part of 2 bytes put straight into s3rver.
    const upload = await createUpload({ filename: 'lied.bin', size: 1 })
    const raw = await stack.client(stack.internalEndpoint).send(
      new UploadPartCommand({ Bucket: stack.bucket, Key: upload.key, UploadId: upload.uploadId, PartNumber: 1, Body: new Uint8Array([1, 2]) }),
    )
    const refused = await complete(upload, [{ PartNumber: 1, ETag: raw.ETag }])
    expectRefused(refused, 409, 'upload-mismatch')
    expect(logged.find((e) => e.code === 'upload-mismatch')?.detail).toMatch(/part 1: 2 bytes, planned 1/)
    expectRefused(await listParts(upload), 404, 'no-such-upload')

    // A part missing: 6 MiB declared, only the first 5 MiB stored.
    const partial = await createUpload({ filename: 'partial.bin', size: 6 * MiB, partSize: 5 * MiB })
    const first = await putPart(await signPart(partial, 1), new Uint8Array(5 * MiB))
    const missing = await complete(partial, [
      { PartNumber: 1, ETag: first.headers.get('etag') },
      { PartNumber: 2, ETag: '"0123456789abcdef0123456789abcdef"' },
    ])
    expectRefused(missing, 409, 'upload-mismatch')
    expectRefused(await listParts(partial), 404, 'no-such-upload')
  })

  it('signs a single PUT with its Content-Length, Content-Type and Content-Disposition', async () => {
    const answer = await call('POST', '/s3/object', { body: { filename: 'note.txt', type: 'text/plain', size: 5 } })
    expect(answer.status).toBe(200)
    const { url, headers } = answer.json as { url: string; headers: Record<string, string> }
    expect(headers).toEqual({ 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment' })
    expect((await fetch(url, { method: 'PUT', body: 'hello, world', headers })).status).toBe(403)
    expect((await fetch(url, { method: 'PUT', body: 'hello', headers: { ...headers, 'Content-Type': 'text/html' } })).status).toBe(403)
    expect((await fetch(url, { method: 'PUT', body: 'hello', headers })).status).toBe(200)
  })

  it('refuses a declared size above maxFileSize, and single PUTs above 5 GiB', async () => {
    const capped = makeSigner({ maxFileSize: 10 * MiB })
    expectRefused(await call('POST', '/s3/multipart', { body: { filename: 'big.bin', size: 10 * MiB + 1 }, handler: capped }), 413, 'file-too-large')
    expectRefused(await call('POST', '/s3/object', { body: { filename: 'big.bin', size: 5 * 1024 * MiB + 1 } }), 413, 'file-too-large')
    expectRefused(await call('POST', '/s3/multipart', { body: { filename: 'big.bin', size: 10_000 * 5 * 1024 * MiB + 1 } }), 413, 'file-too-large')
  })
})

describe('ownership: only the identity that started an upload can act on it', () => {
  it('refuses another identity, a missing, forged or swapped token, on sign, list, complete and abort', async () => {
    const alice = await createUpload({ filename: 'alice.bin', size: 1 })
    const other = await createUpload({ filename: 'other.bin', size: 1 })
    const [version, claims, mac] = alice.token.split('.') as [string, string, string]
    const forgedClaims = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(claims, 'base64url').toString()), s: 10 * MiB, n: 2 })).toString('base64url')
    const otherSigner = makeSigner({ secret: 'another-secret-that-is-also-32-bytes-long!' })
    const attempts: Array<{ query: string; as?: 'bob'; handler?: Handler }> = [
      { query: `key=${encodeURIComponent(alice.key)}&token=${encodeURIComponent(alice.token)}`, as: 'bob' },
      { query: `key=${encodeURIComponent(alice.key)}` },
      { query: `token=${version}.${forgedClaims}.${mac}` },
      { query: `token=${version}.${claims}.${mac.slice(0, -2)}AA` },
      { query: `token=${encodeURIComponent(other.token)}` },
      { query: `token=${encodeURIComponent(alice.token)}`, handler: otherSigner },
      { query: `token=${'A'.repeat(5000)}` },
    ]
    for (const attempt of attempts) {
      const options = { ...(attempt.as ? { as: attempt.as } : {}), ...(attempt.handler ? { handler: attempt.handler } : {}) }
      expectRefused(await call('GET', `/s3/multipart/${alice.uploadId}/batch?${attempt.query}&partNumbers=1`, options), 403, 'invalid-token')
      expectRefused(await call('GET', `/s3/multipart/${alice.uploadId}?${attempt.query}`, options), 403, 'invalid-token')
      expectRefused(await call('POST', `/s3/multipart/${alice.uploadId}/complete?${attempt.query}`, { body: { parts: [] }, ...options }), 403, 'invalid-token')
      expectRefused(await call('DELETE', `/s3/multipart/${alice.uploadId}?${attempt.query}`, options), 403, 'invalid-token')
    }
    // The token names the upload: another key in the query does not move it.
    expectRefused(await call('GET', `/s3/multipart/${alice.uploadId}?key=uploads/elsewhere&token=${encodeURIComponent(alice.token)}`), 403, 'invalid-token')
    // Alice's upload is untouched and still hers.
    expect((await listParts(alice)).status).toBe(200)
    expect((await call('DELETE', `/s3/multipart/${alice.uploadId}?${alice.q}`)).status).toBe(200)
  })

  it('refuses an expired upload token', async () => {
    const shortLived = makeSigner({ uploadTtlSeconds: 1 })
    const upload = await createUpload({ filename: 'late.bin', size: 1 }, { handler: shortLived })
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    expectRefused(await call('GET', `/s3/multipart/${upload.uploadId}?${upload.q}`, { handler: shortLived }), 403, 'token-expired')
  })

  it('keeps keys under the prefix, also through the key hook', async () => {
    const plain = await createUpload({ filename: '../../etc/passwd', size: 1 })
    expect(plain.key).toMatch(/^uploads\/[0-9a-f-]{36}\/etc\/passwd$/)
    const hooked = makeSigner({ keyPrefix: 'tenants', key: (file, identity) => `${identity}/../../../${file.filename}` })
    const escaped = await createUpload({ filename: 'a/../../b.txt', size: 1 }, { handler: hooked })
    expect(escaped.key).toBe('tenants/alice/a/b.txt')
    const absolute = makeSigner({ key: () => '/../../root.txt' })
    expect((await createUpload({ filename: 'x', size: 1 }, { handler: absolute })).key).toBe('uploads/root.txt')
  })
})

describe('content: what the object is stored as', () => {
  const head = (key: string) => stack.client().send(new HeadObjectCommand({ Bucket: stack.bucket, Key: key }))

  it('stores an undeclared type as application/octet-stream, with Content-Disposition: attachment', async () => {
    const upload = await createUpload({ filename: 'page.html', type: 'text/html', size: 1 })
    const put = await putPart(await signPart(upload, 1), new Uint8Array([60]))
    expect((await complete(upload, [{ PartNumber: 1, ETag: put.headers.get('etag') }])).status).toBe(200)
    const stored = await head(upload.key)
    expect([stored.ContentType, stored.ContentDisposition]).toEqual(['application/octet-stream', 'attachment'])
  })

  it('with accept: refuses other files (422), stores accepted types, never HTML or SVG through a wildcard', async () => {
    const images = makeSigner({ accept: ['image/*', '.pdf'] })
    expectRefused(await call('POST', '/s3/multipart', { body: { filename: 'setup.exe', type: 'application/x-msdownload', size: 1 }, handler: images }), 422, 'type-not-accepted')
    expectRefused(await call('POST', '/s3/object', { body: { filename: 'page.html', type: 'text/html', size: 1 }, handler: images }), 422, 'type-not-accepted')
    const png = await call('POST', '/s3/object', { body: { filename: 'a.png', type: 'image/png', size: 1 }, handler: images })
    expect((png.json.headers as Record<string, string>)['Content-Type']).toBe('image/png')
    const svg = await call('POST', '/s3/object', { body: { filename: 'a.svg', type: 'image/svg+xml', size: 1 }, handler: images })
    expect((svg.json.headers as Record<string, string>)['Content-Type']).toBe('application/octet-stream')
    const pdf = await call('POST', '/s3/object', { body: { filename: 'a.PDF', type: 'application/pdf', size: 1 }, handler: images })
    expect((pdf.json.headers as Record<string, string>)['Content-Type']).toBe('application/octet-stream')
    expectRefused(await call('POST', '/s3/object', { body: { filename: 'a.png', type: 'image/png\r\nX-Evil: 1', size: 1 }, handler: images }), 400, 'invalid-type')
  })

  it('bounds metadata: few short header-safe keys, printable values, 2 KiB in all', async () => {
    const create = (metadata: unknown) => call('POST', '/s3/multipart', { body: { filename: 'm.bin', size: 1, metadata } })
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v']))
    for (const metadata of [eleven, { 'x\r\nset-cookie': 'a' }, { note: 'line\nbreak' }, { note: 'ünïcødé' }, { note: 'x'.repeat(1025) }, { a: 'x'.repeat(1000), b: 'y'.repeat(1000), c: 'z'.repeat(100) }, { n: 1 }, ['a']]) {
      expectRefused(await create(metadata), 400, 'invalid-metadata')
    }
    expect((await create({ project: 'apollo', 'client-id': '42' })).status).toBe(200)
  })
})

describe('input limits', () => {
  it('takes JSON only: a text/plain or form body is 415 (a cross-site form can post those without a preflight)', async () => {
    const body = JSON.stringify({ filename: 'x.bin', size: 1 })
    expectRefused(await call('POST', '/s3/multipart', { rawBody: body, contentType: 'text/plain' }), 415, 'unsupported-media-type')
    expectRefused(await call('POST', '/s3/multipart', { rawBody: 'filename=x.bin&size=1', contentType: 'application/x-www-form-urlencoded' }), 415, 'unsupported-media-type')
    expectRefused(await call('POST', '/s3/multipart', { rawBody: body, contentType: 'multipart/form-data; boundary=x' }), 415, 'unsupported-media-type')
    expectRefused(await call('POST', '/s3/multipart', { rawBody: '{"filename":', contentType: 'application/json' }), 400, 'invalid-json')
    expectRefused(await call('POST', '/s3/multipart', { rawBody: '[1]', contentType: 'application/json' }), 400, 'invalid-json')
  })

  it('caps bodies: 64 KiB by default, however they are sent; 1 MiB for complete', async () => {
    const big = JSON.stringify({ filename: 'x.bin', size: 1, pad: 'x'.repeat(200 * 1024) })
    expectRefused(await call('POST', '/s3/multipart', { rawBody: big }), 413, 'body-too-large')
    // No Content-Length: a streamed body, counted as it comes, is cut at the cap.
    let sent = 0
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 16 * 1024
        if (sent > 200 * MiB) controller.close()
        else controller.enqueue(new Uint8Array(16 * 1024).fill(32))
      },
    })
    expectRefused(await call('POST', '/s3/multipart', { rawBody: endless }), 413, 'body-too-large')
    expect(sent).toBeLessThan(MiB)

    const upload = await createUpload({ filename: 'c.bin', size: 1 })
    const parts = Array.from({ length: 10_001 }, (_, i) => ({ PartNumber: i + 1, ETag: `"${'0'.repeat(32)}"`, pad: 'x'.repeat(60) }))
    expectRefused(await complete(upload, parts), 413, 'body-too-large')
    expectRefused(await complete(upload, parts.slice(0, 10_001).map(({ PartNumber, ETag }) => ({ PartNumber, ETag }))), 400, 'parts-mismatch')
  })

  it('bounds names in UTF-8 bytes, and strips control and bidi override characters', async () => {
    // 400 characters of 3 bytes each: 1200 bytes, though only 400 UTF-16 units.
    expectRefused(await call('POST', '/s3/multipart', { body: { filename: '名'.repeat(400), size: 1 } }), 400, 'invalid-filename')
    expectRefused(await call('POST', '/s3/multipart', { body: { filename: '\u202e\u0000', size: 1 } }), 400, 'invalid-filename')
    const upload = await createUpload({ filename: 'invoice\u202Egpj.exe\u0007\r\n', size: 1 })
    expect(upload.key).toMatch(/\/invoicegpj\.exe$/)
    const long = await createUpload({ filename: `${'é'.repeat(200)}.txt`, size: 1 })
    const name = long.key.split('/').at(-1)!
    expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(255)
    expect(name.endsWith('é.txt')).toBe(true)
  })
})

describe('quiet errors: a code and a request id for the client, details for the log', () => {
  it('hides what authorize threw', async () => {
    const leaky = makeSigner({
      authorize: () => {
        throw new Error('session store at 10.0.0.5 refused: password=hunter2')
      },
    })
    const answer = await call('POST', '/s3/multipart', { body: { filename: 'x', size: 1 }, handler: leaky })
    expectRefused(answer, 500, 'internal')
    const entry = logged.find((e) => e.requestId === (answer.json.error as { requestId: string }).requestId)
    expect(entry).toMatchObject({ level: 'error', status: 500, code: 'internal' })
    expect(entry?.detail).toMatch(/hunter2/)
  })

  it('hides storage hosts and connection errors', async () => {
    const unreachable = makeSigner({ endpoint: 'http://127.0.0.1:1' })
    const answer = await call('POST', '/s3/multipart', { body: { filename: 'x', size: 1 }, handler: unreachable })
    expectRefused(answer, 502, 'storage-unavailable')
    expect(logged.at(-1)?.detail).toMatch(/ECONNREFUSED|127\.0\.0\.1/)
  })

  it('keeps S3 meanings under its own codes (an aborted upload is 404 no-such-upload)', async () => {
    const upload = await createUpload({ filename: 'gone.bin', size: 1 })
    expect((await call('DELETE', `/s3/multipart/${upload.uploadId}?${upload.q}`)).status).toBe(200)
    expectRefused(await call('DELETE', `/s3/multipart/${upload.uploadId}?${upload.q}`), 404, 'no-such-upload')
    expectRefused(await call('GET', '/s3/nothing-here'), 404, 'not-found')
  })
})
