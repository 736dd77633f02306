import { AbortMultipartUploadCommand, CompleteMultipartUploadCommand, HeadObjectCommand, type CompletedPart } from '@aws-sdk/client-s3'
import { readChecksum } from '../checksums'
import { SignerError, toSignerError } from '../errors'
import type { SignerConfig } from '../options'
import { partLength } from '../upload-plan'
import type { UploadClaims } from '../upload-token'
import type { RouteContext, SignerRoute } from './route'
import { listStoredParts } from './s3-parts'

/**
 * POST /s3/multipart/:uploadId/complete?token=T `{parts: [{PartNumber, ETag, Checksum<A>?}]}`
 * -> `{location, key, etag}`.
 * The parts listed must be exactly the plan's, and what S3 holds (ListParts) must be exactly the
 * declared file: every planned part, each of its planned length. Otherwise the upload is
 * aborted: nothing but the declared bytes can become an object.
 */
export const completeUpload: SignerRoute = {
  method: 'POST',
  path: '/s3/multipart/:uploadId/complete',
  upload: true,
  body: 'large-json',
  async handle({ body, config, upload }: RouteContext) {
    const Parts = readCompletedParts(body.parts, upload)
    let done
    try {
      await checkStoredAgainstPlan(config, upload)
      done = await config.client.send(
        new CompleteMultipartUploadCommand({ Bucket: config.bucket, Key: upload.key, UploadId: upload.uploadId, MultipartUpload: { Parts } }),
      )
    } catch (error) {
      const completed = await completedBefore(config, upload, error)
      if (completed) return completed
      throw error
    }
    // Ceph radosgw (Pacific) answers <ETag></ETag> here (Red Hat BZ 2266579); the object's
    // HEAD carries the real "<md5>-N" ETag, so ask for it rather than report an empty one.
    const etag = done.ETag || (await config.client.send(new HeadObjectCommand({ Bucket: config.bucket, Key: upload.key }))).ETag || null
    return { location: done.Location ?? upload.key, key: upload.key, etag }
  },
}

/**
 * A completion sent again after its first answer was lost (or by a page that closed while it
 * was in flight): S3 completed the upload and no longer knows it. s3.md §2.4: "probably done,
 * verify with HEAD". Keys are made per upload, so an object there of the declared size is this
 * upload's. Undefined when that is not what happened.
 */
async function completedBefore(config: SignerConfig, upload: UploadClaims, error: unknown) {
  if (toSignerError(error).code !== 'no-such-upload') return undefined
  const head = await config.client.send(new HeadObjectCommand({ Bucket: config.bucket, Key: upload.key })).catch(() => undefined)
  if (!head || head.ContentLength !== upload.plan.size) return undefined
  return { location: upload.key, key: upload.key, etag: head.ETag ?? null, alreadyCompleted: true }
}

/** The client's list: exactly parts 1..N of the plan, in order, each with an ETag (and the upload's checksum). */
function readCompletedParts(value: unknown, upload: UploadClaims): CompletedPart[] {
  const mismatch = (message: string) => new SignerError('parts-mismatch', 400, { message })
  const count = upload.plan.partCount
  if (!Array.isArray(value)) throw mismatch('parts must be a list')
  if (value.length !== count) throw mismatch(`parts must list the ${count} parts of the plan`)
  const algorithm = upload.checksum
  return value.map((raw: unknown, index) => {
    const part = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>
    if (part.PartNumber !== index + 1) throw mismatch('parts must be numbered 1..N in ascending order')
    if (typeof part.ETag !== 'string' || !/^[\x21-\x7e]{1,256}$/.test(part.ETag)) throw mismatch('each part needs its ETag')
    // COMPOSITE checksum uploads must repeat each part's checksum (s3.md §2.4).
    const checksum = algorithm ? { [`Checksum${algorithm}`]: readChecksum(part[`Checksum${algorithm}`], algorithm) } : {}
    return { PartNumber: index + 1, ETag: part.ETag, ...checksum }
  })
}

/** Abort unless S3 holds every planned part at its planned length and nothing else: the declared size, exactly. */
async function checkStoredAgainstPlan(config: SignerConfig, upload: UploadClaims): Promise<void> {
  const stored = await listStoredParts(config, upload)
  const problems: string[] = []
  const sizes = new Map(stored.map((part) => [part.PartNumber, part.Size]))
  for (let number = 1; number <= upload.plan.partCount; number++) {
    const size = sizes.get(number)
    if (size !== partLength(upload.plan, number)) problems.push(`part ${number}: ${size ?? 'missing'} bytes, planned ${partLength(upload.plan, number)}`)
  }
  const extra = stored.filter((part) => partLength(upload.plan, part.PartNumber) === undefined)
  if (extra.length > 0) problems.push(`parts outside the plan: ${extra.map((p) => p.PartNumber).join(', ')}`)
  const total = stored.reduce((sum, part) => sum + part.Size, 0)
  if (total !== upload.plan.size) problems.push(`${total} bytes stored, ${upload.plan.size} declared`)
  if (problems.length === 0) return
  await config.client.send(new AbortMultipartUploadCommand({ Bucket: config.bucket, Key: upload.key, UploadId: upload.uploadId })).catch(() => undefined)
  throw new SignerError('upload-mismatch', 409, { detail: `aborted ${upload.uploadId}: ${problems.slice(0, 5).join('; ')}` })
}
