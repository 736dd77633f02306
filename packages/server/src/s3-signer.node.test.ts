import { S3Client } from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { type S3SignerOptions, SignerOptionError, createS3Signer } from './index'

// What needs no storage: options checked at creation, mounting, response headers. Presigning a
// single PUT is local computation, so a client pointing nowhere is enough. (The signer against a
// real store: apps/emulator/src/s3-signer.security.node.test.ts and s3-signer.radosgw.test.ts.)
const client = new S3Client({ region: 'us-east-1', endpoint: 'http://127.0.0.1:1', forcePathStyle: true, credentials: { accessKeyId: 'k', secretAccessKey: 's' } })
const base: S3SignerOptions = { client, bucket: 'b', secret: 's'.repeat(32), authorize: () => 'user', log: () => undefined }
const post = (signer: (r: Request) => Promise<Response>, path: string, body: unknown) =>
  signer(new Request(`http://signer.test${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }))

describe('createS3Signer options', () => {
  it('refuses bad options when created, naming the option', () => {
    const bad: Array<[Partial<S3SignerOptions>, string]> = [
      [{ secret: 'short' }, 'secret'],
      [{ secret: undefined as unknown as string }, 'secret'],
      [{ bucket: '' }, 'bucket'],
      [{ expiresIn: 604_801 }, 'expiresIn'],
      [{ maxBodyBytes: 0 }, 'maxBodyBytes'],
      [{ uploadTtlSeconds: 1.5 }, 'uploadTtlSeconds'],
      [{ contentDisposition: 'evil' as 'inline' }, 'contentDisposition'],
      [{ allowedOrigins: ['https://app.example/path'] }, 'allowedOrigins'],
      [{ accept: ['not a type'] }, 'accept'],
      [{ keyPrefix: `${'p'.repeat(200)}/${'q'.repeat(200)}/${'r'.repeat(200)}` }, 'keyPrefix'],
      [{ keyPrefix: 'p'.repeat(256) }, 'keyPrefix'],
      [{ keyPrefix: 'a/../b' }, 'keyPrefix'],
    ]
    for (const [options, option] of bad) {
      let thrown: unknown
      try {
        createS3Signer({ ...base, ...options })
      } catch (error) {
        thrown = error
      }
      expect(thrown, option).toBeInstanceOf(SignerOptionError)
      expect((thrown as SignerOptionError).option).toBe(option)
    }
  })

  it('mounts under basePath, and answers with a request id and no-store', async () => {
    const signer = createS3Signer({ ...base, basePath: '/api' })
    const signed = await post(signer, '/api/s3/object', { filename: 'a.txt', size: 3 })
    expect(signed.status).toBe(200)
    expect(signed.headers.get('cache-control')).toBe('no-store')
    expect(signed.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const { url, headers } = (await signed.json()) as { url: string; headers: Record<string, string> }
    expect(new URL(url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-disposition;content-length;content-type;host')
    expect(headers).toEqual({ 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment' })
    expect((await post(signer, '/s3/object', { filename: 'a.txt', size: 3 })).status).toBe(404)
  })
})

describe('POST /s3/objects (many small files in one call)', () => {
  type Batch = { objects: Array<{ url: string; key: string; size: number; headers: Record<string, string> } | { error: { code: string; status: number } }> }

  it('signs each file as POST /s3/object would, in order, with its own key and signed length', async () => {
    const signer = createS3Signer(base)
    const files = [
      { filename: 'a.txt', size: 3 },
      { filename: 'photos/b.png', type: 'image/png', size: 65_536 },
      { filename: 'c.bin', size: 0 },
    ]
    const answer = await post(signer, '/s3/objects', { files })
    expect(answer.status).toBe(200)
    const { objects } = (await answer.json()) as Batch
    expect(objects).toHaveLength(3)
    const keys = new Set<string>()
    for (const [i, object] of objects.entries()) {
      if ('error' in object) throw new Error(`file ${i} was refused: ${object.error.code}`)
      expect(object.size).toBe(files[i]!.size)
      expect(object.key.endsWith(files[i]!.filename.split('/').pop()!)).toBe(true)
      keys.add(object.key)
      const url = new URL(object.url)
      expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-disposition;content-length;content-type;host')
      expect(url.pathname).toContain(encodeURI(object.key).replace(/%2F/g, '/').split('/').pop()!)
    }
    expect(keys.size).toBe(3)
    // The same file alone gets the same kind of answer (one code path for both routes).
    const single = (await (await post(signer, '/s3/object', files[1])).json()) as { headers: Record<string, string> }
    expect((objects[1] as { headers: Record<string, string> }).headers).toEqual(single.headers)
  })

  it('refuses a bad file alone, with the code POST /s3/object gives, and signs the others', async () => {
    const signer = createS3Signer({ ...base, accept: ['image/*'] })
    const answer = await post(signer, '/s3/objects', {
      files: [{ filename: 'ok.png', type: 'image/png', size: 10 }, { filename: 'run.exe', type: 'application/x-msdownload', size: 10 }, { filename: '', size: 1 }],
    })
    expect(answer.status).toBe(200)
    const { objects } = (await answer.json()) as Batch
    expect('url' in objects[0]!).toBe(true)
    expect(objects[1]).toEqual({ error: { code: 'type-not-accepted', message: expect.any(String), status: 422 } })
    expect(objects[2]).toEqual({ error: { code: 'invalid-filename', message: expect.any(String), status: 400 } })
    const alone = await post(signer, '/s3/object', { filename: 'run.exe', type: 'application/x-msdownload', size: 10 })
    expect(alone.status).toBe(422)
  })

  it('refuses a malformed batch whole: no list, an empty one, over 100 files, a file that is not an object', async () => {
    const signer = createS3Signer(base)
    const many = Array.from({ length: 101 }, (_, i) => ({ filename: `f${i}.txt`, size: 1 }))
    for (const body of [{}, { files: [] }, { files: 'a.txt' }, { files: many }, { files: [{ filename: 'a.txt', size: 1 }, 'b.txt'] }]) {
      const answer = await post(signer, '/s3/objects', body)
      expect(answer.status, JSON.stringify(body).slice(0, 40)).toBe(400)
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('invalid-request')
    }
  })

  it('is closed like every route: without authorize saying who, nothing is signed', async () => {
    const signer = createS3Signer({ ...base, authorize: () => undefined })
    const answer = await post(signer, '/s3/objects', { files: [{ filename: 'a.txt', size: 1 }] })
    expect(answer.status).toBe(401)
  })
})
