import { Hono } from 'hono'
import type { Context } from 'hono'
import type { Faults } from '../../kit/faults'
import { withFaults } from '../../kit/faults'
import { bucketCors } from './cors'
import type { BucketOptions } from './part-put'
import { createPartPut } from './part-put'
import type { Presigner } from './presign'
import { errorXml, StorageError } from './s3-error'
import type { UploadRegistry } from './uploads'

/** The HTTP face of the fake storage, mounted at /storage: presigned part PUTs and CORS. */
export function createStorageApp(deps: {
  presigner: Presigner
  registry: UploadRegistry
  buckets: Map<string, BucketOptions>
  faults: Faults
  maxPartSize: number
  exposeEtag: () => boolean
}) {
  const app = new Hono()
  const putPart = createPartPut(deps)
  app.use('*', bucketCors(deps.exposeEtag))
  // Faults on part PUTs (corruptBody hands the handler a body with a byte flipped).
  app.put('/:bucket/:key{.+}', withFaults(deps.faults, 'storage.put', { paceBody: false }), putPart)
  // Any other method: a URL signed for PUT fails its signature, as on S3.
  app.all('/:bucket/:key{.+}', putPart)
  app.notFound((c) => xmlError(c, new StorageError(404, 'NoSuchKey', 'The specified key does not exist.')))
  app.onError(async (error, c) => {
    if (!(error instanceof StorageError)) throw error
    return xmlError(c, error)
  })
  return app
}

async function xmlError(c: Context, error: StorageError): Promise<Response> {
  await drain(c.req.raw)
  return c.body(errorXml(error), error.status as 400, { 'Content-Type': 'application/xml' })
}

/**
 * Read what is left of a refused request's body, so the client gets the error response rather
 * than a reset connection while it is still sending (browsers then see only a network error).
 */
async function drain(request: Request): Promise<void> {
  const body = request.body
  if (!body || request.bodyUsed || body.locked) return
  try {
    const reader = body.getReader()
    while (!(await reader.read()).done) {
      /* discard */
    }
  } catch {
    // the client went away
  }
}
