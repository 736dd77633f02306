import { fileURLToPath } from 'node:url'
import path from 'node:path'

/** Everything listens on loopback only. Ports and folders can be moved by environment. */
export const config = {
  host: '127.0.0.1',
  apiPort: Number(process.env.UPLINK_EMULATOR_PORT ?? 4600),
  /** Where browsers and presigned URLs reach S3 (the verifying front). */
  s3Port: Number(process.env.UPLINK_S3_PORT ?? 4569),
  /** s3rver itself, behind the front. */
  s3InternalPort: Number(process.env.UPLINK_S3_INTERNAL_PORT ?? 4570),
  bucket: 'uploads',
  dataDir: path.resolve(process.env.UPLINK_DATA_DIR ?? fileURLToPath(new URL('../.data', import.meta.url))),
  /** s3rver's built-in account. */
  s3Credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
}
