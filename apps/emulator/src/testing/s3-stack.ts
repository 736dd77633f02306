import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { S3Client } from '@aws-sdk/client-s3'
import { startS3Front } from '../s3-front'
import { startS3Storage } from '../s3-storage'

export const S3RVER_ACCOUNT = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }

/**
 * For tests: the emulator's S3 as browsers and the signer meet it, s3rver behind the verifying
 * front, on two loopback ports of the caller's choosing, in a fresh folder that close() deletes.
 * `internalEndpoint` is s3rver itself (no checks at all): a stand-in for a store that would not
 * enforce what the front does.
 */
export async function startS3Stack(opts: { frontPort: number; storagePort: number; bucket?: string }) {
  const bucket = opts.bucket ?? 'uploads'
  const dataDir = await mkdtemp(path.join(tmpdir(), 'uplink-s3-stack-'))
  const host = '127.0.0.1'
  const storage = await startS3Storage({ host, port: opts.storagePort, directory: dataDir, bucket })
  const front = await startS3Front({
    host,
    port: opts.frontPort,
    target: { host, port: opts.storagePort },
    credentials: S3RVER_ACCOUNT,
    storageDir: storage.directory,
  })
  const endpoint = `http://${host}:${opts.frontPort}`
  const client = (to = endpoint) =>
    new S3Client({
      region: 'us-east-1',
      endpoint: to,
      forcePathStyle: true,
      credentials: S3RVER_ACCOUNT,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    })
  return {
    bucket,
    endpoint,
    internalEndpoint: storage.endpoint,
    /** An SDK client through the front (its requests are verified like any other). */
    client,
    async close() {
      await front.close()
      await storage.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export type S3Stack = Awaited<ReturnType<typeof startS3Stack>>
