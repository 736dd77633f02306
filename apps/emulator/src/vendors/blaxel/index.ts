import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Hono, type Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { requireBearer } from '../../kit/auth'
import { withFaults } from '../../kit/faults'
import { createObjectStore } from '../../kit/stored-objects'
import type { VendorContext, VendorModule } from '../../kit/vendor'
import { assembleParts } from './assemble'
import { blaxelCors } from './cors'
import { FormFileError, readFormFile } from './form-file'
import { resolveSandboxPath, type SandboxDirs } from './sandbox-path'
import { createSessionStore, type UploadedPart } from './sessions'
import { parseCompleteBody } from './complete-body'

const INITIATE = '/filesystem-multipart/initiate'

/** A 500 from inside the part or complete logic, with the sandbox API's message. */
class ServerFault extends Error {}

/**
 * Blaxel's sandbox filesystem multipart API (shared/providers/blaxel.md), served under /blaxel.
 * The emulated sandbox's "/" is `<dataDir>/blaxel/objects/`, so a completed `/tmp/a.bin` is
 * inspectable as key `tmp/a.bin`. Sessions live in `<dataDir>/blaxel/sessions/`.
 */
export function createBlaxel(context: VendorContext, dirs: SandboxDirs = { workdir: '/home/user', home: '/root' }): VendorModule {
  const { faults } = context
  const objects = createObjectStore(context.dataDir, 'blaxel')
  const sessions = createSessionStore(path.join(context.dataDir, 'blaxel', 'sessions'))
  const app = new Hono()
  const fail = (c: Context, status: ContentfulStatusCode, message: string) => c.json({ error: message }, status)

  app.use('*', blaxelCors())
  app.use('*', requireBearer(context.token, () => ({ error: 'Unauthorized: invalid or missing bearer token' })))

  // The wildcard path may be empty ("initiate" alone means the working directory).
  app.post(`${INITIATE}/*`, withFaults(faults, 'blaxel.initiate'), async (c) => {
    const raw = new URL(c.req.url).pathname
    const resolved = resolveSandboxPath(raw.slice(raw.indexOf(INITIATE) + INITIATE.length), dirs)
    if (!resolved.ok) return fail(c, 400, resolved.message)

    // A missing or malformed JSON body is ignored (default 0644); only a bad octal string is an error.
    let permissions = 0o644
    const requested = await c.req
      .json()
      .then((body: unknown) => (body as { permissions?: unknown } | null)?.permissions)
      .catch(() => undefined)
    if (typeof requested === 'string' && requested !== '') {
      if (!/^[0-7]{1,11}$/.test(requested) || parseInt(requested, 8) > 0xffffffff) {
        return fail(c, 400, `invalid permissions format: ${JSON.stringify(requested)}`)
      }
      permissions = parseInt(requested, 8)
    }
    const session = await sessions.create(resolved.path, permissions)
    return c.json({ uploadId: session.uploadId, path: session.path })
  })

  app.put('/filesystem-multipart/:uploadId/part', withFaults(faults, 'blaxel.part'), async (c) => {
    const uploadId = c.req.param('uploadId')
    const raw = c.req.query('partNumber')
    if (raw === undefined || raw === '') return fail(c, 400, 'partNumber is required')
    const partNumber = /^[+-]?\d+$/.test(raw) ? Number(raw) : NaN
    if (!Number.isSafeInteger(partNumber)) return fail(c, 400, `invalid partNumber: ${raw}`)

    try {
      const part = await readFormFile(c.req.raw, 'file', async (bytes) => {
        // Range before existence (README rule 7); both are 500s in the sandbox API.
        if (partNumber < 1 || partNumber > 10000) throw new ServerFault('part number must be between 1 and 10000')
        if (!(await sessions.get(uploadId))) throw new ServerFault(`upload not found: ${uploadId}`)
        return receivePart(uploadId, partNumber, bytes)
      })
      return c.json({ partNumber: part.partNumber, etag: part.etag, size: part.size })
    } catch (error) {
      if (error instanceof FormFileError) return fail(c, 400, error.message)
      return fail(c, 500, `failed to upload part: ${(error as Error).message}`)
    }
  })

  async function receivePart(uploadId: string, partNumber: number, bytes: Readable): Promise<UploadedPart> {
    const temp = sessions.tempFile(uploadId)
    const md5 = createHash('md5')
    let size = 0
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        md5.update(chunk)
        size += chunk.length
        done(null, chunk)
      },
    })
    try {
      await pipeline(bytes, measure, createWriteStream(temp))
    } catch (error) {
      await rm(temp, { force: true })
      throw new ServerFault(`failed to write part: ${(error as Error).message}`)
    }
    const part: UploadedPart = { partNumber, etag: md5.digest('hex'), size, uploadedAt: new Date().toISOString() }
    await sessions.withLock(uploadId, async () => {
      // Aborted or completed while the bytes were arriving.
      if (!(await sessions.get(uploadId))) {
        await rm(temp, { force: true })
        throw new ServerFault(`upload not found: ${uploadId}`)
      }
      await sessions.commitPart(uploadId, temp, part)
    })
    return part
  }

  app.get('/filesystem-multipart/:uploadId/parts', withFaults(faults, 'blaxel.parts'), async (c) => {
    // HEAD is an existence probe of the route only: 200 whatever the id.
    if (c.req.method === 'HEAD') return c.body(null, 200)
    const uploadId = c.req.param('uploadId')
    if (!(await sessions.get(uploadId))) return fail(c, 404, `upload not found: ${uploadId}`)
    return c.json({ uploadId, parts: await sessions.parts(uploadId) })
  })

  app.post('/filesystem-multipart/:uploadId/complete', withFaults(faults, 'blaxel.complete'), async (c) => {
    const uploadId = c.req.param('uploadId')
    const parsed = parseCompleteBody(await c.req.text())
    if (!parsed.ok) return fail(c, 400, parsed.message)
    return sessions.withLock(uploadId, async () => {
      const session = await sessions.get(uploadId)
      if (!session) return fail(c, 404, `upload not found: ${uploadId}`)
      const stored = new Map((await sessions.parts(uploadId)).map((p) => [p.partNumber, p]))
      for (const listed of parsed.parts) {
        const part = stored.get(listed.partNumber)
        if (!part) return fail(c, 500, `failed to complete upload: part ${listed.partNumber} not found`)
        if (part.etag !== listed.etag) return fail(c, 500, `failed to complete upload: etag mismatch for part ${listed.partNumber}`)
      }
      // Sorted by part number (a stable sort: a part listed twice is written twice); gaps are not checked.
      const ordered = [...parsed.parts].sort((a, b) => a.partNumber - b.partNumber)
      try {
        await assembleParts(objects.locate(session.path), ordered.map((p) => sessions.partFile(uploadId, p.partNumber)), session.permissions)
      } catch (error) {
        return fail(c, 500, `failed to complete upload: failed to create final file: ${(error as Error).message}`)
      }
      await sessions.remove(uploadId)
      return c.json({ path: session.path, message: 'Multipart upload completed successfully' })
    })
  })

  app.delete('/filesystem-multipart/:uploadId/abort', withFaults(faults, 'blaxel.abort'), async (c) => {
    const uploadId = c.req.param('uploadId')
    return sessions.withLock(uploadId, async () => {
      if (!(await sessions.get(uploadId))) return fail(c, 404, `upload not found: ${uploadId}`)
      await sessions.remove(uploadId)
      return c.json({ path: '', message: 'Multipart upload aborted successfully' })
    })
  })

  app.get('/filesystem-multipart', withFaults(faults, 'blaxel.list'), async (c) => {
    if (c.req.method === 'HEAD') return c.body(null, 200)
    return c.json({ uploads: await sessions.list() })
  })

  return { name: 'blaxel', app, objects }
}
