import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

// A plain Next.js app (App Router): nothing Uplink-specific here either. Production-like
// headers (a strict policy for workers) and the signer on the app's own origin under /uploads.
const signer = process.env.UPLINK_SIGNER_ORIGIN ?? 'http://127.0.0.1:4600'
// The packages are installed one folder up (shared by the consumer apps of the test run).
const installRoot = dirname(dirname(fileURLToPath(import.meta.url)))

/** @type {import('next').NextConfig} */
export default {
  turbopack: { root: installRoot },
  outputFileTracingRoot: installRoot,
  async headers() {
    return [{ source: '/:path*', headers: [{ key: 'Content-Security-Policy', value: "worker-src 'self'" }] }]
  },
  async rewrites() {
    return [{ source: '/uploads/:path*', destination: `${signer}/:path*` }]
  },
}
