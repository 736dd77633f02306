import { randomUUID } from 'node:crypto'
import { createWriteStream, mkdirSync } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeWebStream } from 'node:stream/web'
import { Hono, type MiddlewareHandler } from 'hono'
import { requireBearer } from '../../kit/auth'
import { withFaults } from '../../kit/faults'
import { createObjectStore } from '../../kit/stored-objects'
import type { VendorContext, VendorModule } from '../../kit/vendor'
import { assembleParts } from '../blaxel/assemble'
import { checkFileMetadata } from './file-metadata'
import { cdfError, storageError } from './responses'
import { createUrlSigner } from './signed-url'
import { createCogniteState, type StoredFile } from './state'

const API = '/api/v1/projects/:project'
const MiB = 1024 * 1024
const WEEK_SECONDS = 7 * 24 * 3600

export interface CogniteOptions {
  /** How long after a successful complete `uploaded` stays false (CDF flips it asynchronously). */
  uploadedDelayMs?: number
  /** `initmultipartupload` body: flat like the SDKs read it (default), or wrapped like the OpenAPI shows. */
  initResponse?: 'flat' | 'items'
}

/**
 * Cognite Data Fusion's multipart file upload (shared/providers/cognite.md), served under
 * /cognite with the API at /cognite/api/v1/projects/<any project>/… and the "cloud storage"
 * the part URLs point to at /cognite/storage/… (signed, expiring, no bearer token).
 * A completed file is inspectable by its numeric id as the key.
 */
export function createCognite(context: VendorContext, options: CogniteOptions = {}): VendorModule {
  const { faults } = context
  const uploadedDelayMs = options.uploadedDelayMs ?? 1000
  const home = path.join(context.dataDir, 'cognite')
  mkdirSync(home, { recursive: true })
  const objects = createObjectStore(context.dataDir, 'cognite')
  const state = createCogniteState(path.join(home, 'state.json'))
  const signer = createUrlSigner(home, (issuedAt) => faults.isUrlExpired(issuedAt))
  const partsDir = (key: string) => path.join(home, 'parts', key)
  const completing = new Set<string>()
  const app = new Hono()

  app.use('/api/*', cors('GET, POST, OPTIONS', 'Authorization, Content-Type'))
  app.use('/storage/*', cors('PUT, OPTIONS', 'Content-Type'))
  app.use('/api/*', async (c, next) => {
    await next()
    c.res.headers.set('x-request-id', randomUUID())
  })
  app.use('/api/*', requireBearer(context.token, () => ({ error: { code: 401, message: 'Unauthorized' } })))

  app.post(`${API}/files/initmultipartupload`, withFaults(faults, 'cognite.initiate'), async (c) => {
    const partsText = c.req.query('parts')
    if (partsText === undefined) return cdfError(c, 400, "Query parameter 'parts' is required")
    const parts = /^\d{1,4}$/.test(partsText) ? Number(partsText) : NaN
    if (!(parts >= 1 && parts <= 250)) return cdfError(c, 400, `parts must be an integer between 1 and 250, got ${partsText}`)
    const overwriteText = c.req.query('overwrite')
    if (overwriteText !== undefined && overwriteText !== 'true' && overwriteText !== 'false') return cdfError(c, 400, 'overwrite must be true or false')

    const checked = checkFileMetadata(await c.req.json().catch(() => undefined))
    if (!checked.ok) return cdfError(c, 400, checked.message)
    const metadata = checked.value
    const existing = metadata.externalId === undefined ? undefined : state.fileByExternalId(metadata.externalId)
    if (existing && overwriteText !== 'true') {
      return cdfError(c, 409, 'Duplicate external ids', { duplicated: [{ externalId: metadata.externalId }] })
    }
    const file = existing ? await state.replaceMetadata(existing, metadata) : await state.createFile(metadata)
    const session = await state.createSession(file.id, parts)

    const issued = Math.floor(Date.now() / 1000)
    const expires = issued + faults.urlTtlSeconds('cognite.part', WEEK_SECONDS)
    const uploadUrls = Array.from(
      { length: parts },
      (_, i) => `${context.publicUrl}/cognite/storage/${session.key}/${i}?${signer.query(session.key, i, issued, expires)}`,
    )
    const body = { ...state.view(file), uploadId: session.uploadId, uploadUrls }
    return c.json(options.initResponse === 'items' ? { items: [body] } : body, 201)
  })

  // The storage side: what a signed cloud-storage URL would do with a PUT.
  app.put('/storage/:key/:index', withFaults(faults, 'cognite.part'), async (c) => {
    const key = c.req.param('key')
    const index = /^\d{1,3}$/.test(c.req.param('index')) ? Number(c.req.param('index')) : -1
    const verdict = index < 0 ? 'bad-signature' : signer.verify(key, index, (name) => c.req.query(name))
    if (verdict === 'bad-signature') return storageError(c, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.')
    if (verdict === 'expired') return storageError(c, 400, 'ExpiredToken', 'The provided token has expired. Request signature expired.')
    // The CDF token must never travel to storage (README rule 7); a signed URL takes no other credentials.
    if (c.req.header('authorization')) return storageError(c, 400, 'InvalidArgument', 'A signed URL must not be sent an Authorization header.')
    const session = state.sessionByKey(key)
    if (!session || session.completed || index >= session.parts) return storageError(c, 404, 'NoSuchUpload', 'The upload session does not exist or is already completed.')
    const declared = c.req.header('content-length')
    if (declared === undefined) return storageError(c, 411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.')

    await mkdir(partsDir(key), { recursive: true })
    const temp = path.join(partsDir(key), `${index}.${randomUUID()}.tmp`)
    const body = c.req.raw.body ? Readable.fromWeb(c.req.raw.body as unknown as NodeWebStream) : Readable.from([])
    try {
      await pipeline(body, createWriteStream(temp))
      const { size } = await stat(temp)
      if (String(size) !== declared) throw new Error(`received ${size} bytes, Content-Length said ${declared}`)
      await rename(temp, path.join(partsDir(key), String(index)))
    } catch (error) {
      await rm(temp, { force: true })
      return storageError(c, 400, 'IncompleteBody', (error as Error).message)
    }
    // Storage answers 200 or 201 (CDF docs); alternate by index so clients must accept both.
    return c.body(null, index % 2 === 0 ? 200 : 201)
  })

  app.post(`${API}/files/completemultipartupload`, withFaults(faults, 'cognite.complete'), async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as Record<string, unknown> | undefined
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return cdfError(c, 400, 'Request body must be a JSON object')
    const unknownField = Object.keys(body).find((k) => !['id', 'externalId', 'instanceId', 'uploadId'].includes(k))
    if (unknownField) return cdfError(c, 400, `Unrecognized field "${unknownField}"`)
    const identifiers = (['id', 'externalId', 'instanceId'] as const).filter((k) => body[k] !== undefined)
    if (identifiers.length !== 1) return cdfError(c, 400, 'Exactly one of id, externalId or instanceId must be given')
    if (typeof body.uploadId !== 'string' || body.uploadId === '') return cdfError(c, 400, 'uploadId: may not be null')

    const session = state.session(body.uploadId)
    const file = session && state.fileById(session.fileId)
    if (!session || !file) return cdfError(c, 400, 'Invalid uploadId')
    const named = identifiers[0] === 'id' ? body.id === file.id : identifiers[0] === 'externalId' ? body.externalId === file.externalId && file.externalId !== undefined : false
    if (!named) return cdfError(c, 400, 'The uploadId does not belong to the given file')
    if (session.completed || completing.has(session.uploadId)) return cdfError(c, 400, 'The upload has already been completed')

    completing.add(session.uploadId)
    try {
      const sizes = await Promise.all(
        Array.from({ length: session.parts }, (_, i) =>
          stat(path.join(partsDir(session.key), String(i))).then((s) => s.size, () => undefined),
        ),
      )
      const missing = sizes.flatMap((size, i) => (size === undefined ? [i] : []))
      if (missing.length > 0) return cdfError(c, 400, `Not all parts have been uploaded; missing part indexes: ${missing.join(', ')}`)
      // README rule 1: every part but the last strictly larger than 5 MiB; every part below 4000 MiB.
      for (const [i, size] of sizes.entries()) {
        if (i < session.parts - 1 && size! <= 5 * MiB) return cdfError(c, 400, `Part ${i} is ${size} bytes; every part except the last must be larger than 5 MiB`)
        if (size! >= 4000 * MiB) return cdfError(c, 400, `Part ${i} is ${size} bytes; parts must be smaller than 4000 MiB`)
      }
      const partFiles = sizes.map((_, i) => path.join(partsDir(session.key), String(i)))
      await assembleParts(objects.locate(String(file.id)), partFiles, 0o644)
      await state.markCompleted(session, file, Date.now() + uploadedDelayMs)
      await rm(partsDir(session.key), { recursive: true, force: true })
      return c.json({}, 200)
    } finally {
      completing.delete(session.uploadId)
    }
  })

  app.get(`${API}/files/:id`, withFaults(faults, 'cognite.read'), (c) => {
    const id = Number(c.req.param('id'))
    const file = Number.isSafeInteger(id) ? state.fileById(id) : undefined
    if (!file) return cdfError(c, 400, 'Files not found', { missing: [{ id: Number.isSafeInteger(id) ? id : c.req.param('id') }] })
    return c.json(state.view(file))
  })

  app.post(`${API}/files/byids`, withFaults(faults, 'cognite.read'), async (c) => {
    const found = lookup(await c.req.json().catch(() => undefined))
    if ('error' in found) return cdfError(c, 400, found.error)
    if (found.missing.length > 0 && !found.ignoreUnknownIds) return cdfError(c, 400, 'Files not found', { missing: found.missing })
    return c.json({ items: found.files.map((f) => state.view(f)) })
  })

  // Not part of the upload flow, but the practical abort (INFERRED): delete the file resource.
  app.post(`${API}/files/delete`, withFaults(faults, 'cognite.delete'), async (c) => {
    const found = lookup(await c.req.json().catch(() => undefined))
    if ('error' in found) return cdfError(c, 400, found.error)
    if (found.missing.length > 0 && !found.ignoreUnknownIds) return cdfError(c, 400, 'Files not found', { missing: found.missing })
    for (const file of found.files) {
      // A part still arriving writes into the folder meanwhile: rm retries on ENOTEMPTY.
      for (const session of await state.deleteFile(file)) await rm(partsDir(session.key), { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })
      await rm(objects.locate(String(file.id)), { force: true })
    }
    return c.json({})
  })

  /** `{items:[{id}|{externalId}], ignoreUnknownIds?}` → the files, and the identifiers not found. */
  function lookup(body: unknown): { error: string } | { files: StoredFile[]; missing: unknown[]; ignoreUnknownIds: boolean } {
    const items = (body as { items?: unknown } | undefined)?.items
    if (!Array.isArray(items) || items.length < 1 || items.length > 1000) return { error: 'items: must contain 1..1000 identifiers' }
    const files: StoredFile[] = []
    const missing: unknown[] = []
    for (const item of items as Array<{ id?: unknown; externalId?: unknown }>) {
      const byId = typeof item?.id === 'number' && item.externalId === undefined
      const byExternalId = typeof item?.externalId === 'string' && item.id === undefined
      if (!byId && !byExternalId) return { error: 'Each item must have exactly one of id or externalId' }
      const file = byId ? state.fileById(item.id as number) : state.fileByExternalId(item.externalId as string)
      if (file) files.push(file)
      else missing.push(byId ? { id: item.id } : { externalId: item.externalId })
    }
    return { files, missing, ignoreUnknownIds: (body as { ignoreUnknownIds?: unknown }).ignoreUnknownIds === true }
  }

  return { name: 'cognite', app, objects }
}

/** CORS for one side (CDF's API CORS is undocumented: allow only what README rule 9 says clients send). */
function cors(methods: string, headers: string): MiddlewareHandler {
  const values = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': methods, 'Access-Control-Allow-Headers': headers, 'Access-Control-Max-Age': '600' }
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return c.body(null, 204, values)
    await next()
    c.res.headers.set('Access-Control-Allow-Origin', '*')
  }
}
