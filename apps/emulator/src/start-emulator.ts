import { serve } from '@hono/node-server'
import { createEmulatorApp } from './app'
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
  const front = await startS3Front({ host: config.host, port: config.s3Port, target: { host: config.host, port: config.s3InternalPort } })
  const s3Endpoint = `http://${config.host}:${config.s3Port}`
  const app = createEmulatorApp({ s3Endpoint, bucket: config.bucket, credentials: config.s3Credentials, dataDir: config.dataDir })
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.apiPort })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  return {
    apiUrl: `http://${config.host}:${config.apiPort}`,
    s3Endpoint,
    storageDir: storage.directory,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await Promise.all([front.close(), storage.close()])
    },
  }
}
