// Vitest globalSetup (Node side) for the `radosgw-browser` project; not a test file itself (the
// .test.ts suffix keeps it out of the package build). It serves the real signer, pointed at the
// radosgw that scripts/radosgw/start.sh started, on 127.0.0.1:4801 with CORS for the test page,
// plus GET /__inspect?key= so the page can check what radosgw stored.
import { createHash, randomBytes } from 'node:crypto'
import { serve } from '@hono/node-server'
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import type { TestProject } from 'vitest/node'
import { createS3Signer } from './s3-signer'

const PORT = 4801
/** The page's bearer token for this signer: its authorize knows this one only. */
const TOKEN = randomBytes(16).toString('hex')
const isLoopbackOrigin = (origin: string) => /^http:\/\/(127\.0\.0\.1|localhost):\d+$/.test(origin)

declare module 'vitest' {
  export interface ProvidedContext {
    radosgwSignerUrl: string
    radosgwSignerToken: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const env = (name: string): string => {
    const value = process.env[name]
    if (!value) throw new Error(`${name} is not set: run scripts/radosgw/start.sh and source reports/radosgw.env`)
    return value
  }
  const connection = {
    endpoint: env('RADOSGW_ENDPOINT'),
    region: env('RADOSGW_REGION'),
    credentials: { accessKeyId: env('RADOSGW_ACCESS_KEY'), secretAccessKey: env('RADOSGW_SECRET_KEY') },
  }
  const Bucket = env('RADOSGW_BUCKET')
  const signer = createS3Signer({
    ...connection,
    bucket: Bucket,
    keyPrefix: 'radosgw-browser-tests',
    authorize: (request) => (request.headers.get('authorization') === `Bearer ${TOKEN}` ? 'radosgw-browser-test' : null),
    secret: randomBytes(32),
    allowedOrigins: isLoopbackOrigin,
  })
  const s3 = new S3Client({
    ...connection,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })

  const app = new Hono()
  // The test page is served by Vitest on another loopback port: allow loopback origins only
  // (the signer's routes answer CORS themselves, as a deployed signer does).
  app.use('/__inspect', cors({ origin: (origin) => (isLoopbackOrigin(origin) ? origin : null) }))
  app.get('/__inspect', async (c) => {
    const Key = c.req.query('key')
    if (!Key) return c.json({ error: 'key is required' }, 400)
    const object = await s3.send(new GetObjectCommand({ Bucket, Key }))
    const bytes = await object.Body!.transformToByteArray()
    return c.json({ size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), etag: object.ETag ?? null })
  })
  app.all('/s3/*', (c) => signer(c.req.raw))

  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: PORT })
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', (error) => reject(new Error(`the radosgw signer could not listen on 127.0.0.1:${PORT}: ${error.message}`)))
  })
  project.provide('radosgwSignerUrl', `http://127.0.0.1:${PORT}`)
  project.provide('radosgwSignerToken', TOKEN)
  return () => new Promise<void>((resolve) => server.close(() => resolve()))
}
