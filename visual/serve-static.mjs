// Serves a built folder (storybook-static) on loopback for the screenshot tests; nothing else.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'

const [dir, port] = [path.resolve(process.argv[2] ?? 'storybook-static'), Number(process.argv[3] ?? 6007)]
const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.woff': 'font/woff', '.png': 'image/png' }

http
  .createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const file = path.join(dir, pathname.endsWith('/') ? `${pathname}index.html` : pathname)
    if (!file.startsWith(dir)) return void res.writeHead(403).end()
    if (!(await stat(file).then((s) => s.isFile(), () => false))) return void res.writeHead(404).end()
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' })
    createReadStream(file).pipe(res)
  })
  .listen(port, '127.0.0.1', () => console.log(`serving ${dir} on http://127.0.0.1:${port}`))
