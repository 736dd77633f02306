import { createWriteStream } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { finished } from 'node:stream/promises'
import type { Context } from 'hono'
import type { Faults } from '../../kit/faults'
import type { Presigner } from './presign'
import type { ChecksumAlgorithm, Digest } from './checksums'
import { checksumHeader, CHECKSUM_ALGORITHMS, createDigest, DIGEST_BYTES, isBase64OfLength } from './checksums'
import { StorageError } from './s3-error'
import type { UploadRegistry } from './uploads'
import { MAX_PART_NUMBER } from './uploads'

/** How a bucket answers where S3-compatible stores differ. */
export interface BucketOptions {
  /** Status of a successful part PUT (Archetype's storage may answer 201). */
  putStatus?: 200 | 201
  /** How an expired URL is refused: 403 AccessDenied "Request has expired", or 400 TokenExpired. */
  expiredResponse?: 'access-denied' | 'token-expired'
  /**
   * Whether the bucket takes PutObject (a whole object in one presigned PUT, the "simple upload"
   * some vendors offer), and what the vendor does once such an object is stored.
   */
  onObject?: (object: { bucket: string; key: string; etag: string; size: number; file: string }) => Promise<void>
}

export const GiB = 1024 * 1024 * 1024

/**
 * UploadPart through a presigned URL (§2.2, §4): signature and expiry first, then the part
 * number, Content-Length, the upload, and the integrity headers; the body streams to disk
 * while MD5 (the ETag) and any declared checksum are computed.
 */
export function createPartPut(deps: {
  presigner: Presigner
  registry: UploadRegistry
  buckets: Map<string, BucketOptions>
  faults: Faults
  maxPartSize: number
}) {
  return async (c: Context): Promise<Response> => {
    const bucketName = c.req.param('bucket')!
    const key = c.req.param('key')!
    const search = new URL(c.req.url).searchParams
    const headers = c.req.raw.headers
    const bucket = deps.buckets.get(bucketName)
    if (!bucket) throw new StorageError(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucketName })
    if (headers.has('authorization')) {
      throw new StorageError(400, 'InvalidArgument', 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified', {
        ArgumentName: 'Authorization',
      })
    }
    try {
      deps.presigner.verify(c.req.method, bucketName, key, search, headers)
    } catch (error) {
      if (error instanceof StorageError && error.message === 'Request has expired' && bucket.expiredResponse === 'token-expired') {
        throw new StorageError(400, 'TokenExpired', 'The provided token has expired.')
      }
      throw error
    }
    if (c.req.method !== 'PUT') throw new StorageError(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', { Method: c.req.method })

    const uploadId = search.get('uploadId')
    const partNumberText = search.get('partNumber')
    if (uploadId === null && partNumberText === null && bucket.onObject) return putObject(c, bucketName, key, bucket.onObject)
    if (!uploadId || partNumberText === null) throw new StorageError(400, 'InvalidRequest', 'This storage accepts only UploadPart (partNumber and uploadId are required).')
    const partNumber = Number(partNumberText)
    if (!/^\d+$/.test(partNumberText) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
      throw new StorageError(400, 'InvalidArgument', `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`, {
        ArgumentName: 'partNumber',
        ArgumentValue: partNumberText,
      })
    }
    const lengthText = headers.get('content-length')
    if (lengthText === null || !/^\d+$/.test(lengthText)) throw new StorageError(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.')
    const contentLength = Number(lengthText)
    if (contentLength > deps.maxPartSize) {
      throw new StorageError(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { ProposedSize: contentLength, MaxSizeAllowed: deps.maxPartSize })
    }
    const upload = deps.registry.open(bucketName, key, uploadId)
    if (upload.partCount !== undefined && partNumber > upload.partCount) {
      throw new StorageError(400, 'InvalidArgument', `Part number must be between 1 and ${upload.partCount} for this upload`, { ArgumentName: 'partNumber', ArgumentValue: partNumber })
    }
    const planned = upload.partLength?.(partNumber)
    if (planned !== undefined && planned !== contentLength) {
      throw new StorageError(400, 'InvalidRequest', `Content-Length ${contentLength} does not match the length ${planned} planned for part ${partNumber}.`)
    }

    const contentMd5 = headers.get('content-md5')
    if (contentMd5 !== null && !isBase64OfLength(contentMd5, DIGEST_BYTES.MD5)) throw new StorageError(400, 'InvalidDigest', 'The Content-MD5 you specified was invalid.')
    const declared = declaredChecksum(search, headers)
    if (declared && declared.algorithm !== upload.checksumAlgorithm) {
      throw new StorageError(400, 'InvalidRequest', `Checksum Type mismatch occurred, expected checksum Type: ${upload.checksumAlgorithm?.toLowerCase() ?? 'null'}, actual checksum Type: ${declared.algorithm.toLowerCase()}`)
    }
    if (declared && !isBase64OfLength(declared.value, DIGEST_BYTES[declared.algorithm])) {
      throw new StorageError(400, 'InvalidRequest', `Value for ${checksumHeader(declared.algorithm)} header is invalid.`)
    }

    const files = deps.registry.partFiles(upload, partNumber)
    await mkdir(files.dir, { recursive: true })
    try {
      const md5 = await createDigest('MD5')
      const checksum = upload.checksumAlgorithm ? await createDigest(upload.checksumAlgorithm) : undefined
      const received = await receive(
        c.req.raw.body,
        files.temp,
        [md5, ...(checksum ? [checksum] : [])],
        deps.faults.bytesPerSecond('storage.put'),
      )
      if (received !== contentLength) {
        throw new StorageError(400, 'IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header', {
          NumberBytesExpected: contentLength,
          NumberBytesProvided: received,
        })
      }
      const md5Base64 = md5.base64()
      if (contentMd5 !== null && contentMd5 !== md5Base64) {
        throw new StorageError(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.', { ExpectedDigest: contentMd5, CalculatedDigest: md5Base64 })
      }
      const checksumValue = checksum?.base64()
      if (declared && declared.value !== checksumValue) {
        throw new StorageError(400, 'BadDigest', `The ${declared.algorithm} you specified did not match the calculated checksum.`)
      }
      const md5Raw = Buffer.from(md5Base64, 'base64')
      const part = await deps.registry.commitPart(
        upload,
        {
          partNumber,
          etag: `"${md5Raw.toString('hex')}"`,
          size: received,
          md5: md5Raw,
          lastModified: new Date(),
          ...(checksumValue === undefined ? {} : { checksum: checksumValue }),
        },
        files.temp,
      )
      const answer: Record<string, string> = { ETag: part.etag }
      if (upload.checksumAlgorithm && checksumValue) answer[checksumHeader(upload.checksumAlgorithm)] = checksumValue
      return c.body(null, bucket.putStatus ?? 200, answer)
    } finally {
      await rm(files.temp, { force: true })
    }
  }

  /**
   * PutObject through a presigned URL (a bucket's simple upload): Content-Length and Content-MD5
   * as for a part, the object stored whole with its MD5 as ETag, then handed to the vendor.
   */
  async function putObject(c: Context, bucketName: string, key: string, onObject: NonNullable<BucketOptions['onObject']>): Promise<Response> {
    const headers = c.req.raw.headers
    const lengthText = headers.get('content-length')
    if (lengthText === null || !/^\d+$/.test(lengthText)) throw new StorageError(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.')
    const contentLength = Number(lengthText)
    if (contentLength > deps.maxPartSize) {
      throw new StorageError(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { ProposedSize: contentLength, MaxSizeAllowed: deps.maxPartSize })
    }
    const contentMd5 = headers.get('content-md5')
    if (contentMd5 !== null && !isBase64OfLength(contentMd5, DIGEST_BYTES.MD5)) throw new StorageError(400, 'InvalidDigest', 'The Content-MD5 you specified was invalid.')
    const file = deps.registry.objectFile(bucketName, key)
    await mkdir(path.dirname(file), { recursive: true })
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`
    try {
      const md5 = await createDigest('MD5')
      const received = await receive(c.req.raw.body, temp, [md5], deps.faults.bytesPerSecond('storage.put'))
      if (received !== contentLength) {
        throw new StorageError(400, 'IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header', {
          NumberBytesExpected: contentLength,
          NumberBytesProvided: received,
        })
      }
      if (contentMd5 !== null && contentMd5 !== md5.base64()) {
        throw new StorageError(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.', { ExpectedDigest: contentMd5, CalculatedDigest: md5.base64() })
      }
      await rename(temp, file)
      const etag = `"${Buffer.from(md5.base64(), 'base64').toString('hex')}"`
      await onObject({ bucket: bucketName, key, etag, size: received, file })
      return c.body(null, 200, { ETag: etag })
    } finally {
      await rm(temp, { force: true })
    }
  }
}

/** A checksum sent with the part: a (signed) x-amz-checksum-* header, or the same name in the query. */
function declaredChecksum(search: URLSearchParams, headers: Headers): { algorithm: ChecksumAlgorithm; value: string } | undefined {
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const value = headers.get(checksumHeader(algorithm)) ?? search.get(checksumHeader(algorithm))
    if (value !== null) return { algorithm, value }
  }
  return undefined
}

/**
 * Stream the body into `file`, feeding every digest; returns the byte count. (The corruptBody
 * fault hands this a body with a byte flipped: Content-MD5 and checksum headers then fail, and
 * without them the part is stored wrong.)
 */
async function receive(
  body: ReadableStream<Uint8Array> | null,
  file: string,
  digests: Digest[],
  bytesPerSecond: number | undefined,
): Promise<number> {
  const out = createWriteStream(file)
  let received = 0
  const started = Date.now()
  try {
    const reader = body?.getReader()
    for (;;) {
      if (!reader) break
      const { done, value } = await reader.read()
      if (done) break
      received += value.length
      for (const digest of digests) digest.update(value)
      if (!out.write(value)) await new Promise<void>((r) => out.once('drain', () => r()))
      if (bytesPerSecond) {
        const due = started + (received / bytesPerSecond) * 1000 - Date.now()
        if (due > 0) await new Promise((r) => setTimeout(r, due))
      }
    }
  } finally {
    out.end()
    await finished(out)
  }
  return received
}
