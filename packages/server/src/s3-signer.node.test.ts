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
