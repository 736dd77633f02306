import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import S3rver from 's3rver'

const CORS = `<CORSConfiguration><CORSRule>
  <AllowedOrigin>http://127.0.0.1:*</AllowedOrigin><AllowedOrigin>http://localhost:*</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedMethod>POST</AllowedMethod>
  <AllowedMethod>HEAD</AllowedMethod><AllowedMethod>DELETE</AllowedMethod>
  <AllowedHeader>*</AllowedHeader>
  <ExposeHeader>ETag</ExposeHeader>
  <MaxAgeSeconds>3000</MaxAgeSeconds>
</CORSRule></CORSConfiguration>`

/**
 * A real S3 implementation we did not write (s3rver), with one bucket whose CORS rule lets
 * pages on this machine (any loopback port) PUT and read ETag, so browsers can read part
 * receipts. Objects are stored as files under `directory`.
 */
export async function startS3Storage(opts: { host: string; port: number; directory: string; bucket: string }) {
  const directory = path.join(opts.directory, 's3')
  await mkdir(directory, { recursive: true })
  const server = new S3rver({
    address: opts.host,
    port: opts.port,
    silent: true,
    directory,
    configureBuckets: [{ name: opts.bucket, configs: [CORS] }],
  })
  await server.run()
  return { directory, endpoint: `http://${opts.host}:${opts.port}`, close: () => server.close() }
}
