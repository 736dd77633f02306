import { randomBytes } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { requireBearer } from '../../kit/auth'
import { withFaults } from '../../kit/faults'
import { createObjectStore } from '../../kit/stored-objects'
import type { VendorContext, VendorModule } from '../../kit/vendor'
import type { FakeStorage } from '../fake-storage'
import { MiB, StorageError, vendorApiCors } from '../fake-storage'
import { BACKEND_FETCH_FAILED_HTML, envelope, EnvelopeError } from './envelope'

export interface GjirafaOptions {
  /** Minimum non-last part size at complete (S3 rules, INFERRED): default 5 MiB. */
  minPartSize?: number
}

const BUCKET = 'gjirafa'
/** A fault rule with exactly this route makes every API call answer the HTML 503 page. */
export const BACKEND_FETCH_FAILED_ROUTE = 'gjirafa.backend-fetch-failed'
const PROJECT_ID = /^p[0-9a-z]{7}$/i
/** "Files up to 50 MB": the strict reading, decimal megabytes. */
const SIMPLE_UPLOAD_MAX_BYTES = 50_000_000

interface GjirafaUpload {
  requestKey: string
  uploadId: string
  projectId: string
  storageKey: string
  fileName: string
  partsNumber: number
  contentLength?: number
  duplicateHash?: string
  uploadFileDetailsId: number
  state: 'open' | 'completed' | 'aborted'
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Gjirafa VP's multipart Upload API (shared/providers/gjirafa.md), served at /gjirafa (the
 * real base is https://vp-api.gjirafa.com): /api/projects/{projectId}/uploads/multipart… and
 * /encodes. URLs point at the fake storage's "gjirafa" bucket. A completed upload is
 * inspectable as GET /__inspect/gjirafa?key=<projectId>/<fileName>.
 */
export function createGjirafa(context: VendorContext, storage: FakeStorage, options: GjirafaOptions = {}): VendorModule {
  const { faults } = context
  const objects = createObjectStore(context.dataDir, 'gjirafa')
  const uploads = new Map<string, GjirafaUpload>()
  /** Simple uploads by storage key: the file a presigned PutObject becomes once it arrives. */
  const simpleUploads = new Map<string, { projectId: string; fileName: string }>()
  storage.defineBucket(BUCKET, {
    async onObject(object) {
      const simple = simpleUploads.get(object.key)
      if (!simple) return
      simpleUploads.delete(object.key)
      await storage.publish(object, objects, `${simple.projectId}/${simple.fileName}`)
    },
  })
  /** fileHash values of completed uploads that had enableDuplicateCheck on. */
  const knownHashes = new Set<string>()
  let nextDetailsId = 4711

  const app = new Hono()
  app.use('*', vendorApiCors(['POST', 'PUT']))
  // Varnish sits in front of everything, authentication included.
  app.use('*', async (c, next) => {
    if (faults.list().some((r) => r.route === BACKEND_FETCH_FAILED_ROUTE)) {
      return c.body(BACKEND_FETCH_FAILED_HTML, 503, { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': '5' })
    }
    await next()
  })
  app.use('*', requireBearer(context.token, () => ({ success: false, errors: ['Unauthorized'], messages: [], result: null, resultInfo: null, statusCode: 401 })))
  app.use('/api/projects/:projectId/*', async (c, next) => {
    if (!PROJECT_ID.test(c.req.param('projectId') ?? '')) throw new EnvelopeError(404, ['Result Not Found: no such project.'])
    await next()
  })
  app.onError((error, c) => {
    if (error instanceof EnvelopeError) return envelope(c, error.status, null, { errors: error.errors })
    if (error instanceof StorageError) return envelope(c, 500, null, { errors: [`${error.code}: ${error.message}`] })
    throw error
  })
  app.notFound((c) => envelope(c, 404, null, { errors: ['Result Not Found'] }))

  const body = async (c: Context): Promise<Record<string, unknown>> => {
    const parsed = (await c.req.json().catch(() => undefined)) as unknown
    if (!isObject(parsed)) throw new EnvelopeError(400, ['The request body must be a JSON object.'])
    return parsed
  }
  /** presignedUrlExpiryTimeHours: null/absent = 12, else 1..168. */
  const expiryHours = (value: unknown, errors: string[]): number => {
    if (value === undefined || value === null) return 12
    if (!Number.isSafeInteger(value) || (value as number) < 1 || (value as number) > 168) {
      errors.push('The field PresignedUrlExpiryTimeHours must be between 1 and 168.')
      return 12
    }
    return value as number
  }
  /** The in-progress upload a requestKey names, in this project; 404 otherwise (also once completed or aborted). */
  const openUpload = (c: Context, requestKey: unknown): GjirafaUpload => {
    if (typeof requestKey !== 'string' || requestKey === '') throw new EnvelopeError(400, ['The RequestKey field is required.'])
    const upload = uploads.get(requestKey)
    if (!upload || upload.projectId !== c.req.param('projectId') || upload.state !== 'open') throw new EnvelopeError(404, ['Result Not Found'])
    return upload
  }
  const uploadResult = (upload: GjirafaUpload, hours: number) => {
    const ttlSeconds = faults.urlTtlSeconds('gjirafa.part-url', hours * 3600)
    const presignedUrl = Array.from({ length: upload.partsNumber }, (_, i) => ({
      partNumber: i + 1,
      presignedUrl: storage.presignPart({ bucket: BUCKET, key: upload.storageKey, uploadId: upload.uploadId, partNumber: i + 1, ttlSeconds }).url,
    }))
    return { uploadId: upload.uploadId, requestKey: upload.requestKey, presignedUrl, uploadFileDetailsId: upload.uploadFileDetailsId }
  }

  app.post('/api/projects/:projectId/uploads/multipart', withFaults(faults, 'gjirafa.initiate'), async (c) => {
    const input = await body(c)
    const errors: string[] = []
    const { partsNumber, fileName, contentLength, mimeType, enableDuplicateCheck, fileHash } = input
    if (partsNumber === undefined || partsNumber === null) errors.push('The PartsNumber field is required.')
    else if (!Number.isSafeInteger(partsNumber) || (partsNumber as number) < 1 || (partsNumber as number) > 10_000) errors.push('The field PartsNumber must be between 1 and 10000.')
    if (typeof fileName !== 'string' || fileName.trim() === '') errors.push('The FileName field is required.')
    else if (/[\\/]/.test(fileName) || fileName === '.' || fileName === '..') errors.push('The FileName field must be a file name, not a path.')
    let length: number | undefined
    if (contentLength !== undefined && contentLength !== null) {
      // Documented as a string ("12582912"); a number is accepted too.
      const text = typeof contentLength === 'number' ? String(contentLength) : contentLength
      if (typeof text !== 'string' || !/^\d+$/.test(text)) errors.push('The field ContentLength must be a whole number of bytes.')
      else length = Number(text)
    }
    if (mimeType !== undefined && mimeType !== null && typeof mimeType !== 'string') errors.push('The field MimeType must be a string.')
    if (enableDuplicateCheck !== undefined && enableDuplicateCheck !== null && typeof enableDuplicateCheck !== 'boolean') errors.push('The field EnableDuplicateCheck must be a boolean.')
    if (enableDuplicateCheck === true && (typeof fileHash !== 'string' || fileHash === '')) errors.push('The FileHash field is required when EnableDuplicateCheck is true.')
    const hours = expiryHours(input.presignedUrlExpiryTimeHours, errors)
    if (errors.length > 0) throw new EnvelopeError(400, errors)
    if (enableDuplicateCheck === true && knownHashes.has(fileHash as string)) throw new EnvelopeError(409, ['A file with the same hash already exists.'])

    const storageKey = `${c.req.param('projectId')}/${randomBytes(16).toString('hex')}`
    const stored = storage.createUpload({ bucket: BUCKET, key: storageKey, minPartSize: options.minPartSize ?? 5 * MiB, partCount: partsNumber as number })
    const upload: GjirafaUpload = {
      requestKey: `rk_${randomBytes(16).toString('hex')}`,
      uploadId: stored.uploadId,
      projectId: c.req.param('projectId')!,
      storageKey,
      fileName: fileName as string,
      partsNumber: partsNumber as number,
      ...(length === undefined ? {} : { contentLength: length }),
      ...(enableDuplicateCheck === true ? { duplicateHash: fileHash as string } : {}),
      uploadFileDetailsId: nextDetailsId++,
      state: 'open',
    }
    uploads.set(upload.requestKey, upload)
    return envelope(c, 200, uploadResult(upload, hours))
  })

  /**
   * Simple upload (gjirafa.md §2: files up to 50 MB): one presigned PUT URL for the whole file.
   * The request and answer shapes are not in the write-up (INFERRED): the multipart initiate's
   * fields, and `result.presignedUrl` a single URL. A declared contentLength is signed into the
   * URL, so the PUT must carry exactly that many bytes; above 50,000,000 bytes (the strict
   * reading of "50 MB") the API refuses and multipart is the way.
   */
  app.post('/api/projects/:projectId/uploads/url', withFaults(faults, 'gjirafa.simple'), async (c) => {
    const input = await body(c)
    const errors: string[] = []
    const { fileName, contentLength, mimeType } = input
    if (typeof fileName !== 'string' || fileName.trim() === '') errors.push('The FileName field is required.')
    else if (/[\\/]/.test(fileName) || fileName === '.' || fileName === '..') errors.push('The FileName field must be a file name, not a path.')
    let length: number | undefined
    if (contentLength !== undefined && contentLength !== null) {
      const text = typeof contentLength === 'number' ? String(contentLength) : contentLength
      if (typeof text !== 'string' || !/^\d+$/.test(text)) errors.push('The field ContentLength must be a whole number of bytes.')
      else length = Number(text)
    }
    if (length !== undefined && length > SIMPLE_UPLOAD_MAX_BYTES) errors.push(`Files above ${SIMPLE_UPLOAD_MAX_BYTES} bytes must use multipart upload.`)
    if (mimeType !== undefined && mimeType !== null && typeof mimeType !== 'string') errors.push('The field MimeType must be a string.')
    const hours = expiryHours(input.presignedUrlExpiryTimeHours, errors)
    if (errors.length > 0) throw new EnvelopeError(400, errors)
    const projectId = c.req.param('projectId')!
    const storageKey = `${projectId}/${randomBytes(16).toString('hex')}`
    simpleUploads.set(storageKey, { projectId, fileName: fileName as string })
    const ttlSeconds = faults.urlTtlSeconds('gjirafa.part-url', hours * 3600)
    const { url } = storage.presignObject({
      bucket: BUCKET,
      key: storageKey,
      ttlSeconds,
      ...(length === undefined ? {} : { signedHeaders: { 'content-length': String(length) } }),
    })
    return envelope(c, 200, { presignedUrl: url, requestKey: `rk_${randomBytes(16).toString('hex')}`, uploadFileDetailsId: nextDetailsId++ })
  })

  // Complete is a PUT with requestKey; parts use exactly `partNumber` and `eTag`.
  app.put('/api/projects/:projectId/uploads/multipart-complete', withFaults(faults, 'gjirafa.complete'), async (c) => {
    const input = await body(c)
    const upload = openUpload(c, input.requestKey)
    if (!Array.isArray(input.parts) || input.parts.length === 0) throw new EnvelopeError(400, ['The Parts field is required.'])
    const errors: string[] = []
    const parts = input.parts.map((item: unknown, i) => {
      const part = isObject(item) ? item : {}
      if (!Number.isSafeInteger(part.partNumber)) errors.push(`The Parts[${i}].partNumber field is required.`)
      if (typeof part.eTag !== 'string' || part.eTag === '') errors.push(`The Parts[${i}].eTag field is required.`)
      return { partNumber: part.partNumber as number, etag: part.eTag as string }
    })
    if (errors.length > 0) throw new EnvelopeError(400, errors)
    // Every one of the partsNumber parts, once each, in order (README rule 4).
    const expected = Array.from({ length: upload.partsNumber }, (_, i) => i + 1)
    if (parts.length !== expected.length || parts.some((p, i) => p.partNumber !== expected[i])) {
      throw new EnvelopeError(400, [`Parts must list part numbers 1..${upload.partsNumber} once each, in ascending order.`])
    }
    const stored = new Map<number, number>()
    for (let marker = 0; ; ) {
      const page = storage.listParts(BUCKET, upload.storageKey, upload.uploadId, { partNumberMarker: marker })
      for (const p of page.parts) stored.set(p.partNumber, p.size)
      if (!page.isTruncated) break
      marker = page.nextPartNumberMarker
    }
    const missing = expected.filter((n) => !stored.has(n))
    if (missing.length > 0) throw new EnvelopeError(400, [`Parts not uploaded: ${missing.join(', ')}.`])
    const size = [...stored.values()].reduce((a, b) => a + b, 0)
    if (upload.contentLength !== undefined && size !== upload.contentLength) {
      throw new EnvelopeError(400, [`The uploaded parts hold ${size} bytes but ContentLength was ${upload.contentLength}.`])
    }
    try {
      const completed = await storage.complete(BUCKET, upload.storageKey, upload.uploadId, parts)
      upload.state = 'completed'
      if (upload.duplicateHash) knownHashes.add(upload.duplicateHash)
      await storage.publish(completed, objects, `${upload.projectId}/${upload.fileName}`)
      return envelope(c, 200, true, { messages: ['Multipart upload completed successfully.'] })
    } catch (error) {
      // S3's refusals of the part list are the client's fault (400); anything else is a 500.
      if (error instanceof StorageError && error.status === 400) throw new EnvelopeError(400, [`${error.code}: ${error.message}`])
      throw error
    }
  })

  app.put('/api/projects/:projectId/uploads/multipart-abort', withFaults(faults, 'gjirafa.abort'), async (c) => {
    const upload = openUpload(c, (await body(c)).requestKey)
    upload.state = 'aborted'
    await storage.abort(BUCKET, upload.storageKey, upload.uploadId)
    return envelope(c, 200, true, { messages: ['Multipart upload aborted.'] })
  })

  app.post('/api/projects/:projectId/uploads/multipart-resume', withFaults(faults, 'gjirafa.resume'), async (c) => {
    const input = await body(c)
    const errors: string[] = []
    const hours = expiryHours(input.presignedUrlExpiryTimeHours, errors)
    if (errors.length > 0) throw new EnvelopeError(400, errors)
    return envelope(c, 200, uploadResult(openUpload(c, input.requestKey), hours))
  })

  // Complete and abort are PUT only; the other verbs are refused as ASP.NET does.
  app.on(['POST', 'PATCH', 'DELETE', 'GET'], ['/api/projects/:projectId/uploads/multipart-complete', '/api/projects/:projectId/uploads/multipart-abort'], (c) =>
    envelope(c, 405, null, { errors: [`Method ${c.req.method} is not allowed; use PUT.`] }),
  )

  app.post('/api/projects/:projectId/encodes', withFaults(faults, 'gjirafa.encode'), async (c) => {
    const input = await body(c)
    const errors: string[] = []
    const isUrl = (v: unknown) => typeof v === 'string' && /^https?:\/\/\S+$/.test(v)
    if (!isUrl(input.downloadUrl)) errors.push('The DownloadUrl field is required and must be an http(s) URL.')
    if (input.callBackUrl !== undefined && input.callBackUrl !== null && !isUrl(input.callBackUrl)) errors.push('The field CallBackUrl must be an http(s) URL.')
    if (errors.length > 0) throw new EnvelopeError(400, errors)
    const name = Array.from(randomBytes(8), (b) => String.fromCharCode(97 + (b % 26))).join('')
    return envelope(c, 200, { name, originalFile: input.downloadUrl })
  })

  return { name: 'gjirafa', app, objects }
}
