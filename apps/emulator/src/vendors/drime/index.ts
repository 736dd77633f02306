import { randomBytes, randomUUID } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { requireBearer } from '../../kit/auth'
import { withFaults } from '../../kit/faults'
import { createObjectStore } from '../../kit/stored-objects'
import type { VendorContext, VendorModule } from '../../kit/vendor'
import type { CompletedObject, FakeStorage } from '../fake-storage'
import { MiB, StorageError, vendorApiCors } from '../fake-storage'
import type { FieldRule, ValidationErrors } from './laravel-validation'
import { validate, validationBody } from './laravel-validation'
import { laravelResponses } from './laravel-responses'
import { rateLimit } from './rate-limit'

export interface DrimeOptions {
  /** Minimum non-last part size at complete (S3's 5 MiB); tests may lower it. */
  minPartSize?: number
  /** Requests a minute before 429 (Drime: 2000). */
  rateLimitPerMinute?: number
  /** Per-file limit of the account's plan; a larger `size` at create is a 422. */
  maxFileSize?: number
  /** Extensions the account refuses at create (422). */
  blockedExtensions?: string[]
}

const BUCKET = 'drime'
/** BeDrive signs part URLs for 30 minutes (drime.md §3.2). */
const URL_TTL_SECONDS = 1800

interface DrimeUpload {
  key: string
  uploadId: string
  size: number
  completed?: CompletedObject
}

/**
 * Drime Cloud's S3 multipart API (shared/providers/drime.md), served at /drime/api/v1. Parts
 * go to the fake storage's "drime" bucket. A file shows up in the drive (and in
 * GET /__inspect/drime?key=<relativePath/>clientName) only once POST /s3/entries names the
 * completed object with its size, as on Drime.
 */
export function createDrime(context: VendorContext, storage: FakeStorage, options: DrimeOptions = {}): VendorModule {
  const { faults } = context
  const objects = createObjectStore(context.dataDir, 'drime')
  storage.defineBucket(BUCKET)
  const uploads = new Map<string, DrimeUpload>()
  /** Completed objects by the last segment of their key: what /s3/entries may name. */
  const completedByName = new Map<string, DrimeUpload>()
  let nextEntryId = 759_842_062

  const app = new Hono().basePath('/api/v1')
  app.use('*', vendorApiCors(['POST'], ['X-Ratelimit-Limit', 'X-Ratelimit-Remaining', 'Retry-After']))
  // Without Accept: application/json a 401 is a 302 to the login page, a 422 a 302 back (drime.md §2, README rule 9).
  app.use('*', laravelResponses(`${context.publicUrl}/drime/login`, `${context.publicUrl}/drime/`))
  app.use('*', requireBearer(context.token, () => ({ message: 'Unauthenticated.' })))
  app.use('*', rateLimit(options.rateLimitPerMinute ?? 2000, storage.now))

  const body = async (c: Context): Promise<Record<string, unknown>> => {
    const parsed = (await c.req.json().catch(() => ({}))) as unknown
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {}
  }
  const invalid = (c: Context, errors: ValidationErrors) => c.json(validationBody(errors), 422)
  const hasErrors = (errors: ValidationErrors) => Object.keys(errors).length > 0
  /** S3 failures reach the client as a 500 naming the S3 code (drime.md §6.5, INFERRED shape). */
  const storageFailure = (c: Context, error: unknown) => {
    if (!(error instanceof StorageError)) throw error
    return c.json({ message: `${error.code}: ${error.message}` }, 500)
  }
  const keyRules: FieldRule[] = [
    { field: 'key', type: 'string', required: true },
    { field: 'uploadId', type: 'string', required: true },
  ]

  app.post('/s3/multipart/create', withFaults(faults, 'drime.create'), async (c) => {
    const input = await body(c)
    const errors = validate(input, [
      { field: 'filename', type: 'string', required: true },
      { field: 'mime', type: 'string', required: true },
      { field: 'size', type: 'integer', required: true, min: 0 },
      { field: 'extension', type: 'string', required: true },
      { field: 'workspaceId', type: 'integer' },
      { field: 'relativePath', type: 'string', nullable: true },
      { field: 'parentId', type: 'integer', nullable: true },
    ])
    // "Send either relativePath or parentId", not both.
    if (input.parentId != null && input.relativePath != null && input.relativePath !== '') {
      ;(errors.parentId ??= []).push('The parent id field prohibits relative path from being present.')
    }
    if (hasErrors(errors)) return invalid(c, errors)
    const size = input.size as number
    const extension = (input.extension as string).toLowerCase()
    if (options.maxFileSize !== undefined && size > options.maxFileSize) {
      return c.json({ message: `The file may not be greater than ${options.maxFileSize} bytes.` }, 422)
    }
    if (options.blockedExtensions?.map((e) => e.toLowerCase()).includes(extension)) {
      return c.json({ message: `Files of type "${extension}" are not allowed.` }, 422)
    }
    const id = randomUUID()
    const key = `uploads/${id}/${id}`
    const upload = storage.createUpload({ bucket: BUCKET, key, minPartSize: options.minPartSize ?? 5 * MiB })
    uploads.set(upload.uploadId, { key, uploadId: upload.uploadId, size })
    return c.json({ key, uploadId: upload.uploadId, acl: 'private', status: 'success' })
  })

  // Signing is offline, as with S3: an unknown upload still gets URLs, whose PUTs then 404.
  app.post('/s3/multipart/batch-sign-part-urls', withFaults(faults, 'drime.sign'), async (c) => {
    const input = await body(c)
    const errors = validate(input, [...keyRules, { field: 'partNumbers', type: 'array', required: true }])
    if (Array.isArray(input.partNumbers)) {
      input.partNumbers.forEach((n, i) => {
        if (!Number.isSafeInteger(n)) (errors[`partNumbers.${i}`] ??= []).push(`The partNumbers.${i} field must be an integer.`)
        else if ((n as number) < 1 || (n as number) > 10_000) (errors[`partNumbers.${i}`] ??= []).push(`The partNumbers.${i} field must be between 1 and 10000.`)
      })
    }
    if (hasErrors(errors)) return invalid(c, errors)
    const ttlSeconds = faults.urlTtlSeconds('drime.part-url', URL_TTL_SECONDS)
    const urls = (input.partNumbers as number[]).map((partNumber) => ({
      partNumber,
      url: storage.presignPart({ bucket: BUCKET, key: input.key as string, uploadId: input.uploadId as string, partNumber, ttlSeconds }).url,
    }))
    return c.json({ urls, status: 'success' })
  })

  // Only the first ListParts page (≤ 1000 parts): BeDrive passes no marker.
  app.post('/s3/multipart/get-uploaded-parts', withFaults(faults, 'drime.parts'), async (c) => {
    const input = await body(c)
    const errors = validate(input, keyRules)
    if (hasErrors(errors)) return invalid(c, errors)
    try {
      const page = storage.listParts(BUCKET, input.key as string, input.uploadId as string, { maxParts: 1000 })
      const parts = page.parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag, Size: p.size, LastModified: p.lastModified.toISOString() }))
      return c.json({ parts, status: 'success' })
    } catch (error) {
      return storageFailure(c, error)
    }
  })

  app.post('/s3/multipart/complete', withFaults(faults, 'drime.complete'), async (c) => {
    const input = await body(c)
    const errors = validate(input, [...keyRules, { field: 'parts', type: 'array', required: true }])
    // The array goes to the AWS SDK unchanged: keys must be PartNumber and ETag, capitalised.
    if (Array.isArray(input.parts)) {
      input.parts.forEach((part: unknown, i) => {
        const p = (part && typeof part === 'object' ? part : {}) as Record<string, unknown>
        if (!Number.isSafeInteger(p.PartNumber)) (errors[`parts.${i}.PartNumber`] ??= []).push(`The parts.${i}.PartNumber field is required.`)
        if (typeof p.ETag !== 'string' || p.ETag === '') (errors[`parts.${i}.ETag`] ??= []).push(`The parts.${i}.ETag field is required.`)
      })
    }
    if (hasErrors(errors)) return invalid(c, errors)
    const key = input.key as string
    const uploadId = input.uploadId as string
    const parts = (input.parts as Array<{ PartNumber: number; ETag: string }>).map((p) => ({ partNumber: p.PartNumber, etag: p.ETag }))
    try {
      const completed = await storage.complete(BUCKET, key, uploadId, parts)
      const upload = uploads.get(uploadId)
      if (upload) {
        upload.completed = completed
        completedByName.set(key.split('/').at(-1)!, upload)
      }
      return c.json({ location: storage.objectUrl(BUCKET, key), status: 'success' })
    } catch (error) {
      return storageFailure(c, error)
    }
  })

  app.post('/s3/entries', withFaults(faults, 'drime.entries'), async (c) => {
    const input = await body(c)
    const errors = validate(input, [
      { field: 'filename', type: 'string', required: true },
      { field: 'size', type: 'integer', required: true, min: 0 },
      { field: 'clientName', type: 'string', required: true },
      { field: 'clientMime', type: 'string', nullable: true },
      { field: 'clientExtension', type: 'string', required: true },
      { field: 'workspaceId', type: 'integer' },
      { field: 'parentId', type: 'integer', nullable: true },
      { field: 'relativePath', type: 'string', nullable: true },
    ])
    // rclone's `parent_id` is not Drime's field; the real API would silently drop the file in the root.
    if ('parent_id' in input) (errors.parent_id ??= []).push('The parent id field is prohibited.')
    const upload = typeof input.filename === 'string' ? completedByName.get(input.filename) : undefined
    if (!errors.filename && !upload) (errors.filename ??= []).push('The selected filename is invalid.')
    if (!errors.size && upload?.completed && input.size !== upload.completed.size) {
      ;(errors.size ??= []).push(`The size field must match the uploaded file (${upload.completed.size} bytes).`)
    }
    const clientName = typeof input.clientName === 'string' ? input.clientName : ''
    const relativePath = typeof input.relativePath === 'string' ? input.relativePath.replace(/^\/+|\/+$/g, '') : ''
    const driveKey = relativePath ? `${relativePath}/${clientName}` : clientName
    if (!errors.clientName && (/[\\/]/.test(clientName) || clientName === '.' || clientName === '..' || driveKey.split('/').includes('..'))) {
      ;(errors.clientName ??= []).push('The client name field format is invalid.')
    }
    if (hasErrors(errors)) return invalid(c, errors)
    await storage.publish(upload!.completed!, objects, driveKey)
    const id = nextEntryId++
    const mime = typeof input.clientMime === 'string' ? input.clientMime : 'application/octet-stream'
    const at = new Date(storage.now()).toISOString()
    return c.json({
      status: 'success',
      fileEntry: {
        id,
        name: clientName,
        file_name: input.filename,
        file_size: input.size,
        mime,
        extension: input.clientExtension,
        type: entryType(mime),
        parent_id: input.parentId ?? null,
        workspace_id: input.workspaceId ?? 0,
        hash: randomBytes(15).toString('base64url'),
        path: relativePath ? `${relativePath}/${id}` : String(id),
        created_at: at,
        updated_at: at,
      },
    })
  })

  app.post('/s3/multipart/abort', withFaults(faults, 'drime.abort'), async (c) => {
    const input = await body(c)
    const errors = validate(input, keyRules)
    if (hasErrors(errors)) return invalid(c, errors)
    try {
      await storage.abort(BUCKET, input.key as string, input.uploadId as string)
      uploads.delete(input.uploadId as string)
      return c.json({ status: 'success' })
    } catch (error) {
      return storageFailure(c, error)
    }
  })

  return { name: 'drime', app, objects }
}

/** BeDrive's file type from the MIME type. */
function entryType(mime: string): string {
  const major = mime.split('/')[0]
  if (major === 'video' || major === 'audio' || major === 'image' || major === 'text') return major
  if (mime === 'application/pdf') return 'pdf'
  return 'file'
}
