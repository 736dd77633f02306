import { createHash, createHmac } from 'node:crypto'
import type http from 'node:http'
import { SignatureV4 } from '@smithy/signature-v4'
import { describe, expect, it } from 'vitest'
import { type SignedRequest, payloadMatches, verifySigV4 } from './s3-sigv4'

// The verifier against the AWS SDK's own signer (@smithy/signature-v4) as the reference: what
// it signs must verify, and any change S3 would notice must not.
const account = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
const HOST = '127.0.0.1:4569'

type SourceData = string | ArrayBuffer | ArrayBufferView
const bytesOf = (data: SourceData) =>
  typeof data === 'string' ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)

/** node:crypto behind the Checksum interface the SDK signer expects. */
class Sha256 {
  private readonly hash
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(secret))
  }
  update(data: SourceData) {
    this.hash.update(bytesOf(data))
  }
  digest() {
    return Promise.resolve(new Uint8Array(this.hash.digest()))
  }
  reset() {}
}

const signer = (credentials = account) => new SignatureV4({ service: 's3', region: 'us-east-1', credentials, sha256: Sha256, uriEscapePath: false, applyChecksum: false })
const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
const encodePath = (key: string) => `/uploads/${key.split('/').map(encode).join('/')}`

interface Signed {
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string>
}

function toRequest(signed: Signed): SignedRequest {
  const query = Object.entries(signed.query)
    .map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .join('&')
  const headers: http.IncomingHttpHeaders = Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value]))
  return { method: signed.method, url: query ? `${signed.path}?${query}` : signed.path, headers }
}

/** A presigned part PUT, as the signer makes them: Content-Length signed, payload unsigned. */
async function presignPart(key: string, length: number, options: { expiresIn?: number; signingDate?: Date; credentials?: typeof account } = {}) {
  const presigned = (await signer(options.credentials).presign(
    {
      method: 'PUT',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4569,
      path: encodePath(key),
      query: { partNumber: '1', uploadId: 'up/load+id=1', 'x-id': 'UploadPart' },
      headers: { host: HOST, 'content-length': String(length), 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    },
    { expiresIn: options.expiresIn ?? 900, ...(options.signingDate ? { signingDate: options.signingDate } : {}) },
  )) as unknown as Signed
  return toRequest(presigned)
}

/** A header-signed call with a body, as the SDK's backend calls are. */
async function signWithHeaders(body: string, signingDate?: Date) {
  const payload = createHash('sha256').update(body).digest('hex')
  const signed = (await signer().sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4569,
      path: encodePath('a b/ü.bin'),
      query: { uploadId: 'u1' },
      headers: { host: HOST, 'content-type': 'application/xml', 'content-length': String(body.length), 'x-amz-content-sha256': payload },
      body,
    },
    signingDate ? { signingDate } : {},
  )) as unknown as Signed
  return toRequest(signed)
}

const withHeader = (request: SignedRequest, name: string, value: string): SignedRequest => ({ ...request, headers: { ...request.headers, [name]: value } })
const withQuery = (request: SignedRequest, from: string, to: string): SignedRequest => ({ ...request, url: request.url.replace(from, to) })

describe('SigV4 verification (presigned query auth)', () => {
  it('accepts what the SDK presigned, keys with spaces, unicode and reserved characters included', async () => {
    for (const key of ['plain.bin', 'a b/ünïcødé 名前.txt', "it's (1) [x] & y=z+w~.bin"]) {
      const outcome = verifySigV4(await presignPart(key, 5), [account])
      expect(outcome, key).toEqual({ ok: true, accessKeyId: account.accessKeyId, payloadHash: 'UNSIGNED-PAYLOAD' })
    }
  })

  it('refuses a body of another length than the signed Content-Length', async () => {
    const request = await presignPart('part.bin', 5 * 1024 * 1024)
    expect(verifySigV4(request, [account]).ok).toBe(true)
    expect(verifySigV4(withHeader(request, 'content-length', String(5 * 1024 * 1024 + 1)), [account])).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' })
    const chunked = { ...request, headers: { ...request.headers, 'content-length': undefined, 'transfer-encoding': 'chunked' } }
    expect(verifySigV4(chunked, [account])).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' })
  })

  it('refuses a zeroed or altered signature, another part number, method or host', async () => {
    const request = await presignPart('part.bin', 5)
    const signature = /X-Amz-Signature=([0-9a-f]{64})/.exec(request.url)![1]!
    expect(verifySigV4(withQuery(request, signature, '0'.repeat(64)), [account])).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' })
    expect(verifySigV4(withQuery(request, 'partNumber=1', 'partNumber=2'), [account])).toMatchObject({ code: 'SignatureDoesNotMatch' })
    expect(verifySigV4({ ...request, method: 'DELETE' }, [account])).toMatchObject({ code: 'SignatureDoesNotMatch' })
    expect(verifySigV4(withHeader(request, 'host', '127.0.0.1:4570'), [account])).toMatchObject({ code: 'SignatureDoesNotMatch' })
  })

  it('refuses unsigned requests, unknown keys and the wrong secret', async () => {
    const request = await presignPart('part.bin', 5)
    const bare = { ...request, url: request.url.split('?')[0]! + '?partNumber=1&uploadId=x' }
    expect(verifySigV4(bare, [account])).toMatchObject({ status: 403, code: 'AccessDenied' })
    const stranger = await presignPart('part.bin', 5, { credentials: { accessKeyId: 'OTHER', secretAccessKey: account.secretAccessKey } })
    expect(verifySigV4(stranger, [account])).toMatchObject({ status: 403, code: 'InvalidAccessKeyId' })
    const forged = await presignPart('part.bin', 5, { credentials: { ...account, secretAccessKey: 'guessed' } })
    expect(verifySigV4(forged, [account])).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' })
  })

  it('refuses an expired URL (AccessDenied, Request has expired) and an X-Amz-Expires beyond 7 days', async () => {
    const signedAt = new Date('2026-12-01T10:00:00Z')
    const request = await presignPart('part.bin', 5, { expiresIn: 60, signingDate: signedAt })
    expect(verifySigV4(request, [account], signedAt.getTime() + 59_000).ok).toBe(true)
    expect(verifySigV4(request, [account], signedAt.getTime() + 61_000)).toEqual({ ok: false, status: 403, code: 'AccessDenied', message: 'Request has expired' })
    const tooLong = withQuery(request, 'X-Amz-Expires=60', 'X-Amz-Expires=604801')
    expect(verifySigV4(tooLong, [account], signedAt.getTime())).toMatchObject({ status: 400, code: 'AuthorizationQueryParametersError' })
  })

  it('refuses an x-amz-* header that was not signed (a checksum added after signing)', async () => {
    const request = withHeader(await presignPart('part.bin', 5), 'x-amz-checksum-crc32c', 'AAAAAA==')
    expect(verifySigV4(request, [account])).toEqual({ ok: false, status: 403, code: 'AccessDenied', message: 'There were headers present in the request which were not signed' })
  })
})

describe('SigV4 verification (Authorization header)', () => {
  it('accepts what the SDK signed and returns the payload hash the body must match', async () => {
    const body = '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>'
    const outcome = verifySigV4(await signWithHeaders(body), [account])
    expect(outcome.ok).toBe(true)
    const payloadHash = (outcome as { payloadHash: string }).payloadHash
    expect(payloadMatches(payloadHash, new TextEncoder().encode(body))).toBe(true)
    expect(payloadMatches(payloadHash, new TextEncoder().encode(body.replace('1', '2')))).toBe(false)
  })

  it('refuses a request signed more than 15 minutes from now, a missing payload hash, an altered header', async () => {
    const skewed = await signWithHeaders('x', new Date(Date.now() - 16 * 60_000))
    expect(verifySigV4(skewed, [account])).toMatchObject({ status: 403, code: 'RequestTimeTooSkewed' })
    const request = await signWithHeaders('x')
    const { 'x-amz-content-sha256': _dropped, ...headers } = request.headers
    expect(verifySigV4({ ...request, headers }, [account])).toMatchObject({ status: 400, code: 'InvalidRequest' })
    expect(verifySigV4(withHeader(request, 'content-type', 'text/html'), [account])).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' })
    expect(verifySigV4(withHeader(request, 'authorization', 'AWS AKIDEXAMPLE:abc'), [account])).toMatchObject({ status: 400 })
  })
})
