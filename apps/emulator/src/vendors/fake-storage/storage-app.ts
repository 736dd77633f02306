import { Hono } from 'hono'
import type { Context, MiddlewareHandler } from 'hono'
import type { HttpBindings } from '@hono/node-server'
import type { Faults } from '../../kit/faults'
import { withFaults } from '../../kit/faults'
import { bucketCors } from './cors'
import type { BucketOptions } from './part-put'
import { corruptedRequests, createPartPut } from './part-put'
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
  // The fault middleware draws once per request; the part handler learns from that same draw
  // whether to corrupt the body (a second draw would count the rule twice).
  const putFaults: MiddlewareHandler<{ Bindings: HttpBindings }> = (c, next) => withFaults(recordCorruption(deps.faults, c.req.raw), 'storage.put')(c, next)
  app.put('/:bucket/:key{.+}', putFaults, putPart)
  // Any other method: a URL signed for PUT fails its signature, as on S3.
  app.all('/:bucket/:key{.+}', putPart)
  app.notFound((c) => xmlError(c, new StorageError(404, 'NoSuchKey', 'The specified key does not exist.')))
  app.onError(async (error, c) => {
    if (!(error instanceof StorageError)) throw error
    return xmlError(c, error)
  })
  return app
}

/** The faults, with each draw's `corrupt` verdict kept on the request for the part handler. */
function recordCorruption(faults: Faults, request: Request): Faults {
  return {
    ...faults,
    draw(route) {
      const outcome = faults.draw(route)
      if (outcome.corrupt) corruptedRequests.add(request)
      return outcome
    },
  }
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
