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
  const currentExpiry = () => (typeof options.expiresIn === 'function' ? options.expiresIn() : (options.expiresIn ?? 900))

  app.use('*', async (c, next) => {
    if (options.authorize && !(await options.authorize(c.req.raw))) throw new HTTPException(401, { message: 'not authorized' })
    await next()
  })

  app.post('/s3/multipart', async (c) => {
    const { filename, type, metadata, checksumAlgorithm } = readUploadRequest(await readJsonObject(c.req.raw), options.maxFileSize)
    const Key = buildObjectKey(options.keyPrefix ?? 'uploads', filename)
    const created = await client.send(
      new CreateMultipartUploadCommand({
        Bucket,
        Key,
        ContentType: type,
        Metadata: metadata,
        ...(checksumAlgorithm ? { ChecksumAlgorithm: checksumAlgorithm } : {}),
      }),
    )
    if (!created.UploadId) throw new HTTPException(502, { message: 'storage returned no UploadId' })
    return c.json({ key: Key, uploadId: created.UploadId })
  })

  // Small files: one presigned PutObject instead of create + part + complete.
  app.post('/s3/object', async (c) => {
    const body = await readJsonObject(c.req.raw)
    const { filename, type, size, metadata, checksumAlgorithm } = readUploadRequest(body, options.maxFileSize)
    const checksum = checksumAlgorithm ? readChecksum(body.checksum, checksumAlgorithm) : undefined
    const Key = buildObjectKey(options.keyPrefix ?? 'uploads', filename)
    const expiresIn = currentExpiry()
    const command = new PutObjectCommand({
      Bucket,
      Key,
      ContentType: type,
      Metadata: metadata,
      ...(checksumAlgorithm && checksum ? { [`Checksum${checksumAlgorithm}`]: checksum } : {}),
    })
    const url = await getSignedUrl(client, command, {
      expiresIn,
      signableHeaders: new Set(['content-type']),
      ...unhoisted(checksumAlgorithm),
    })
    return c.json({ url, key: Key, size, expiresAt: Date.now() + expiresIn * 1000, ...checksumHeaders(checksumAlgorithm, checksum) })
  })

  app.get('/s3/multipart/:uploadId/batch', async (c) => {
    const UploadId = c.req.param('uploadId')
    const Key = requireKey(c.req.query('key'))
    const numbers = (c.req.query('partNumbers') ?? '').split(',').filter(Boolean).map(Number)
    if (numbers.length === 0 || numbers.length > MAX_BATCH) throw badRequest(`partNumbers must list 1..${MAX_BATCH} parts`)
    if (numbers.some((n) => !Number.isInteger(n) || n < 1 || n > 10_000)) throw badRequest('part numbers are 1..10000')
    // With additional checksums, each part's value is signed into its URL (s3.md §4), so the
    // browser must send exactly that header and S3 verifies the bytes against it.
    const algorithm = readAlgorithm(c.req.query('checksumAlgorithm'))
    const checksums = algorithm ? (c.req.query('checksums') ?? '').split(',').map((v) => readChecksum(v, algorithm)) : []
    if (algorithm && checksums.length !== numbers.length) throw badRequest('checksums must list one value per part number')
    const presignedUrls: Record<string, string> = {}
    const headers: Record<string, Record<string, string>> = {}
    const expiresIn = currentExpiry()
    const expiresAt = Date.now() + expiresIn * 1000
    await Promise.all(
      numbers.map(async (PartNumber, i) => {
        const checksum = checksums[i]
        const command = new UploadPartCommand({
          Bucket,
          Key,
          UploadId,
          PartNumber,
          ...(algorithm && checksum ? { [`Checksum${algorithm}`]: checksum } : {}),
        })
        presignedUrls[PartNumber] = await getSignedUrl(client, command, { expiresIn, ...unhoisted(algorithm) })
        if (algorithm && checksum) headers[PartNumber] = checksumHeaders(algorithm, checksum).headers
      }),
    )
    return c.json({ presignedUrls, expiresAt, ...(algorithm ? { headers } : {}) })
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
      // COMPOSITE checksum uploads must repeat each part's checksum (s3.md §2.4).
      const checksums = Object.fromEntries(
        CHECKSUM_ALGORITHMS.filter((a) => typeof part[`Checksum${a}`] === 'string').map((a) => [`Checksum${a}`, part[`Checksum${a}`] as string]),
      )
      return { PartNumber: part.PartNumber as number, ETag: part.ETag, ...checksums }
    })
    let done
    try {
      done = await client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } }))
    } catch (error) {
      // A completion sent again after its first answer was lost (or a page closed while it was
      // in flight): S3 completed the upload and no longer knows it. s3.md §2.4: "probably done,
      // verify with HEAD". Keys are made per upload, so an object there is this upload's.
      if ((error as { name?: string }).name !== 'NoSuchUpload') throw error
      const head = await client.send(new HeadObjectCommand({ Bucket, Key })).catch(() => undefined)
      if (!head) throw error
      return c.json({ location: Key, key: Key, etag: head.ETag ?? null, alreadyCompleted: true })
    }
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

/** Additional checksums this signer presigns (s3.md §6): base64 of the raw digest. */
const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'SHA1', 'SHA256'] as const
type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number]
const CHECKSUM_BYTES: Record<ChecksumAlgorithm, number> = { CRC32: 4, CRC32C: 4, SHA1: 20, SHA256: 32 }

function readAlgorithm(value: unknown): ChecksumAlgorithm | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'string' && (CHECKSUM_ALGORITHMS as readonly string[]).includes(value)) return value as ChecksumAlgorithm
  throw badRequest(`checksumAlgorithm must be one of ${CHECKSUM_ALGORITHMS.join(', ')}`)
}

function readChecksum(value: unknown, algorithm: ChecksumAlgorithm): string {
  const bytes = typeof value === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(value) ? Buffer.from(value, 'base64') : undefined
  if (!bytes || bytes.length !== CHECKSUM_BYTES[algorithm]) throw badRequest(`a ${algorithm} checksum is base64 of ${CHECKSUM_BYTES[algorithm]} bytes`)
  return value as string
}

/** Keep the checksum a signed header (not a query parameter), as s3.md's example does. */
function unhoisted(algorithm: ChecksumAlgorithm | undefined) {
  return algorithm ? { unhoistableHeaders: new Set([`x-amz-checksum-${algorithm.toLowerCase()}`]) } : {}
}

function checksumHeaders(algorithm: ChecksumAlgorithm | undefined, checksum: string | undefined): { headers: Record<string, string> } {
  return { headers: algorithm && checksum ? { [`x-amz-checksum-${algorithm.toLowerCase()}`]: checksum } : {} }
}

function readUploadRequest(body: Record<string, unknown>, maxFileSize: number | undefined) {
  const filename = body.filename
  const size = body.size
  const type = typeof body.type === 'string' && body.type !== '' ? body.type : 'application/octet-stream'
  if (typeof filename !== 'string' || filename.trim() === '') throw badRequest('filename is required')
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw badRequest('size must be a whole number of bytes')
  if (maxFileSize !== undefined && size > maxFileSize) throw badRequest(`size exceeds ${maxFileSize} bytes`)
  return { filename, type, size, metadata: stringRecord(body.metadata), checksumAlgorithm: readAlgorithm(body.checksumAlgorithm) }
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
