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
  bucket: process.env.UPLINK_S3_UPSTREAM ? (process.env.UPLINK_S3_BUCKET ?? 'uploads') : 'uploads',
  dataDir: path.resolve(process.env.UPLINK_DATA_DIR ?? fileURLToPath(new URL('../.data', import.meta.url))),
  /** s3rver's built-in account, or the upstream store's keys. */
  s3Credentials: {
    accessKeyId: process.env.UPLINK_S3_UPSTREAM ? (process.env.UPLINK_S3_ACCESS_KEY ?? '') : 'S3RVER',
    secretAccessKey: process.env.UPLINK_S3_UPSTREAM ? (process.env.UPLINK_S3_SECRET_KEY ?? '') : 'S3RVER',
  },
  /**
   * A real S3 to put behind the front instead of s3rver (e.g. radosgw at http://127.0.0.1:7480,
   * with UPLINK_S3_BUCKET / UPLINK_S3_ACCESS_KEY / UPLINK_S3_SECRET_KEY): the same faults and
   * checks, against a store we did not write.
   */
  s3Upstream: process.env.UPLINK_S3_UPSTREAM,
  /** Key of the signer's upload tokens: set it to keep unfinished uploads resumable across restarts. */
  signerSecret: process.env.UPLINK_SIGNER_SECRET,
}
