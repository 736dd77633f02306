import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createS3Signer } from './s3-signer'

// The signer against a real S3 implementation (s3rver) on loopback, driven through its
// Request -> Response handler exactly as a deployed app would.
const PORT = 4579
const MiB = 1024 * 1024
let directory: string
let server: S3rver
let signer: (request: Request) => Promise<Response>

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'uplink-signer-'))
  server = new S3rver({ address: '127.0.0.1', port: PORT, silent: true, directory, configureBuckets: [{ name: 'test', configs: [] }] })
  await server.run()
  signer = createS3Signer({
    endpoint: `http://127.0.0.1:${PORT}`,
    bucket: 'test',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  })
})

afterAll(async () => {
  await server.close()
  await rm(directory, { recursive: true, force: true })
})

const call = async (method: string, url: string, body?: unknown) => {
  const response = await signer(
    new Request(`http://signer.test${url}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
    }),
  )
  return { status: response.status, json: (await response.json()) as Record<string, unknown> & unknown[] }
}

const md5Base64 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('base64')

describe('S3 signer', () => {
  it('creates, presigns, completes: the object is the concatenated parts', async () => {
    const created = await call('POST', '/s3/multipart', { filename: 'dir/../report.pdf', type: 'application/pdf', size: 6 * MiB })
    expect(created.status).toBe(200)
    const { key, uploadId } = created.json as unknown as { key: string; uploadId: string }
    expect(key).toMatch(/^uploads\/[0-9a-f-]{36}\/dir\/report\.pdf$/)

    const q = `key=${encodeURIComponent(key)}`
    const batch = await call('GET', `/s3/multipart/${uploadId}/batch?${q}&partNumbers=1,2`)
    const urls = batch.json.presignedUrls as Record<string, string>
    expect(Object.keys(urls)).toEqual(['1', '2'])
    expect(urls['1']).toContain('X-Amz-Signature=')
    expect(urls['1']).not.toContain('x-amz-checksum') // no empty-body CRC baked in (s3.md §4)

    const part1 = new Uint8Array(5 * MiB).fill(1)
    const part2 = new Uint8Array(1 * MiB).fill(2)
    const etags: string[] = []
    for (const [i, bytes] of [part1, part2].entries()) {
      const put = await fetch(urls[String(i + 1)]!, { method: 'PUT', body: bytes, headers: { 'Content-MD5': md5Base64(bytes) } })
      expect(put.status).toBe(200)
      etags.push(put.headers.get('ETag')!)
    }

    const done = await call('POST', `/s3/multipart/${uploadId}/complete?${q}`, {
      parts: etags.map((ETag, i) => ({ PartNumber: i + 1, ETag })),
    })
    expect(done.status).toBe(200)

    const object = await fetch(`http://127.0.0.1:${PORT}/test/${key}`)
    const stored = new Uint8Array(await object.arrayBuffer())
    const expected = createHash('sha256').update(part1).update(part2).digest('hex')
    expect(createHash('sha256').update(stored).digest('hex')).toBe(expected)
  })

  it('answers bad input with 400 and a reason', async () => {
    expect((await call('POST', '/s3/multipart', { size: 1 })).json.error).toMatch(/filename/)
    expect((await call('POST', '/s3/multipart', { filename: 'a', size: -1 })).status).toBe(400)
    expect((await call('GET', '/s3/multipart/u/batch?key=k&partNumbers=0')).status).toBe(400)
    expect((await call('GET', '/s3/multipart/u/batch?key=k&partNumbers=10001')).status).toBe(400)
    expect((await call('GET', '/s3/multipart/u/batch?partNumbers=1')).json.error).toMatch(/key/)
    const notJson = await signer(new Request('http://signer.test/s3/multipart', { method: 'POST', body: 'nope' }))
    expect(notJson.status).toBe(400)
  })
})
