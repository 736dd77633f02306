import { randomBytes } from 'node:crypto'
import { Hono, type Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { requireBearer } from '../../kit/auth'
import { withFaults } from '../../kit/faults'
import { createObjectStore } from '../../kit/stored-objects'
import type { VendorContext, VendorModule } from '../../kit/vendor'
import type { FakeStorage } from '../fake-storage'
import { MiB, StorageError, vendorApiCors } from '../fake-storage'
import type { PlannedPart } from './plan'
import { planParts } from './plan'

export interface ArchetypeOptions {
  /** Server part size. Default 8 MiB as in the docs' example (production uses 400 MiB). Env UPLINK_ARCHETYPE_PART_SIZE. */
  partSize?: number
  /** Whether complete takes a whole-file CRC32C. Default "crc32c". Env UPLINK_ARCHETYPE_INTEGRITY. */
  integrityAlgorithm?: 'crc32c' | 'none'
  /** Leave `part_size` out of initiate, as some storage backends do. Env UPLINK_ARCHETYPE_OMIT_PART_SIZE=1. */
  omitPartSize?: boolean
  /** Status of a successful part PUT ("200 or 201"; default 201 so that only-200 clients fail here). */
  partPutStatus?: 200 | 201
  /** How an expired part URL is refused: 403 AccessDenied (default) or 400 TokenExpired. */
  expiredResponse?: 'access-denied' | 'token-expired'
  /** Largest file (direct-to-cloud: 250 GB). */
  maxFileSize?: number
}

const BUCKET = 'archetype'
/** Part URLs live an hour unless expires_at says otherwise (README rule 6). */
const URL_TTL_SECONDS = 3600

interface ArchetypeUpload {
  uploadId: string
  fileUid: string
  filename: string
  fileType: string
  numBytes: number
  partSize: number
  plan: PlannedPart[]
  storageKey: string
  storageUploadId: string
  /** part_number -> part_token, as checkpointed. */
  checkpoints: Map<number, string>
  state: 'open' | 'completed' | 'corrupt' | 'aborted'
}

const id = (prefix: string) => `${prefix}_${randomBytes(16).toString('hex').slice(0, 26)}`
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** An API error: the status and a JSON body `{ "code", "message" }` (the docs show no error body; INFERRED). */
class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

/**
 * Archetype AI's direct-to-cloud Files API (shared/providers/archetypeai.md), served at
 * /archetype/v0.5. The server plans the parts; URLs point at the fake storage's "archetype"
 * bucket. A completed upload is inspectable as GET /__inspect/archetype?key=<filename>
 * (the filename is the file's id there; a new upload of the same name replaces it).
 */
export function createArchetype(context: VendorContext, storage: FakeStorage, options: ArchetypeOptions = {}): VendorModule {
  const { faults } = context
  const partSize = options.partSize ?? (Number(process.env.UPLINK_ARCHETYPE_PART_SIZE) || 8 * MiB)
  const integrity = options.integrityAlgorithm ?? (process.env.UPLINK_ARCHETYPE_INTEGRITY === 'none' ? 'none' : 'crc32c')
  const omitPartSize = options.omitPartSize ?? process.env.UPLINK_ARCHETYPE_OMIT_PART_SIZE === '1'
  const maxFileSize = options.maxFileSize ?? 250_000_000_000
  const objects = createObjectStore(context.dataDir, 'archetype')
  storage.defineBucket(BUCKET, { putStatus: options.partPutStatus ?? 201, expiredResponse: options.expiredResponse ?? 'access-denied' })
  const uploads = new Map<string, ArchetypeUpload>()
  /** The organisation's in-progress upload per filename (what resume_if_started finds). */
  const inProgress = new Map<string, string>()

  const app = new Hono().basePath('/v0.5')
  app.use('*', vendorApiCors(['POST']))
  app.use('*', requireBearer(context.token, () => ({ code: 'unauthorized', message: 'Invalid or missing API key.' })))
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json({ code: error.code, message: error.message, ...error.extra }, error.status)
    if (error instanceof StorageError) return c.json({ code: 'storage_error', message: `${error.code}: ${error.message}` }, 500)
    throw error
  })

  const body = async (c: Context): Promise<Record<string, unknown>> => {
    const parsed = (await c.req.json().catch(() => undefined)) as unknown
    if (!isObject(parsed)) throw new ApiError(400, 'invalid_request', 'The request body must be a JSON object.')
    return parsed
  }
  /** The upload named in the path, open; 404 once aborted or unknown, 409 once completed (README rule 6). */
  const openUpload = (c: Context): ArchetypeUpload => {
    const upload = uploads.get(c.req.param('uploadId') ?? '')
    if (!upload || upload.state === 'aborted') throw new ApiError(404, 'not_found', `Upload ${c.req.param('uploadId')} was not found.`)
    if (upload.state !== 'open') throw new ApiError(409, 'upload_completed', `Upload ${upload.uploadId} is already completed (${upload.state === 'corrupt' ? 'Corrupt' : 'Registered'}).`)
    return upload
  }
  const partNumberIn = (upload: ArchetypeUpload, value: unknown, field: string): number => {
    if (!Number.isSafeInteger(value) || (value as number) < 1 || (value as number) > upload.plan.length) {
      throw new ApiError(400, 'invalid_part_number', `${field} must be an integer between 1 and ${upload.plan.length}.`)
    }
    return value as number
  }
  const describe = (upload: ArchetypeUpload, numbers: number[]) => {
    const ttlSeconds = faults.urlTtlSeconds('archetype.part-url', URL_TTL_SECONDS)
    const issued = new Map<number, { url: string; expires_at: string }>()
    // Duplicates in a request share one URL.
    return numbers.map((n) => {
      let target = issued.get(n)
      if (!target) {
        const { url, expiresAt } = storage.presignPart({ bucket: BUCKET, key: upload.storageKey, uploadId: upload.storageUploadId, partNumber: n, ttlSeconds })
        target = { url, expires_at: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z') }
        issued.set(n, target)
      }
      const part = upload.plan[n - 1]!
      return { part_number: n, url: target.url, offset: part.offset, length: part.length, expires_at: target.expires_at }
    })
  }
  /** The stored ETag of each uploaded part, as the storage has it (every ListParts page). */
  const storedTokens = (upload: ArchetypeUpload) => {
    const tokens = new Map<number, string>()
    for (let marker = 0; ; ) {
      const page = storage.listParts(BUCKET, upload.storageKey, upload.storageUploadId, { partNumberMarker: marker })
      for (const p of page.parts) tokens.set(p.partNumber, p.etag)
      if (!page.isTruncated) return tokens
      marker = page.nextPartNumberMarker
    }
  }
  const tokenList = (value: unknown, upload: ArchetypeUpload): Array<{ part_number: number; part_token: string }> => {
    if (!Array.isArray(value)) throw new ApiError(400, 'invalid_request', 'parts must be an array of {part_number, part_token}.')
    return value.map((item: unknown, i) => {
      if (!isObject(item) || typeof item.part_token !== 'string') throw new ApiError(400, 'invalid_request', `parts[${i}] must have part_number and part_token.`)
      return { part_number: partNumberIn(upload, item.part_number, `parts[${i}].part_number`), part_token: item.part_token }
    })
  }

  app.post('/files/uploads/initiate', withFaults(faults, 'archetype.initiate'), async (c) => {
    const input = await body(c)
    const { filename, file_type: fileType, num_bytes: numBytes, resume_if_started: resume = false } = input
    if (typeof filename !== 'string' || filename.trim() === '') throw new ApiError(400, 'invalid_request', 'filename is required.')
    if (typeof fileType !== 'string' || !/^[\w.+-]+\/[\w.+-]+$/.test(fileType)) throw new ApiError(400, 'invalid_request', 'file_type must be a MIME type.')
    if (!Number.isSafeInteger(numBytes) || (numBytes as number) < 0) throw new ApiError(400, 'invalid_request', 'num_bytes must be a non-negative integer.')
    if (typeof resume !== 'boolean') throw new ApiError(400, 'invalid_request', 'resume_if_started must be a boolean.')
    if ((numBytes as number) > maxFileSize) throw new ApiError(400, 'file_too_large', `num_bytes exceeds the ${maxFileSize}-byte limit for direct uploads.`)
    if (/[\\/]/.test(filename) || filename === '.' || filename === '..') throw new ApiError(400, 'invalid_request', 'filename must not contain path separators.')

    const existing = uploads.get(inProgress.get(filename) ?? '')
    if (resume && existing?.state === 'open') {
      if (existing.fileType !== fileType || existing.numBytes !== numBytes) {
        throw new ApiError(409, 'resume_mismatch', `An upload of ${filename} is in progress with a different file_type or num_bytes.`)
      }
      const pending = existing.plan.map((p) => p.part_number).filter((n) => !existing.checkpoints.has(n))
      return c.json(initiated(existing, true, describe(existing, pending)))
    }
    const plan = planParts(numBytes as number, partSize)
    const uploadId = id('upl')
    const storageKey = `uploads/${uploadId}`
    const stored = storage.createUpload({
      bucket: BUCKET,
      key: storageKey,
      minPartSize: 0, // the server plans the parts; PUTs must match the plan instead
      partCount: plan.length,
      partLength: (n) => plan[n - 1]?.length,
    })
    const upload: ArchetypeUpload = {
      uploadId,
      fileUid: id('fil'),
      filename,
      fileType,
      numBytes: numBytes as number,
      partSize,
      plan,
      storageKey,
      storageUploadId: stored.uploadId,
      checkpoints: new Map(),
      state: 'open',
    }
    uploads.set(uploadId, upload)
    inProgress.set(filename, uploadId)
    return c.json(initiated(upload, false, describe(upload, plan.map((p) => p.part_number))))
  })

  function initiated(upload: ArchetypeUpload, isResume: boolean, parts: ReturnType<typeof describe>) {
    return {
      upload_id: upload.uploadId,
      file_uid: upload.fileUid,
      file_name: upload.filename,
      total_bytes: upload.numBytes,
      num_parts: upload.plan.length,
      ...(omitPartSize ? {} : { part_size: upload.partSize }),
      integrity_algorithm: integrity,
      is_resume: isResume,
      parts,
    }
  }

  app.post('/files/uploads/:uploadId/parts/urls', withFaults(faults, 'archetype.urls'), async (c) => {
    const upload = openUpload(c)
    const input = await body(c)
    if (!Array.isArray(input.part_numbers) || input.part_numbers.length === 0) throw new ApiError(400, 'invalid_request', 'part_numbers must be a non-empty array.')
    const numbers = input.part_numbers.map((n: unknown, i) => partNumberIn(upload, n, `part_numbers[${i}]`))
    return c.json({ parts: describe(upload, numbers) })
  })

  app.post('/files/uploads/:uploadId/parts/checkpoint', withFaults(faults, 'archetype.checkpoint'), async (c) => {
    const upload = openUpload(c)
    const listed = tokenList((await body(c)).parts, upload)
    const stored = storedTokens(upload)
    // Validate everything first: a bad token checkpoints nothing.
    for (const { part_number: n, part_token: token } of listed) {
      if (!stored.has(n)) throw new ApiError(400, 'part_not_uploaded', `Part ${n} has not been uploaded.`)
      if (stored.get(n) !== token) throw new ApiError(400, 'invalid_part_token', `part_token of part ${n} does not match the uploaded part's ETag.`)
    }
    let added = 0
    for (const { part_number: n, part_token: token } of listed) {
      if (!upload.checkpoints.has(n)) added++
      upload.checkpoints.set(n, token)
    }
    return c.json({ num_checkpointed: added })
  })

  app.post('/files/uploads/:uploadId/complete', withFaults(faults, 'archetype.complete'), async (c) => {
    const upload = openUpload(c)
    const input = await body(c)
    const listed = tokenList(input.parts, upload)
    const checksum = input.integrity_checksum
    if (checksum !== undefined && checksum !== null) {
      if (integrity === 'none') throw new ApiError(400, 'integrity_not_supported', 'integrity_checksum was sent but integrity_algorithm is "none".')
      if (typeof checksum !== 'string' || !/^[A-Za-z0-9+/]{6}==$/.test(checksum)) {
        throw new ApiError(400, 'invalid_request', 'integrity_checksum must be base64 of a 4-byte big-endian CRC32C.')
      }
    }
    const stored = storedTokens(upload)
    const tokens = new Map(upload.checkpoints)
    const seen = new Set<number>()
    for (const { part_number: n, part_token: token } of listed) {
      if (seen.has(n)) throw new ApiError(400, 'duplicate_part', `Part ${n} is listed twice.`)
      seen.add(n)
      const checkpointed = upload.checkpoints.get(n)
      if (checkpointed !== undefined && checkpointed !== token) throw new ApiError(400, 'invalid_part_token', `part_token of part ${n} differs from its checkpoint.`)
      tokens.set(n, token)
    }
    const missing = upload.plan.map((p) => p.part_number).filter((n) => !tokens.has(n))
    if (missing.length > 0) throw new ApiError(400, 'missing_parts', `Parts not checkpointed and not listed: ${missing.join(', ')}.`)
    for (const [n, token] of tokens) {
      if (stored.get(n) !== token) throw new ApiError(400, 'invalid_part_token', `part_token of part ${n} does not match the uploaded part's ETag.`)
    }
    const completed = await storage.complete(
      BUCKET,
      upload.storageKey,
      upload.storageUploadId,
      upload.plan.map((p) => ({ partNumber: p.part_number, etag: tokens.get(p.part_number)! })),
    )
    if (inProgress.get(upload.filename) === upload.uploadId) inProgress.delete(upload.filename)
    if (typeof checksum === 'string' && checksum !== completed.crc32c) {
      upload.state = 'corrupt'
      throw new ApiError(400, 'integrity_mismatch', 'integrity_checksum does not match the CRC32C of the uploaded bytes; the file is marked Corrupt.', {
        file_uid: upload.fileUid,
        file_status: 'Corrupt',
      })
    }
    upload.state = 'completed'
    await storage.publish(completed, objects, upload.filename)
    return c.json({
      file_uid: upload.fileUid,
      file_name: upload.filename,
      num_bytes: upload.numBytes,
      file_status: 'Registered',
      file_attributes: { metadata_status: 'not_extracted' },
    })
  })

  app.post('/files/uploads/:uploadId/abort', withFaults(faults, 'archetype.abort'), async (c) => {
    const upload = openUpload(c)
    upload.state = 'aborted'
    upload.checkpoints.clear()
    if (inProgress.get(upload.filename) === upload.uploadId) inProgress.delete(upload.filename)
    await storage.abort(BUCKET, upload.storageKey, upload.storageUploadId)
    return c.body(null, 204)
  })

  return { name: 'archetype', app, objects }
}
