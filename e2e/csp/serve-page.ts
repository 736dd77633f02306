import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { uplinkAliases } from '../../bench/lib/uplink-aliases'

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' }

/** The CSP test page, built as an app would build it (Vite, minified, against the packages' dist/). */
export async function buildCspPage(): Promise<string> {
  const outDir = path.join(tmpdir(), `uplink-csp-page-${process.pid}`)
  await build({
    configFile: false,
    root: fileURLToPath(new URL('./page', import.meta.url)),
    base: './',
    logLevel: 'warn',
    resolve: { alias: uplinkAliases() },
    worker: { format: 'es' },
    build: { target: 'es2022', outDir, emptyOutDir: true, sourcemap: false },
  })
  return outDir
}

/**
 * Serves the page under /<policy name>/…, every response (the page, its modules and the worker
 * script alike) with that policy as a real Content-Security-Policy header.
 */
export async function serveWithPolicies(dir: string, policies: Record<string, string>): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const [, name, ...rest] = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).split('/')
    const policy = policies[name ?? '']
    const file = path.join(dir, rest.join('/') || 'index.html')
    if (policy === undefined || !file.startsWith(dir)) return void res.writeHead(404).end()
    if (!(await stat(file).then((s) => s.isFile(), () => false))) return void res.writeHead(404).end()
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': policy, 'Cache-Control': 'no-store' })
    createReadStream(file).pipe(res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}
