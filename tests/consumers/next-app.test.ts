import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchChromium, uploadThroughDropzone } from './lib/browser'
import { type Server, runOrThrow, startServer } from './lib/process'

// A fresh Next.js app (apps/next, App Router) with the tarballs installed: a server component
// page rendering the README example of @uplink/react as a client component, built with
// `next build` (its default bundler, types checked; declarations themselves are checked with
// skipLibCheck off by the Vite and nodenext apps, so this one keeps create-next-app's default)
// and served by `next start`.
const PORT = Number(process.env.UPLINK_CONSUMER_NEXT_PORT ?? 4960)
const INLINE_WASM = 'AGFzbQ'

describe('a Next.js App Router app', () => {
  const root = () => inject('consumerRoot')
  const app = () => path.join(root(), 'next')
  const next = () => path.join(root(), 'node_modules/.bin/next')
  const env = () => ({ UPLINK_SIGNER_ORIGIN: inject('emulatorUrl'), UPLINK_SIGNER_TOKEN: inject('emulatorToken'), NEXT_TELEMETRY_DISABLED: '1' })
  let server: Server | undefined
  let browser: Browser | undefined
  let buildOutput = ''

  /** Which of our workers a worker URL runs: its own file plus the chunks listed in #params. */
  const workerRole = (url: string) => {
    const { origin, pathname, hash } = new URL(url)
    if (origin !== `http://127.0.0.1:${PORT}` || !pathname.startsWith('/_next/')) return `foreign: ${url}`
    const params = hash.startsWith('#params=') ? (JSON.parse(decodeURIComponent(hash.slice('#params='.length))) as unknown[]) : []
    const chunks = [pathname, ...((params[0] as string[] | undefined) ?? [])].filter((chunk) => chunk.startsWith('/_next/'))
    const code = chunks.map((chunk) => readFileSync(path.join(app(), '.next', chunk.slice('/_next/'.length)), 'utf8')).join('\n')
    if (code.includes(INLINE_WASM)) return 'hash'
    if (code.includes('OffscreenCanvas')) return 'thumbnail'
    return `unknown: ${url}`
  }

  beforeAll(async () => {
    buildOutput = await runOrThrow(next(), ['build'], { cwd: app(), env: env() })
    server = await startServer(next(), ['start', '--port', String(PORT), '--hostname', '127.0.0.1'], { cwd: app(), env: env(), url: `http://127.0.0.1:${PORT}/` })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('builds with next build (types checked), no warnings; no WebAssembly in the JavaScript the page loads', async () => {
    expect(buildOutput).toMatch(/Compiled successfully/)
    expect(buildOutput).toMatch(/TypeScript/)
    expect(buildOutput).not.toMatch(/warn|error/i)
    const html = await (await fetch(`http://127.0.0.1:${PORT}/`)).text()
    const scripts = [...html.matchAll(/<script[^>]+src="\/_next\/([^"]+)"/g)].map((m) => m[1]!)
    expect(scripts.length).toBeGreaterThan(0)
    for (const script of scripts) {
      const code = readFileSync(path.join(app(), '.next', script.split('?')[0]!), 'utf8')
      expect(code.includes(INLINE_WASM), `${script} loads with the page and inlines WebAssembly`).toBe(false)
    }
  })

  test('renders the drop zone and the file list on the server, without errors', async () => {
    const response = await fetch(`http://127.0.0.1:${PORT}/`)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('data-uplink-dropzone')
    expect(html).toContain('data-uplink-file-list')
    expect(server!.output()).not.toMatch(/error/i)
  })

  test("uploads from the page under worker-src 'self': hashed and previewed in workers, stored intact", async () => {
    browser = await launchChromium()
    const watched = await uploadThroughDropzone(browser, `http://127.0.0.1:${PORT}/`, inject('emulatorUrl'), 'next')
    expect(watched.policy).toBe("worker-src 'self'")
    // Each worker runs code Next emitted under /_next/ (Turbopack starts a worker with a small
    // bootstrap and the worker's chunks in its URL's #params; webpack with the chunk itself).
    const roles = new Set(watched.workers.map((url) => workerRole(url)))
    expect([...roles].sort(), watched.workers.join('\n')).toEqual(['hash', 'thumbnail'])
    expect(server!.output()).not.toMatch(/error/i)
    expect(watched.errors).toEqual([])
  })
})
