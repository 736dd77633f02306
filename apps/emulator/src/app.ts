import path from 'node:path'
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { createS3Signer } from '@uplink/server'
import type { HttpBindings } from '@hono/node-server'
import { Hono } from 'hono'
import type { Faults, FaultRule } from './kit/faults'
import { withFaults } from './kit/faults'
import { isLoopbackOrigin, loopbackCors, loopbackOnly } from './kit/loopback'
import type { VendorModule } from './kit/vendor'
import { inspectObject } from './inspect'
import { listS3Objects } from './s3-listing'
import { type InFlight, createInFlight } from './kit/in-flight'
import { type RequestLog, createRequestLog, describeRequest } from './request-log'

export interface EmulatorAppOptions {
  s3Endpoint: string
  bucket: string
  credentials: { accessKeyId: string; secretAccessKey: string }
  faults: Faults
  /** The development bearer token: the signer's `authorize` accepts it and nothing else. */
  token: string
  /** Key of the signer's upload tokens (random per start unless UPLINK_SIGNER_SECRET is set). */
  signerSecret: string
  /** Shared with the S3 front so part PUTs are logged too; a fresh one by default. */
  log?: RequestLog
  /** Shared with the S3 front so POST /__reset-in-flight cuts part PUTs too; a fresh one by default. */
  inFlight?: InFlight
  vendors: VendorModule[]
  /** s3rver's folder, when it is the store: /__list/s3 reads it (see s3-listing.ts) instead of ListObjectsV2. */
  s3StorageDir?: string
}

/** The identity the emulator's signer gives whoever holds the development token. */
export const EMULATOR_IDENTITY = 'emulator-dev-user'

/**
 * The emulator's HTTP API: the S3 signer, every vendor API under /<vendor>/, inspection of
 * stored objects, a request log, and the fault-injection admin endpoint.
 */
export function createEmulatorApp(options: EmulatorAppOptions) {
  const { faults } = options
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: options.s3Endpoint,
    forcePathStyle: true,
    credentials: options.credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  // Mounted the way an app should: authorize says who the caller is (here: whoever holds the
  // development token), tokens are keyed by a secret, browsers may call from loopback pages.
  const signer = createS3Signer({
    client,
    bucket: options.bucket,
    authorize: (request) => (request.headers.get('authorization') === `Bearer ${options.token}` ? EMULATOR_IDENTITY : null),
    secret: options.signerSecret,
    allowedOrigins: isLoopbackOrigin,
    expiresIn: () => faults.urlTtlSeconds('s3.sign', 900),
  })
  const log = options.log ?? createRequestLog()
  const inFlight = options.inFlight ?? createInFlight()
  const app = new Hono()

  // Control routes answer this machine only; each vendor module answers preflights as its API does.
  app.use('/__*', ...loopbackOnly())
  app.use('/health', ...loopbackOnly())
  // The signer's own CORS layer answers its preflights; injected faults (which answer before the
  // signer) get the same CORS headers so a test page can read them.
  app.on('OPTIONS', '/s3/*', (c) => signer(c.req.raw))
  app.use('/s3/*', loopbackCors())

  // Log every API request (not the admin ones), with the part count of completions; track it
  // while it runs, so POST /__reset-in-flight can cut it.
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/__') || c.req.method === 'OPTIONS') return next()
    const startedAt = Date.now()
    const socket = (c.env as HttpBindings | undefined)?.incoming?.socket
    const leave = socket ? inFlight.enter(socket) : () => undefined
    const parts = c.req.method !== 'GET' && /complete/.test(c.req.path) ? await countParts(c.req.raw.clone()) : undefined
    try {
      await next()
    } finally {
      leave()
      const url = new URL(c.req.url)
      log.add({
        at: Date.now(),
        startedAt,
        method: c.req.method,
        ...describeRequest(url.pathname + url.search, (name) => c.req.header(name)),
        status: c.res.status,
        ...(socket?.destroyed ? { aborted: true } : {}),
        ...(parts === undefined ? {} : { parts }),
      })
    }
  })

  app.post('/s3/multipart', withFaults(faults, 's3.create'))
  app.get('/s3/multipart/:id/batch', withFaults(faults, 's3.sign'))
  app.post('/s3/multipart/:id/complete', withFaults(faults, 's3.complete'))
  app.get('/s3/multipart/:id', withFaults(faults, 's3.list'))
  app.delete('/s3/multipart/:id', withFaults(faults, 's3.abort'))
  app.post('/s3/object', withFaults(faults, 's3.object'))
  app.post('/s3/objects', withFaults(faults, 's3.objects'))
  app.all('/s3/*', (c) => signer(c.req.raw))

  for (const vendor of options.vendors) app.route(`/${vendor.name}`, vendor.app)

  // Says it is up, nothing about the machine (no folders, versions or vendors).
  app.get('/health', (c) => c.json({ ok: true }))
  app.get('/__inspect/s3', async (c) => {
    const key = c.req.query('key')
    if (!key) return c.json({ error: 'key is required' }, 400)
    try {
      return c.json(await inspectObject(client, options.bucket, key))
    } catch {
      return c.json({ error: `no object ${key}` }, 404)
    }
  })
  // What each store holds, for the demo's server-side list.
  app.get('/__list/s3', async (c) => {
    if (options.s3StorageDir) return c.json(await listS3Objects(path.join(options.s3StorageDir, options.bucket)))
    // A real S3 upstream: its own listing.
    const listed = await client.send(new ListObjectsV2Command({ Bucket: options.bucket, MaxKeys: 1000 }))
    const objects = (listed.Contents ?? []).map((o) => ({ key: o.Key ?? '', size: o.Size ?? 0, modifiedAt: o.LastModified?.toISOString() ?? '' }))
    return c.json(objects.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt)))
  })
  app.get('/__list/:vendor', async (c) => {
    const vendor = options.vendors.find((v) => v.name === c.req.param('vendor'))
    return vendor ? c.json(await vendor.objects.list()) : c.json({ error: 'unknown vendor' }, 404)
  })
  app.get('/__inspect/:vendor', async (c) => {
    const vendor = options.vendors.find((v) => v.name === c.req.param('vendor'))
    const key = c.req.query('key')
    if (!vendor || !key) return c.json({ error: 'unknown vendor or missing key' }, 400)
    const found = await vendor.objects.inspect(key)
    return found ? c.json(found) : c.json({ error: `no object ${key}` }, 404)
  })
  app.get('/__log', (c) => c.json(log.list()))
  // The clock the log's times come from: a test marks a moment (a reload) on it, not on its own.
  app.get('/__now', (c) => c.json({ now: Date.now() }))
  app.delete('/__log', (c) => {
    log.clear()
    return c.body(null, 204)
  })
  // Every presigned URL issued so far (S3, the fake storage of Drime / Archetype / Gjirafa,
  // Cognite's part URLs) expires now; answers once URLs issued from here on are valid again.
  app.post('/__expire-urls', async (c) => c.json({ expiredBefore: new Date(await faults.expireUrls()).toISOString() }))
  // Cut every API request in flight (part bodies included), as a lost network would.
  app.post('/__reset-in-flight', (c) => c.json({ reset: inFlight.resetAll() }))
  app.get('/__faults', (c) => c.json(faults.list()))
  // Answers held back by holdAnswerMs: a test waits for its request to have taken effect.
  app.get('/__held', (c) => c.json(faults.holding()))
  // Requests waiting out an injected latency (latencyMs): a test acts while they are in flight.
  app.get('/__delayed', (c) => c.json(faults.delaying()))
  app.put('/__faults', async (c) => {
    const rules = (await c.req.json()) as FaultRule[]
    if (!Array.isArray(rules)) return c.json({ error: 'a JSON array of fault rules' }, 400)
    faults.set(rules)
    return c.json(faults.list())
  })
  app.delete('/__faults', (c) => {
    faults.clear()
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
