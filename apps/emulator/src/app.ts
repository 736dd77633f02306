import { S3Client } from '@aws-sdk/client-s3'
import { createS3Signer } from '@uplink/server'
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { inspectObject } from './inspect'
import { createRequestLog } from './request-log'

export interface EmulatorAppOptions {
  s3Endpoint: string
  bucket: string
  credentials: { accessKeyId: string; secretAccessKey: string }
  dataDir: string
}

/** The emulator's HTTP API: the S3 signer, inspection of stored objects, and a request log. */
export function createEmulatorApp(options: EmulatorAppOptions) {
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: options.s3Endpoint,
    forcePathStyle: true,
    credentials: options.credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  const signer = createS3Signer({ client, bucket: options.bucket, credentials: options.credentials })
  const log = createRequestLog()
  const app = new Hono()

  app.use('*', cors({ origin: '*', allowHeaders: ['Authorization', 'Content-Type'], maxAge: 600 }))

  app.use('/s3/*', async (c, next) => {
    const parts = c.req.method === 'POST' && c.req.path.endsWith('/complete') ? await countParts(c.req.raw.clone()) : undefined
    await next()
    log.add({ at: Date.now(), method: c.req.method, path: c.req.path, status: c.res.status, ...(parts === undefined ? {} : { parts }) })
  })
  app.all('/s3/*', (c) => signer(c.req.raw))

  app.get('/health', (c) => c.json({ ok: true, dataDir: options.dataDir }))
  app.get('/__inspect/s3', async (c) => {
    const key = c.req.query('key')
    if (!key) return c.json({ error: 'key is required' }, 400)
    try {
      return c.json(await inspectObject(client, options.bucket, key))
    } catch {
      return c.json({ error: `no object ${key}` }, 404)
    }
  })
  app.get('/__log', (c) => c.json(log.list()))
  app.delete('/__log', (c) => {
    log.clear()
    return c.body(null, 204)
  })
  return app
}

async function countParts(request: Request): Promise<number | undefined> {
  try {
    const body = (await request.json()) as { parts?: unknown[] }
    return Array.isArray(body.parts) ? body.parts.length : undefined
  } catch {
    return undefined
  }
}
