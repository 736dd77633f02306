import { randomBytes } from 'node:crypto'
import { serve } from '@hono/node-server'
import { createEmulatorApp } from './app'
import { EMULATOR_TOKEN } from './kit/auth'
import { createFaults } from './kit/faults'
import { createInFlight } from './kit/in-flight'
import { createRequestLog } from './request-log'
import { createVendors } from './vendors'
import { startS3Front } from './s3-front'
import { startS3Storage } from './s3-storage'

export interface EmulatorConfig {
  host: string
  apiPort: number
  s3Port: number
  s3InternalPort: number
  bucket: string
  dataDir: string
  s3Credentials: { accessKeyId: string; secretAccessKey: string }
  /** A real S3 endpoint to use instead of starting s3rver. */
  s3Upstream?: string | undefined
  /** Key of the signer's upload tokens; random per start by default (unfinished uploads then end with the process). */
  signerSecret?: string | undefined
}

/** Start the whole emulator on loopback: s3rver, its verifying front, and the HTTP API. */
export async function startEmulator(config: EmulatorConfig) {
  const upstream = config.s3Upstream ? new URL(config.s3Upstream) : undefined
  const storage = upstream
    ? undefined
    : await startS3Storage({ host: config.host, port: config.s3InternalPort, directory: config.dataDir, bucket: config.bucket })
  const faults = createFaults()
  const log = createRequestLog()
  const inFlight = createInFlight()
  const front = await startS3Front({
    host: config.host,
    port: config.s3Port,
    target: upstream ? { host: upstream.hostname, port: Number(upstream.port || 80) } : { host: config.host, port: config.s3InternalPort },
    faults,
    // The front checks every request's SigV4 signature with the store's account, as S3 does.
    credentials: config.s3Credentials,
    // Only s3rver needs its multipart gaps filled; a real store answers those calls itself.
    ...(storage ? { storageDir: storage.directory } : {}),
    log,
    inFlight,
  })
  const s3Endpoint = `http://${config.host}:${config.s3Port}`
  const apiUrl = `http://${config.host}:${config.apiPort}`
  const vendors = createVendors({ dataDir: config.dataDir, faults, token: EMULATOR_TOKEN, publicUrl: apiUrl })
  const app = createEmulatorApp({
    s3Endpoint,
    bucket: config.bucket,
    credentials: config.s3Credentials,
    faults,
    token: EMULATOR_TOKEN,
    signerSecret: config.signerSecret ?? randomBytes(32).toString('hex'),
    log,
    inFlight,
    vendors,
    ...(storage ? { s3StorageDir: storage.directory } : {}),
  })
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.apiPort })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  return {
    apiUrl,
    faults,
    s3Endpoint,
    storageDir: storage?.directory ?? config.s3Upstream ?? '',
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await Promise.all([front.close(), storage?.close()])
    },
  }
}
