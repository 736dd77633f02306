import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

// A plain Next.js app (App Router): nothing Uplink-specific here either. Production-like
// headers (a strict policy for workers); the signer is reached on the app's own origin under
// /uploads through a route handler (app/uploads/[...path]/route.ts) that authenticates the call.
// The packages are installed one folder up (shared by the consumer apps of the test run).
const installRoot = dirname(dirname(fileURLToPath(import.meta.url)))

/** @type {import('next').NextConfig} */
export default {
  turbopack: { root: installRoot },
  outputFileTracingRoot: installRoot,
  async headers() {
    return [{ source: '/:path*', headers: [{ key: 'Content-Security-Policy', value: "worker-src 'self'" }] }]
  },
}
