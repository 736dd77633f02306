import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { expectStoredIntact, launchChromium, openWatched, uploadThroughDropzone, uploadWithInput } from './lib/browser'
import { type Server, run, runOrThrow, startServer } from './lib/process'
import { relativeImports } from './lib/tarball'
import { multipartFile } from './lib/upload-files'

// A fresh Vite 8 + React 19 app (apps/vite) with the tarballs installed: the README examples of
// @uplink/react (index.html) and @uplink/core (headless.html), verbatim.
const PORT = Number(process.env.UPLINK_CONSUMER_VITE_PORT ?? 4950)
const INLINE_WASM = 'AGFzbQ'

describe('a Vite + React 19 app, moduleResolution bundler', () => {
  const root = () => inject('consumerRoot')
  const app = () => path.join(root(), 'vite')
  const bin = (name: string) => path.join(root(), 'node_modules/.bin', name)
  const env = () => ({ UPLINK_SIGNER_ORIGIN: inject('emulatorUrl'), UPLINK_SIGNER_TOKEN: inject('emulatorToken') })
  let browser: Browser | undefined
  let preview: Server | undefined

  beforeAll(async () => {
    await runOrThrow(bin('vite'), ['build'], { cwd: app(), env: env() })
  })
  afterAll(async () => {
    await browser?.close()
    await preview?.stop()
  })

  test('type-checks against the shipped declarations, skipLibCheck off', async () => {
    const tsc = await run(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: app() })
    expect(tsc.output).toBe('')
    expect(tsc.code).toBe(0)
  })

  test('emits each worker as its own fingerprinted file; what loads with the page has no WebAssembly', () => {
    const assets = readdirSync(path.join(app(), 'dist/assets'))
    const hashWorker = assets.find((file) => /^hash\.worker-[\w-]+\.js$/.test(file))
    const thumbnailWorker = assets.find((file) => /^thumbnail\.worker-[\w-]+\.js$/.test(file))
    expect(hashWorker, assets.join(', ')).toBeDefined()
    expect(thumbnailWorker, assets.join(', ')).toBeDefined()
    expect(readFileSync(path.join(app(), 'dist/assets', hashWorker!), 'utf8').includes(INLINE_WASM), 'the hash worker holds the WebAssembly').toBe(true)
    for (const page of ['index.html', 'headless.html']) {
      const html = readFileSync(path.join(app(), 'dist', page), 'utf8')
      const entries = [...html.matchAll(/<script type="module"[^>]*src="\.?\/?([^"]+)"/g)].map((m) => m[1]!)
      expect(entries.length, page).toBeGreaterThan(0)
      const initial = new Set<string>()
      const visit = (file: string) => {
        if (initial.has(file)) return
        initial.add(file)
        for (const specifier of relativeImports(readFileSync(path.join(app(), 'dist', file), 'utf8')).static) visit(path.posix.join(path.posix.dirname(file), specifier))
      }
      entries.forEach(visit)
      for (const file of initial) {
        const code = readFileSync(path.join(app(), 'dist', file), 'utf8')
        expect(code.includes(INLINE_WASM), `${file} loads with ${page} and inlines WebAssembly`).toBe(false)
        expect(code.includes('sourceMappingURL'), `${file} loads with ${page} and points at a sourcemap`).toBe(false)
      }
    }
  })

  test('renders on the server in plain Node', async () => {
    await runOrThrow(bin('vite'), ['build', '--ssr', 'src/server-render.tsx', '--outDir', 'dist-ssr'], { cwd: app() })
    const rendered = await run(process.execPath, ['dist-ssr/server-render.js'], { cwd: app() })
    expect(rendered.code, rendered.output).toBe(0)
    expect(rendered.output).toContain('data-uplink-dropzone')
    expect(rendered.output).toContain('data-uplink-file-list')
    expect(rendered.output).not.toMatch(/Error|Warning/)
  })

  test("uploads from the page under worker-src 'self': hashed and previewed in workers, stored intact", async () => {
    preview = await startServer(bin('vite'), ['preview', '--port', String(PORT)], { cwd: app(), env: env(), url: `http://127.0.0.1:${PORT}/` })
    browser = await launchChromium()
    const watched = await uploadThroughDropzone(browser, `http://127.0.0.1:${PORT}/`, inject('emulatorUrl'), 'vite-build')
    expect(watched.policy).toContain("worker-src 'self'")
    const origin = `http://127.0.0.1:${PORT}/assets/`
    expect(watched.workers.filter((url) => url.startsWith(origin)).map((url) => url.slice(origin.length).replace(/-[\w-]+\.js$/, ''))).toEqual(
      expect.arrayContaining(['hash.worker', 'thumbnail.worker']),
    )
    expect(watched.errors).toEqual([])
  })

  test('in development (vite, dependencies pre-bundled), the workers load and upload too', async () => {
    browser ??= await launchChromium()
    const dev = await startServer(bin('vite'), ['--port', String(PORT + 1), '--strictPort', '--host', '127.0.0.1'], { cwd: app(), env: env(), url: `http://127.0.0.1:${PORT + 1}/` })
    try {
      const watched = await uploadThroughDropzone(browser, `http://127.0.0.1:${PORT + 1}/`, inject('emulatorUrl'), 'vite-dev')
      expect(watched.workers.map((url) => /\/(hash|thumbnail)\.worker\.js\b/.exec(url)?.[1]).sort()).toEqual(expect.arrayContaining(['hash', 'thumbnail']))
      expect(watched.errors).toEqual([])
    } finally {
      await dev.stop()
    }
  })

  test("the headless example of @uplink/core uploads too, under the same policy", async () => {
    browser ??= await launchChromium()
    preview ??= await startServer(bin('vite'), ['preview', '--port', String(PORT)], { cwd: app(), env: env(), url: `http://127.0.0.1:${PORT}/` })
    const watched = await openWatched(browser, `http://127.0.0.1:${PORT}/headless.html`)
    const files = [multipartFile('vite-headless.bin')]
    const outcome = await uploadWithInput(watched.page, 'input[type="file"]', files)
    await expectStoredIntact(inject('emulatorUrl'), outcome, files)
    expect(outcome.hashingMode).toBe('worker')
    expect(watched.errors).toEqual([])
  })
})
