import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { resolve } from 'node:path'

// A plain Vite + React app: nothing Uplink-specific in this config (no optimizeDeps, no worker
// options). The preview server stands in for production: a strict policy (same-origin workers
// only; scripts from the page's origin, WebAssembly allowed for MD5/CRC32C as the README says),
// and the signer on the page's own origin under /uploads (here, the emulator's).
const signer = process.env.UPLINK_SIGNER_ORIGIN ?? 'http://127.0.0.1:4600'
// The proxy stands in for the app's server, which knows who the user is: it adds the credentials
// the signer asks for (here the emulator's development token; an app checks its session).
const token = process.env.UPLINK_SIGNER_TOKEN ?? 'uplink-dev-token'
const proxy = { '/uploads': { target: signer, rewrite: (path: string) => path.replace(/^\/uploads/, ''), headers: { Authorization: `Bearer ${token}` } } }
const policy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; connect-src 'self' http://127.0.0.1:*"

export default defineConfig({
  plugins: [react()],
  // The packages are installed one folder up (shared by the consumer apps of the test run); in an
  // app with its own node_modules this line is not needed.
  server: { fs: { allow: ['..'] }, proxy },
  build: {
    rolldownOptions: { input: { main: resolve(import.meta.dirname, 'index.html'), headless: resolve(import.meta.dirname, 'headless.html') } },
  },
  preview: {
    host: '127.0.0.1',
    strictPort: true,
    headers: { 'Content-Security-Policy': policy },
    proxy,
  },
})
