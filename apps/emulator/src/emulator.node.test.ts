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

  it('lists parts for resume (paged by the signer), aborts, and then knows the upload no more', async () => {
    const upload = await startUpload('resume.bin')
    const q = `key=${encodeURIComponent(upload.key)}`
    for (const n of [1, 2, 3]) {
      const bytes = new Uint8Array(1024).fill(n)
      expect((await fetch(await upload.sign(n), { method: 'PUT', body: bytes, headers: { 'Content-MD5': md5(bytes) } })).status).toBe(200)
    }
    const listed = (await api('GET', `/s3/multipart/${upload.uploadId}?${q}`)) as unknown as Array<{ PartNumber: number; ETag: string; Size: number }>
    expect(listed.map((p) => [p.PartNumber, p.Size])).toEqual([[1, 1024], [2, 1024], [3, 1024]])
    expect(listed[0]!.ETag).toBe(`"${createHash('md5').update(new Uint8Array(1024).fill(1)).digest('hex')}"`)

    const aborted = await fetch(`${emulator.apiUrl}/s3/multipart/${upload.uploadId}?${q}`, { method: 'DELETE' })
    expect(aborted.status).toBe(200)
    const afterList = await fetch(`${emulator.apiUrl}/s3/multipart/${upload.uploadId}?${q}`)
    expect(afterList.status).toBe(404)
    expect(await afterList.text()).toMatch(/NoSuchUpload/)
    const lateBytes = new Uint8Array(10)
    const latePut = await fetch(await upload.sign(4), { method: 'PUT', body: lateBytes })
    expect(latePut.status).toBe(404)
  })

  it('enforces the complete rules S3 has: ETags must match, non-last parts at least 5 MiB', async () => {
    const upload = await startUpload('rules.bin')
    const q = `key=${encodeURIComponent(upload.key)}`
    const small = new Uint8Array(1024).fill(9)
    const etags: string[] = []
    for (const n of [1, 2]) {
      const put = await fetch(await upload.sign(n), { method: 'PUT', body: small, headers: { 'Content-MD5': md5(small) } })
      etags.push(put.headers.get('etag')!)
    }
    const complete = (parts: unknown) =>
      fetch(`${emulator.apiUrl}/s3/multipart/${upload.uploadId}/complete?${q}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ parts }),
      })
    const wrongEtag = await complete([{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }])
    expect(wrongEtag.status).toBe(400)
    expect(await wrongEtag.text()).toMatch(/InvalidPart/)
    const tooSmall = await complete(etags.map((ETag, i) => ({ PartNumber: i + 1, ETag })))
    expect(tooSmall.status).toBe(400)
    expect(await tooSmall.text()).toMatch(/EntityTooSmall/)
  })

  it('verifies signed additional checksums (CRC32C, SHA-256) on part PUTs', async () => {
    const { key, uploadId } = (await api('POST', '/s3/multipart', { filename: 'crc.bin', size: 6, checksumAlgorithm: 'CRC32C' })) as {
      key: string
      uploadId: string
    }
    const body = new TextEncoder().encode('123456789')
    const crc32c = Buffer.from('e3069283', 'hex').toString('base64') // the CRC-32C check value of "123456789"
    const signed = await api('GET', `/s3/multipart/${uploadId}/batch?key=${encodeURIComponent(key)}&partNumbers=1&checksumAlgorithm=CRC32C&checksums=${encodeURIComponent(crc32c)}`)
    const url = (signed.presignedUrls as Record<string, string>)['1']!
    expect(decodeURIComponent(url), url).toContain('x-amz-checksum-crc32c') // signed as a header, listed in X-Amz-SignedHeaders
    const headers = (signed.headers as Record<string, Record<string, string>>)['1']!
    expect(headers).toEqual({ 'x-amz-checksum-crc32c': crc32c })
    const good = await fetch(url, { method: 'PUT', body, headers })
    expect(good.status).toBe(200)
    const bad = await fetch(url, { method: 'PUT', body: new TextEncoder().encode('123456780'), headers })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('<Code>BadDigest</Code>')
    const badRequest = await fetch(`${emulator.apiUrl}/s3/multipart/${uploadId}/batch?key=${encodeURIComponent(key)}&partNumbers=1&checksumAlgorithm=CRC32C&checksums=abc`)
    expect(badRequest.status).toBe(400)
  })

  it('expires every URL issued so far on demand (POST /__expire-urls); URLs issued afterwards work', async () => {
    const upload = await startUpload('expire.bin')
    const stale = await upload.sign(1)
    const answer = await fetch(`${emulator.apiUrl}/__expire-urls`, { method: 'POST' })
    expect(answer.status).toBe(200)
    expect(Date.parse(((await answer.json()) as { expiredBefore: string }).expiredBefore)).toBeLessThanOrEqual(Date.now())
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

  it('injects a redirect with its Location, and a lost answer to a request that took effect', async () => {
    await fetch(`${emulator.apiUrl}/__faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify([
        { route: 's3.create', status: 302, headers: { Location: 'http://127.0.0.1:4611/login' }, times: 1 },
        { route: 's3.complete', dropResponse: true, times: 1 },
      ]),
    })
    const redirected = await fetch(`${emulator.apiUrl}/s3/multipart`, { method: 'POST', body: '{}', redirect: 'manual' })
    expect(redirected.status).toBe(302)
    expect(redirected.headers.get('location')).toBe('http://127.0.0.1:4611/login')

    const upload = await startUpload('lost-answer.bin')
    const bytes = new Uint8Array(1024).fill(9)
    const etag = (await fetch(await upload.sign(1), { method: 'PUT', body: bytes })).headers.get('etag')
    const complete = fetch(`${emulator.apiUrl}/s3/multipart/${upload.uploadId}/complete?key=${encodeURIComponent(upload.key)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ parts: [{ PartNumber: 1, ETag: etag }] }),
    })
    // The answer breaks off after its first bytes.
    await expect(complete.then((r) => r.text())).rejects.toThrow()
    // The completion happened all the same: the object is there.
    const inspected = await fetch(`${emulator.apiUrl}/__inspect/s3?key=${encodeURIComponent(upload.key)}`)
    expect(inspected.status).toBe(200)
    expect(((await inspected.json()) as { size: number }).size).toBe(1024)
    // Sent again, the completion finds the object (S3 itself no longer knows the upload).
    const again = await api('POST', `/s3/multipart/${upload.uploadId}/complete?key=${encodeURIComponent(upload.key)}`, { parts: [{ PartNumber: 1, ETag: etag }] })
    expect(again).toMatchObject({ key: upload.key, alreadyCompleted: true })
    // An upload that never completed is still refused: 404 NoSuchUpload.
    const never = await fetch(`${emulator.apiUrl}/s3/multipart/nope/complete?key=uploads%2Fnever.bin`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ parts: [{ PartNumber: 1, ETag: etag }] }),
    })
    expect(never.status).toBe(404)
    await fetch(`${emulator.apiUrl}/__faults`, { method: 'DELETE' })
  })

  it('throttles part bodies to the injected rate across connections', async () => {
    await fetch(`${emulator.apiUrl}/__faults`, { method: 'PUT', body: JSON.stringify([{ route: 's3.put', bytesPerSecond: 4 * MiB }]) })
    try {
      const upload = await startUpload('slow.bin')
      const bytes = new Uint8Array(2 * MiB).fill(1)
      const started = Date.now()
      const urls = await Promise.all([upload.sign(1), upload.sign(2)])
      const answers = await Promise.all(urls.map((url) => fetch(url, { method: 'PUT', body: bytes })))
      expect(answers.map((a) => a.status)).toEqual([200, 200])
      // 4 MiB in all at 4 MiB/s: about a second, whatever the number of connections.
      expect(Date.now() - started).toBeGreaterThanOrEqual(800)
    } finally {
      await fetch(`${emulator.apiUrl}/__faults`, { method: 'DELETE' })
    }
  })
})
