import { createHash } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EMULATOR_TOKEN } from './kit/auth'
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

const AUTH = { Authorization: `Bearer ${EMULATOR_TOKEN}` }
const request = (method: string, url: string, body?: unknown) =>
  fetch(`${emulator.apiUrl}${url}`, {
    method,
    headers: { ...AUTH, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
const api = async (method: string, url: string, body?: unknown) => (await (await request(method, url, body)).json()) as Record<string, unknown>
const md5 = (bytes: Uint8Array | string) => createHash('md5').update(bytes).digest('base64')

/** An upload through the emulator's signer: the declared size (and part size) fix its plan. */
async function startUpload(name: string, size: number, extra: Record<string, unknown> = {}) {
  const { key, uploadId, token } = (await api('POST', '/s3/multipart', { filename: name, size, ...extra })) as { key: string; uploadId: string; token: string }
  const q = `key=${encodeURIComponent(key)}&token=${encodeURIComponent(token)}`
  const sign = async (n: number) => ((await api('GET', `/s3/multipart/${uploadId}/batch?${q}&partNumbers=${n}`)).presignedUrls as Record<string, string>)[n]!
  return { key, uploadId, q, sign }
}

// These tests store real parts through the S3 front into s3rver (MB of bodies, MD5, SigV4, disk,
// complete, a SHA-256 of the object). Measured at 1.9-4.8 s for the 6 MiB one on a 2-core machine
// with a load of 12: Vitest's default 5 s budget made it fail now and then (flaky in the full run).
// The timeout is there to catch a hang, not to judge speed.
describe('emulator S3', { timeout: 30_000 }, () => {
  it('refuses a part whose Content-MD5 does not match, with the S3 error and CORS headers', async () => {
    const upload = await startUpload('bad.bin', 5)
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
    const upload = await startUpload('good.bin', 6 * MiB, { partSize: 5 * MiB })
    const parts = [new Uint8Array(5 * MiB).fill(3), new Uint8Array(MiB).fill(4)]
    const etags: string[] = []
    for (const [i, bytes] of parts.entries()) {
      const put = await fetch(await upload.sign(i + 1), { method: 'PUT', body: bytes, headers: { 'Content-MD5': md5(bytes) } })
      expect(put.status).toBe(200)
      etags.push(put.headers.get('etag')!)
    }
    const done = await api('POST', `/s3/multipart/${upload.uploadId}/complete?${upload.q}`, {
      parts: etags.map((ETag, i) => ({ PartNumber: i + 1, ETag })),
    })
    expect(done.key).toBe(upload.key)
    const inspected = await api('GET', `/__inspect/s3?key=${encodeURIComponent(upload.key)}`)
    const whole = createHash('sha256').update(parts[0]!).update(parts[1]!).digest('hex')
    expect(inspected).toMatchObject({ size: 6 * MiB, sha256: whole })
    const log = (await (await fetch(`${emulator.apiUrl}/__log`)).json()) as Array<{ path: string; parts?: number }>
    expect(log.find((e) => e.path.endsWith('/complete'))?.parts).toBe(2)
  })

  it('lists the stored objects while one is half written (its metadata still empty), leaving that one out', async () => {
    const { url, key, headers } = (await api('POST', '/s3/object', { filename: 'listed.txt', size: 5, type: 'text/plain', metadata: {} })) as {
      url: string
      key: string
      headers: Record<string, string>
    }
    expect((await fetch(url, { method: 'PUT', body: 'hello', headers })).status).toBe(200)
    // The moment s3rver has written an object's bytes and truncated, not yet filled, its metadata.
    const bucketDir = path.join(emulator.storageDir, 'uploads')
    await writeFile(path.join(bucketDir, 'half-written.bin._S3rver_object'), 'bytes')
    await writeFile(path.join(bucketDir, 'half-written.bin._S3rver_metadata.json'), '')
    try {
      const listing = await fetch(`${emulator.apiUrl}/__list/s3`)
      expect(listing.status).toBe(200)
      const objects = (await listing.json()) as Array<{ key: string; size: number }>
      expect(objects).toContainEqual(expect.objectContaining({ key, size: 5 }))
      expect(objects.map((o) => o.key)).not.toContain('half-written.bin')
    } finally {
      await rm(path.join(bucketDir, 'half-written.bin._S3rver_object'))
      await rm(path.join(bucketDir, 'half-written.bin._S3rver_metadata.json'))
    }
  })

  it('lists parts for resume (paged by the signer), aborts, and then knows the upload no more', async () => {
    const upload = await startUpload('resume.bin', 11 * MiB, { partSize: 5 * MiB })
    const parts = [new Uint8Array(5 * MiB).fill(1), new Uint8Array(5 * MiB).fill(2), new Uint8Array(MiB).fill(3)]
    const urls = await Promise.all([1, 2, 3].map((n) => upload.sign(n)))
    for (const [i, bytes] of parts.slice(0, 2).entries()) {
      expect((await fetch(urls[i]!, { method: 'PUT', body: bytes, headers: { 'Content-MD5': md5(bytes) } })).status).toBe(200)
    }
    const listed = (await api('GET', `/s3/multipart/${upload.uploadId}?${upload.q}`)) as unknown as Array<{ PartNumber: number; ETag: string; Size: number }>
    expect(listed.map((p) => [p.PartNumber, p.Size])).toEqual([[1, 5 * MiB], [2, 5 * MiB]])
    expect(listed[0]!.ETag).toBe(`"${createHash('md5').update(parts[0]!).digest('hex')}"`)

    const aborted = await request('DELETE', `/s3/multipart/${upload.uploadId}?${upload.q}`)
    expect(aborted.status).toBe(200)
    const afterList = await request('GET', `/s3/multipart/${upload.uploadId}?${upload.q}`)
    expect(afterList.status).toBe(404)
    expect(((await afterList.json()) as { error: { code: string } }).error.code).toBe('no-such-upload')
    // A URL signed before the abort: the store no longer knows the upload.
    const latePut = await fetch(urls[2]!, { method: 'PUT', body: parts[2]! })
    expect(latePut.status).toBe(404)
    expect(await latePut.text()).toContain('<Code>NoSuchUpload</Code>')
  })

  it('enforces the complete rules S3 has: ETags must match, non-last parts at least 5 MiB', async () => {
    // Through the signer: the part is stored as planned, but the ETag given is not its own.
    const upload = await startUpload('rules.bin', 1024)
    const small = new Uint8Array(1024).fill(9)
    expect((await fetch(await upload.sign(1), { method: 'PUT', body: small, headers: { 'Content-MD5': md5(small) } })).status).toBe(200)
    const wrongEtag = await request('POST', `/s3/multipart/${upload.uploadId}/complete?${upload.q}`, { parts: [{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }] })
    expect(wrongEtag.status).toBe(400)
    expect(((await wrongEtag.json()) as { error: { code: string } }).error.code).toBe('invalid-part')

    // Straight to the front with the account's keys (the signer's plan never makes small parts).
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: emulator.s3Endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    })
    const Key = 'direct/small-parts.bin'
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'uploads', Key }))
    const etags: string[] = []
    for (const PartNumber of [1, 2]) etags.push((await s3.send(new UploadPartCommand({ Bucket: 'uploads', Key, UploadId, PartNumber, Body: small }))).ETag!)
    const tooSmall = s3.send(new CompleteMultipartUploadCommand({ Bucket: 'uploads', Key, UploadId, MultipartUpload: { Parts: etags.map((ETag, i) => ({ PartNumber: i + 1, ETag })) } }))
    await expect(tooSmall).rejects.toMatchObject({ name: 'EntityTooSmall', $metadata: { httpStatusCode: 400 } })
  })

  it('verifies signed additional checksums (CRC32C, SHA-256) on part PUTs', async () => {
    const { uploadId, q } = await startUpload('crc.bin', 9, { checksumAlgorithm: 'CRC32C' })
    const body = new TextEncoder().encode('123456789')
    const crc32c = Buffer.from('e3069283', 'hex').toString('base64') // the CRC-32C check value of "123456789"
    const signed = await api('GET', `/s3/multipart/${uploadId}/batch?${q}&partNumbers=1&checksumAlgorithm=CRC32C&checksums=${encodeURIComponent(crc32c)}`)
    const url = (signed.presignedUrls as Record<string, string>)['1']!
    expect(decodeURIComponent(url), url).toContain('x-amz-checksum-crc32c') // signed as a header, listed in X-Amz-SignedHeaders
    const headers = (signed.headers as Record<string, Record<string, string>>)['1']!
    expect(headers).toEqual({ 'x-amz-checksum-crc32c': crc32c })
    const good = await fetch(url, { method: 'PUT', body, headers })
    expect(good.status).toBe(200)
    const bad = await fetch(url, { method: 'PUT', body: new TextEncoder().encode('123456780'), headers })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('<Code>BadDigest</Code>')
    const badRequest = await request('GET', `/s3/multipart/${uploadId}/batch?${q}&partNumbers=1&checksumAlgorithm=CRC32C&checksums=abc`)
    expect(badRequest.status).toBe(400)
  })

  it('expires every URL issued so far on demand (POST /__expire-urls); URLs issued afterwards work', async () => {
    const upload = await startUpload('expire.bin', 1024)
    const stale = await upload.sign(1)
    const answer = await fetch(`${emulator.apiUrl}/__expire-urls`, { method: 'POST' })
    expect(answer.status).toBe(200)
    // The answer names the instant URLs are expired before (an ISO date); what it does is checked below.
    expect(Number.isFinite(Date.parse(((await answer.json()) as { expiredBefore: string }).expiredBefore))).toBe(true)
    const bytes = new Uint8Array(1024).fill(7)
    const refused = await fetch(stale, { method: 'PUT', body: bytes })
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain('<Message>Request has expired</Message>')
    expect((await fetch(await upload.sign(1), { method: 'PUT', body: bytes })).status).toBe(200)
    // The log says what each PUT carried, refused or not: the bytes a client spent.
    const log = (await api('GET', '/__log')) as unknown as Array<{ method: string; path: string; status: number; bytes?: number }>
    const puts = log.filter((e) => e.method === 'PUT' && e.path.startsWith('/s3-storage/') && e.path.endsWith(upload.key))
    expect(puts.map((e) => [e.status, e.bytes])).toEqual([[403, 1024], [200, 1024]])
  })

  it("tells the time on its log's clock (GET /__now): a request sent between two reads is logged between them", async () => {
    const before = (await api('GET', '/__now')).now as number
    await startUpload('now.bin', 1024)
    const after = (await api('GET', '/__now')).now as number
    const log = (await api('GET', '/__log')) as unknown as Array<{ method: string; path: string; at: number; startedAt: number }>
    const created = log.filter((e) => e.method === 'POST' && e.path === '/s3/multipart').at(-1)!
    expect(created.startedAt).toBeGreaterThanOrEqual(before)
    expect(created.at).toBeLessThanOrEqual(after)
  })

  it('injects a redirect with its Location, and a lost answer to a request that took effect', async () => {
    await fetch(`${emulator.apiUrl}/__faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify([
        { route: 's3.create', status: 302, headers: { Location: 'http://127.0.0.1:4611/login' }, times: 1 },
        { route: 's3.complete', dropResponse: true, times: 1 },
      ]),
    })
    const redirected = await fetch(`${emulator.apiUrl}/s3/multipart`, { method: 'POST', headers: AUTH, body: '{}', redirect: 'manual' })
    expect(redirected.status).toBe(302)
    expect(redirected.headers.get('location')).toBe('http://127.0.0.1:4611/login')

    const upload = await startUpload('lost-answer.bin', 1024)
    const bytes = new Uint8Array(1024).fill(9)
    const etag = (await fetch(await upload.sign(1), { method: 'PUT', body: bytes })).headers.get('etag')
    const complete = fetch(`${emulator.apiUrl}/s3/multipart/${upload.uploadId}/complete?${upload.q}`, {
      method: 'POST',
      headers: { ...AUTH, 'Content-Type': 'application/json' },
      body: JSON.stringify({ parts: [{ PartNumber: 1, ETag: etag }] }),
    })
    // The answer breaks off after its first bytes.
    await expect(complete.then((r) => r.text())).rejects.toThrow()
    // The completion happened all the same: the object is there.
    const inspected = await fetch(`${emulator.apiUrl}/__inspect/s3?key=${encodeURIComponent(upload.key)}`)
    expect(inspected.status).toBe(200)
    expect(((await inspected.json()) as { size: number }).size).toBe(1024)
    // Sent again, the completion finds the object (S3 itself no longer knows the upload).
    const again = await api('POST', `/s3/multipart/${upload.uploadId}/complete?${upload.q}`, { parts: [{ PartNumber: 1, ETag: etag }] })
    expect(again).toMatchObject({ key: upload.key, alreadyCompleted: true })
    // An upload that never completed (aborted) is still refused: 404 no-such-upload.
    const aborted = await startUpload('aborted.bin', 1024)
    const abortedEtag = (await fetch(await aborted.sign(1), { method: 'PUT', body: bytes })).headers.get('etag')
    expect((await request('DELETE', `/s3/multipart/${aborted.uploadId}?${aborted.q}`)).status).toBe(200)
    const never = await request('POST', `/s3/multipart/${aborted.uploadId}/complete?${aborted.q}`, { parts: [{ PartNumber: 1, ETag: abortedEtag }] })
    expect(never.status).toBe(404)
    expect(await never.json()).toMatchObject({ error: { code: 'no-such-upload' } })
    await fetch(`${emulator.apiUrl}/__faults`, { method: 'DELETE' })
  })

  it('passes throttled part bodies through intact, on every connection (the pacing itself: throttle.node.test.ts)', async () => {
    await fetch(`${emulator.apiUrl}/__faults`, { method: 'PUT', body: JSON.stringify([{ route: 's3.put', bytesPerSecond: 4 * MiB }]) })
    try {
      const uploads = await Promise.all([startUpload('slow-1.bin', 2 * MiB), startUpload('slow-2.bin', 2 * MiB)])
      const bytes = new Uint8Array(2 * MiB).fill(1)
      const urls = await Promise.all(uploads.map((upload) => upload.sign(1)))
      const answers = await Promise.all(urls.map((url) => fetch(url, { method: 'PUT', body: bytes })))
      expect(answers.map((a) => a.status)).toEqual([200, 200])
    } finally {
      await fetch(`${emulator.apiUrl}/__faults`, { method: 'DELETE' })
    }
  })
})

describe('emulator: what only this machine may do', () => {
  const control = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) => fetch(`${emulator.apiUrl}${path}`, init)

  it('answers control routes for loopback pages only, echoing their origin (never "*")', async () => {
    const loopback = await control('/__log', { headers: { Origin: 'http://127.0.0.1:4173' } })
    expect(loopback.status).toBe(200)
    expect(loopback.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4173')
    for (const origin of ['https://evil.example', 'http://127.0.0.1.evil.example', 'null']) {
      const refused = await control('/__faults', {
        method: 'PUT',
        headers: { Origin: origin, 'Content-Type': 'application/json' },
        body: JSON.stringify([{ route: '*', status: 500 }]),
      })
      expect(refused.status, origin).toBe(403)
      expect(refused.headers.get('access-control-allow-origin')).toBeNull()
    }
    expect(await (await control('/__faults')).json()).toEqual([])
    const preflight = await control('/__faults', { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'PUT' } })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('refuses a rebound DNS name (a Host that is not loopback), even with no Origin', async () => {
    const { status } = await new Promise<{ status: number }>((resolve, reject) => {
      // fetch() will not send another Host header; http.request will.
      void import('node:http').then(({ request }) =>
        request(`${emulator.apiUrl}/__log`, { headers: { Host: 'attacker.example:4611' } }, (res) => {
          res.resume()
          resolve({ status: res.statusCode ?? 0 })
        })
          .on('error', reject)
          .end(),
      )
    })
    expect(status).toBe(403)
  })

  it('says nothing about the machine on /health', async () => {
    expect(await (await control('/health')).json()).toEqual({ ok: true })
  })

  it("mounts the signer behind the development token: anyone else is refused", async () => {
    const anonymous = await fetch(`${emulator.apiUrl}/s3/multipart`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ filename: 'x', size: 1 }) })
    expect(anonymous.status).toBe(401)
    const preflight = await fetch(`${emulator.apiUrl}/s3/multipart`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('verifies signatures at the S3 front: an unsigned PUT or a zeroed signature stores nothing', async () => {
    const upload = await startUpload('unsigned.bin', 5)
    const url = new URL(await upload.sign(1))
    const unsigned = `${url.origin}${url.pathname}?partNumber=1&uploadId=${encodeURIComponent(upload.uploadId)}`
    const zeroed = new URL(url)
    zeroed.searchParams.set('X-Amz-Signature', '0'.repeat(64))
    for (const [target, code] of [
      [unsigned, 'AccessDenied'],
      [zeroed.toString(), 'SignatureDoesNotMatch'],
    ] as const) {
      const put = await fetch(target, { method: 'PUT', body: 'hello' })
      expect(put.status).toBe(403)
      expect(await put.text()).toContain(`<Code>${code}</Code>`)
    }
    expect(await api('GET', `/s3/multipart/${upload.uploadId}?${upload.q}`)).toEqual([])
  })
})
