import { createHash, randomBytes } from 'node:crypto'
import { GetObjectCommand, HeadObjectCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3'
import { beforeAll, describe, expect, it } from 'vitest'
import { type S3SignerOptions, createS3Signer } from './index'

// The signer against Ceph radosgw, a real distributed S3 implementation, started by
// scripts/radosgw/start.sh (this project only exists when RADOSGW_ENDPOINT is set). Part
// bytes go from Node's fetch straight to radosgw through the presigned URLs, as a browser's would.
const MiB = 1024 * 1024
const env = (name: string): string => {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set: run scripts/radosgw/start.sh and source reports/radosgw.env`)
  return value
}
const endpoint = env('RADOSGW_ENDPOINT')
const bucket = env('RADOSGW_BUCKET')
const credentials = { accessKeyId: env('RADOSGW_ACCESS_KEY'), secretAccessKey: env('RADOSGW_SECRET_KEY') }
const region = env('RADOSGW_REGION')

// Direct access for checks the signer does not offer (reading the object back, raw parts).
const s3 = new S3Client({
  region,
  endpoint,
  forcePathStyle: true,
  credentials,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
})

type Handler = (request: Request) => Promise<Response>
const secret = randomBytes(32)
const makeSigner = (extra: Partial<S3SignerOptions> = {}): Handler =>
  createS3Signer({
    endpoint,
    region,
    bucket,
    credentials,
    keyPrefix: 'radosgw-tests',
    authorize: (request) => (request.headers.get('authorization') === 'Bearer test' ? 'radosgw-test' : null),
    secret,
    log: () => undefined,
    ...extra,
  })
let signer: Handler

beforeAll(() => {
  signer = makeSigner()
})

const call = async (method: string, url: string, body?: unknown, handler: Handler = signer) => {
  const response = await handler(
    new Request(`http://signer.test${url}`, {
      method,
      headers: { Authorization: 'Bearer test', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  )
  return { status: response.status, json: (await response.json()) as Record<string, unknown> & unknown[] }
}
const errorOf = (json: Record<string, unknown>) => (json.error as { code?: string } | undefined)?.code

interface Upload {
  key: string
  uploadId: string
  partSize: number
  partCount: number
  q: string
}

async function startUpload(filename: string, size: number, partSize?: number): Promise<Upload> {
  const created = await call('POST', '/s3/multipart', { filename, type: 'application/octet-stream', size, ...(partSize ? { partSize } : {}) })
  expect(created.status).toBe(200)
  const { key, uploadId, token, partSize: planned, partCount } = created.json as unknown as Upload & { token: string }
  return { key, uploadId, partSize: planned, partCount, q: `key=${encodeURIComponent(key)}&token=${encodeURIComponent(token)}` }
}

async function presign(upload: Upload, numbers: number[], handler: Handler = signer): Promise<Record<string, string>> {
  const batch = await call('GET', `/s3/multipart/${upload.uploadId}/batch?${upload.q}&partNumbers=${numbers.join(',')}`, undefined, handler)
  expect(batch.status).toBe(200)
  return batch.json.presignedUrls as Record<string, string>
}

type Bytes = Uint8Array<ArrayBuffer>
/** Random part content: nothing about the bytes is guessable or repeated. */
const random = (size: number): Bytes => new Uint8Array(randomBytes(size))
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes)
const sha256Hex = (...chunks: Uint8Array[]) => chunks.reduce((h, c) => h.update(c), createHash('sha256')).digest('hex')
const putPart = (url: string, bytes: Bytes, contentMd5 = md5(bytes).digest('base64')) =>
  fetch(url, { method: 'PUT', body: bytes, headers: { 'Content-MD5': contentMd5 } })
const errorCode = (xml: string) => /<Code>([^<]*)<\/Code>/.exec(xml)?.[1]
const abort = (upload: Upload) => call('DELETE', `/s3/multipart/${upload.uploadId}?${upload.q}`)

async function readObject(key: string): Promise<Uint8Array> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
  return object.Body!.transformToByteArray()
}

describe('S3 signer against radosgw', () => {
  it('uploads parts with Content-MD5, lists them, completes: the object is byte-identical', async () => {
    const parts = [random(5 * MiB), random(5 * MiB), random(MiB + 7)]
    const upload = await startUpload('movie.bin', parts.reduce((n, p) => n + p.length, 0), 5 * MiB)
    expect([upload.partSize, upload.partCount]).toEqual([5 * MiB, 3])
    const urls = await presign(upload, [1, 2, 3])
    expect(Object.keys(urls).sort()).toEqual(['1', '2', '3'])
    expect(urls['1']).not.toContain('x-amz-checksum') // no empty-body CRC baked in (s3.md §4)

    const etags: string[] = []
    for (const [i, bytes] of parts.entries()) {
      const put = await putPart(urls[String(i + 1)]!, bytes)
      expect(put.status).toBe(200)
      etags.push(put.headers.get('ETag')!)
    }
    // Part ETag = quoted hex MD5 of the part (s3.md §2.2).
    expect(etags).toEqual(parts.map((p) => `"${md5(p).digest('hex')}"`))

    const listed = await call('GET', `/s3/multipart/${upload.uploadId}?${upload.q}`)
    expect(listed.status).toBe(200)
    expect(listed.json).toEqual(parts.map((p, i) => ({ PartNumber: i + 1, ETag: etags[i], Size: p.length })))

    const done = await call('POST', `/s3/multipart/${upload.uploadId}/complete?${upload.q}`, {
      parts: etags.map((ETag, i) => ({ PartNumber: i + 1, ETag })),
    })
    expect(done.status).toBe(200)
    // radosgw's own Complete answer carries an empty ETag; the signer reports the real one:
    // "<md5 of the parts' binary MD5s>-<N>" (s3.md §2.4), the same as HEAD says.
    const multipartEtag = `"${createHash('md5').update(Buffer.concat(parts.map((p) => md5(p).digest()))).digest('hex')}-3"`
    expect(done.json.etag).toBe(multipartEtag)
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: upload.key }))
    expect([head.ETag, head.ContentType, head.ContentDisposition]).toEqual([multipartEtag, 'application/octet-stream', 'attachment'])
    expect(done.json.key).toBe(upload.key)

    expect(sha256Hex(await readObject(upload.key))).toBe(sha256Hex(...parts))
  })

  it('refuses a part whose Content-MD5 does not match its bytes (BadDigest) and keeps no such part', async () => {
    const upload = await startUpload('digest.bin', MiB)
    const urls = await presign(upload, [1])
    const bytes = random(MiB)
    const wrong = md5(random(16)).digest('base64')
    const put = await putPart(urls['1']!, bytes, wrong)
    expect(put.status).toBe(400)
    expect(errorCode(await put.text())).toBe('BadDigest')

    expect((await call('GET', `/s3/multipart/${upload.uploadId}?${upload.q}`)).json).toEqual([])
    // The same URL with the right digest still works: only the digest was at fault.
    expect((await putPart(urls['1']!, bytes)).status).toBe(200)
    expect((await abort(upload)).status).toBe(200)
  })

  it('a client that declared 1 byte cannot store more: radosgw enforces the signed Content-Length', async () => {
    const upload = await startUpload('one-byte.bin', 1)
    const urls = await presign(upload, [1])
    expect(new URL(urls['1']!).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;host')
    for (const size of [2, 5 * MiB]) {
      const put = await putPart(urls['1']!, random(size))
      expect(put.status).toBe(403)
      expect(errorCode(await put.text())).toBe('SignatureDoesNotMatch')
    }
    const beyond = await call('GET', `/s3/multipart/${upload.uploadId}/batch?${upload.q}&partNumbers=2`)
    expect([beyond.status, errorOf(beyond.json)]).toEqual([400, 'part-not-in-plan'])
    expect((await call('GET', `/s3/multipart/${upload.uploadId}?${upload.q}`)).json).toEqual([])
    const one = random(1)
    const put = await putPart(urls['1']!, one)
    expect(put.status).toBe(200)
    const done = await call('POST', `/s3/multipart/${upload.uploadId}/complete?${upload.q}`, { parts: [{ PartNumber: 1, ETag: put.headers.get('ETag') }] })
    expect(done.status).toBe(200)
    expect(sha256Hex(await readObject(upload.key))).toBe(sha256Hex(one))
  })

  it('complete checks what radosgw holds against the declared size, and aborts on a mismatch', async () => {
    // A part put with the account's own keys (no signed length): 2 bytes where 1 was declared.
    const upload = await startUpload('two-bytes.bin', 1)
    const raw = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: upload.key, UploadId: upload.uploadId, PartNumber: 1, Body: random(2) }))
    const done = await call('POST', `/s3/multipart/${upload.uploadId}/complete?${upload.q}`, { parts: [{ PartNumber: 1, ETag: raw.ETag }] })
    expect([done.status, errorOf(done.json)]).toEqual([409, 'upload-mismatch'])
    const listed = await call('GET', `/s3/multipart/${upload.uploadId}?${upload.q}`)
    expect([listed.status, errorOf(listed.json)]).toEqual([404, 'no-such-upload'])
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: upload.key }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } })
  })

  it('signs a single PUT with its length, type and disposition: radosgw refuses any other', async () => {
    const bytes = random(1000)
    const signed = await call('POST', '/s3/object', { filename: 'page.html', type: 'text/html', size: bytes.length })
    expect(signed.status).toBe(200)
    const { url, key, headers } = signed.json as unknown as { url: string; key: string; headers: Record<string, string> }
    expect((await fetch(url, { method: 'PUT', body: random(1001), headers })).status).toBe(403)
    expect((await fetch(url, { method: 'PUT', body: bytes, headers: { ...headers, 'Content-Type': 'text/html' } })).status).toBe(403)
    expect((await fetch(url, { method: 'PUT', body: bytes, headers })).status).toBe(200)
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
    expect([head.ContentLength, head.ContentType, head.ContentDisposition]).toEqual([1000, 'application/octet-stream', 'attachment'])
  })

  it('merges ListParts pages: more parts than fit in one page', async () => {
    // radosgw honours max-parts, so a small page (10 instead of 1000) gives several real pages
    // from a few parts. The signer gets it through its own `client` option; its loop is unchanged.
    // The parts are put with the account's keys: a plan never has 25 parts of one byte.
    const pageSize = 10
    const paging = new S3Client({ region, endpoint, forcePathStyle: true, credentials, requestChecksumCalculation: 'WHEN_REQUIRED' })
    let pagesAsked = 0
    paging.middlewareStack.add(
      (next, context) => (args) => {
        if (context.commandName === 'ListPartsCommand') {
          ;(args.input as { MaxParts?: number }).MaxParts = pageSize
          pagesAsked++
        }
        return next(args)
      },
      { step: 'initialize', name: 'smallListPartsPages' },
    )
    const pagingSigner = makeSigner({ client: paging })

    const count = 2 * pageSize + 5
    const upload = await startUpload('many.bin', count)
    const numbers = Array.from({ length: count }, (_, i) => i + 1)
    const etags = new Map<number, string>()
    await Promise.all(
      numbers.map(async (PartNumber) => {
        const put = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: upload.key, UploadId: upload.uploadId, PartNumber, Body: random(1) }))
        etags.set(PartNumber, put.ETag!)
      }),
    )

    const listed = await call('GET', `/s3/multipart/${upload.uploadId}?${upload.q}`, undefined, pagingSigner)
    expect(listed.status).toBe(200)
    expect(listed.json).toEqual(numbers.map((n) => ({ PartNumber: n, ETag: etags.get(n), Size: 1 })))
    expect(pagesAsked).toBe(3)
    expect((await abort(upload)).status).toBe(200)
  })

  it('aborts: later part PUTs and a second abort answer 404', async () => {
    const upload = await startUpload('aborted.bin', 6 * MiB, 5 * MiB)
    const urls = await presign(upload, [1, 2])
    expect((await putPart(urls['1']!, random(5 * MiB))).status).toBe(200)

    expect((await abort(upload)).status).toBe(200)

    const put = await putPart(urls['2']!, random(MiB))
    expect(put.status).toBe(404)
    expect(errorCode(await put.text())).toBe('NoSuchUpload')
    const again = await abort(upload)
    expect([again.status, errorOf(again.json)]).toEqual([404, 'no-such-upload'])
    // ListParts on an aborted upload: radosgw names it NoSuchKey (AWS: NoSuchUpload); the signer says no-such-upload.
    const listed = await call('GET', `/s3/multipart/${upload.uploadId}?${upload.q}`)
    expect([listed.status, errorOf(listed.json)]).toEqual([404, 'no-such-upload'])
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: upload.key }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 404 },
    })
  })

  it('refuses a presigned part URL after it expired (403 AccessDenied)', async () => {
    const upload = await startUpload('late.bin', MiB)
    const shortLived = makeSigner({ expiresIn: 1 })
    const stale = await presign(upload, [1], shortLived)
    expect(stale['1']).toContain('X-Amz-Expires=1&')
    await new Promise((resolve) => setTimeout(resolve, 2_500))

    const bytes = random(MiB)
    const late = await putPart(stale['1']!, bytes)
    expect(late.status).toBe(403)
    // radosgw says only <Code>AccessDenied</Code> with an empty <Message>, where AWS adds
    // "Request has expired": the body does not say why.
    expect(errorCode(await late.text())).toBe('AccessDenied')
    // A fresh URL for the same part is accepted, so expiry was the only fault.
    expect((await putPart((await presign(upload, [1]))['1']!, bytes)).status).toBe(200)
    expect((await abort(upload)).status).toBe(200)
  })
})
