import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListPartsCommand,
  type Part,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { buildObjectKey } from './object-key'

export interface S3SignerOptions {
  /** S3 endpoint (omit for AWS). e.g. http://127.0.0.1:4569 for s3rver, :7480 for radosgw. */
  endpoint?: string
  region?: string
  bucket: string
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  /** Path-style URLs (needed by most self-hosted stores). */
  forcePathStyle?: boolean
  /** Prefix for object keys. */
  keyPrefix?: string
  /** Lifetime of presigned part URLs, seconds (SigV4 allows 1..604800); a function is asked per batch. */
  expiresIn?: number | (() => number)
  /** Largest file the signer agrees to start, bytes. */
  maxFileSize?: number
  /** Decide whether a request may upload (check a session cookie, a token...). */
  authorize?: (request: Request) => boolean | Promise<boolean>
  /** Use a ready client instead of building one. */
  client?: S3Client
}

const MAX_BATCH = 100

/**
 * The S3 multipart signer a production app deploys beside the widget: a standard
 * `Request -> Response` handler (s3.md §1 routes) that creates uploads, presigns part URLs,
 * lists parts for resume, completes and aborts, with the official AWS SDK.
 */
export function createS3Signer(options: S3SignerOptions): (request: Request) => Promise<Response> {
  const client =
    options.client ??
    new S3Client({
      region: options.region ?? 'us-east-1',
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle ?? Boolean(options.endpoint),
      credentials: options.credentials,
      // Without this, SDK v3 presigns a CRC32 of an empty body into part URLs and every real
      // part then fails its checksum (s3.md §4).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    })
  const Bucket = options.bucket
  const app = new Hono()

  app.use('*', async (c, next) => {
    if (options.authorize && !(await options.authorize(c.req.raw))) throw new HTTPException(401, { message: 'not authorized' })
    await next()
  })

  app.post('/s3/multipart', async (c) => {
    const { filename, type, metadata } = readUploadRequest(await readJsonObject(c.req.raw), options.maxFileSize)
    const Key = buildObjectKey(options.keyPrefix ?? 'uploads', filename)
    const created = await client.send(
      new CreateMultipartUploadCommand({ Bucket, Key, ContentType: type, Metadata: metadata }),
    )
    if (!created.UploadId) throw new HTTPException(502, { message: 'storage returned no UploadId' })
    return c.json({ key: Key, uploadId: created.UploadId })
  })

  // Small files: one presigned PutObject instead of create + part + complete.
  app.post('/s3/object', async (c) => {
    const { filename, type, size, metadata } = readUploadRequest(await readJsonObject(c.req.raw), options.maxFileSize)
    const Key = buildObjectKey(options.keyPrefix ?? 'uploads', filename)
    const expiresIn = typeof options.expiresIn === 'function' ? options.expiresIn() : (options.expiresIn ?? 900)
    const url = await getSignedUrl(client, new PutObjectCommand({ Bucket, Key, ContentType: type, Metadata: metadata }), {
      expiresIn,
      signableHeaders: new Set(['content-type']),
    })
    return c.json({ url, key: Key, size, expiresAt: Date.now() + expiresIn * 1000 })
  })

  app.get('/s3/multipart/:uploadId/batch', async (c) => {
    const UploadId = c.req.param('uploadId')
    const Key = requireKey(c.req.query('key'))
    const numbers = (c.req.query('partNumbers') ?? '').split(',').filter(Boolean).map(Number)
    if (numbers.length === 0 || numbers.length > MAX_BATCH) throw badRequest(`partNumbers must list 1..${MAX_BATCH} parts`)
    if (numbers.some((n) => !Number.isInteger(n) || n < 1 || n > 10_000)) throw badRequest('part numbers are 1..10000')
    const presignedUrls: Record<string, string> = {}
    const expiresIn = typeof options.expiresIn === 'function' ? options.expiresIn() : (options.expiresIn ?? 900)
    const expiresAt = Date.now() + expiresIn * 1000
    await Promise.all(
      numbers.map(async (PartNumber) => {
        presignedUrls[PartNumber] = await getSignedUrl(client, new UploadPartCommand({ Bucket, Key, UploadId, PartNumber }), {
          expiresIn,
        })
      }),
    )
    return c.json({ presignedUrls, expiresAt })
  })

  app.get('/s3/multipart/:uploadId', async (c) => {
    const UploadId = c.req.param('uploadId')
    const Key = requireKey(c.req.query('key'))
    const parts: Array<{ PartNumber: number; ETag: string; Size: number }> = []
    let PartNumberMarker: string | undefined
    // ListParts pages at 1000; merge all pages.
    for (;;) {
      const page = await client.send(new ListPartsCommand({ Bucket, Key, UploadId, PartNumberMarker }))
      for (const part of page.Parts ?? []) {
        parts.push({ PartNumber: part.PartNumber ?? 0, ETag: part.ETag ?? '', Size: part.Size ?? 0 })
      }
      if (!page.IsTruncated) break
      // A truncated page must move the marker on; stopping here would answer a partial list.
      const next = page.NextPartNumberMarker ?? String(parts.at(-1)?.PartNumber ?? '')
      if (!next || next === PartNumberMarker) throw new HTTPException(502, { message: 'storage returned a truncated part list with no way on' })
      PartNumberMarker = next
    }
    return c.json(parts)
  })

  app.post('/s3/multipart/:uploadId/complete', async (c) => {
    const UploadId = c.req.param('uploadId')
    const Key = requireKey(c.req.query('key'))
    const body = await readJsonObject(c.req.raw)
    if (!Array.isArray(body.parts) || body.parts.length === 0) throw badRequest('parts must be a non-empty list')
    const Parts: Part[] = body.parts.map((raw: unknown) => {
      const part = (raw ?? {}) as Record<string, unknown>
      if (!Number.isInteger(part.PartNumber) || typeof part.ETag !== 'string') throw badRequest('each part needs PartNumber and ETag')
      return { PartNumber: part.PartNumber as number, ETag: part.ETag }
    })
    const done = await client.send(
      new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } }),
    )
    // Ceph radosgw (Pacific) answers <ETag></ETag> here (Red Hat BZ 2266579); the object's
    // HEAD carries the real "<md5>-N" ETag, so ask for it rather than report an empty one.
    const etag = done.ETag || (await client.send(new HeadObjectCommand({ Bucket, Key }))).ETag || null
    return c.json({ location: done.Location ?? Key, key: Key, etag })
  })

  app.delete('/s3/multipart/:uploadId', async (c) => {
    const UploadId = c.req.param('uploadId')
    const Key = requireKey(c.req.query('key'))
    await client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }))
    return c.json({})
  })

  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ error: error.message }, error.status)
    // Errors from S3 keep their status (404 NoSuchUpload, 400 InvalidPart...) and name.
    const meta = (error as { $metadata?: { httpStatusCode?: number }; name?: string }).$metadata
    const status = meta?.httpStatusCode && meta.httpStatusCode >= 400 ? meta.httpStatusCode : 502
    return c.json({ error: `${error.name}: ${error.message}` }, status as 400)
  })

  return (request) => Promise.resolve(app.fetch(request))
}

function readUploadRequest(body: Record<string, unknown>, maxFileSize: number | undefined) {
  const filename = body.filename
  const size = body.size
  const type = typeof body.type === 'string' && body.type !== '' ? body.type : 'application/octet-stream'
  if (typeof filename !== 'string' || filename.trim() === '') throw badRequest('filename is required')
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw badRequest('size must be a whole number of bytes')
  if (maxFileSize !== undefined && size > maxFileSize) throw badRequest(`size exceeds ${maxFileSize} bytes`)
  return { filename, type, size, metadata: stringRecord(body.metadata) }
}

function badRequest(message: string): HTTPException {
  return new HTTPException(400, { message })
}

function requireKey(key: string | undefined): string {
  if (!key) throw badRequest('key is required')
  return key
}

async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  try {
    const value = (await request.json()) as unknown
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {
    // fall through
  }
  throw badRequest('the body must be a JSON object')
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {}
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'))
}
