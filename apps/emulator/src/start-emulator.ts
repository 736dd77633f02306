import { serve } from '@hono/node-server'
import { createEmulatorApp } from './app'
import { EMULATOR_TOKEN } from './kit/auth'
import { createFaults } from './kit/faults'
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
}

/** Start the whole emulator on loopback: s3rver, its verifying front, and the HTTP API. */
export async function startEmulator(config: EmulatorConfig) {
  const storage = await startS3Storage({ host: config.host, port: config.s3InternalPort, directory: config.dataDir, bucket: config.bucket })
  const faults = createFaults()
  const log = createRequestLog()
  const front = await startS3Front({ host: config.host, port: config.s3Port, target: { host: config.host, port: config.s3InternalPort }, faults, storageDir: storage.directory, log })
  const s3Endpoint = `http://${config.host}:${config.s3Port}`
  const apiUrl = `http://${config.host}:${config.apiPort}`
  const vendors = createVendors({ dataDir: config.dataDir, faults, token: EMULATOR_TOKEN, publicUrl: apiUrl })
  const app = createEmulatorApp({ s3Endpoint, bucket: config.bucket, credentials: config.s3Credentials, dataDir: config.dataDir, faults, log, vendors })
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.apiPort })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  return {
    apiUrl,
    faults,
    s3Endpoint,
    storageDir: storage.directory,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await Promise.all([front.close(), storage.close()])
    },
  }
}
