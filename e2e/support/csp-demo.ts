import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const DIST = fileURLToPath(new URL('../../apps/demo/dist', import.meta.url))
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
}

/**
 * The built demo (apps/demo/dist, as `vite preview` serves it) from a tiny static server on a
 * free loopback port, every response with this Content-Security-Policy header. Paths that are
 * not files get index.html, as a single-page app's host does.
 */
export async function serveDemoWithPolicy(policy: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const wanted = path.join(DIST, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname))
    const isFile = wanted.startsWith(DIST) && (await stat(wanted).then((s) => s.isFile(), () => false))
    const file = isFile ? wanted : path.join(DIST, 'index.html')
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': policy, 'Cache-Control': 'no-store' })
    createReadStream(file).pipe(res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}
