import { expect, test } from '@playwright/test'
import type { CspResult, CspRun } from './csp/page/main'
import { buildCspPage, serveWithPolicies } from './csp/serve-page'
import { EMULATOR } from './emulator'

// The engine under real Content-Security-Policy response headers, in Chromium: uploads finish
// (falling back where the policy forbids workers or WebAssembly) or fail with the right code,
// and never wait forever.
const MiB = 1024 * 1024
const base = "default-src 'self'; connect-src 'self' http://127.0.0.1:*; img-src 'self' data: blob:"
const policies = {
  // (a) Workers allowed from the page's own origin, WebAssembly allowed.
  'worker-self': `${base}; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'`,
  // (b) No worker at all: Chromium refuses it without firing an error.
  'worker-none': `${base}; script-src 'self' 'wasm-unsafe-eval'; worker-src 'none'`,
  // (c) Workers allowed, WebAssembly not (no 'wasm-unsafe-eval'): MD5 and CRC32C cannot use hash-wasm.
  'no-wasm': `${base}; script-src 'self'; worker-src 'self'`,
}

let server: Awaited<ReturnType<typeof serveWithPolicies>>
test.beforeAll(async () => {
  server = await serveWithPolicies(await buildCspPage(), policies)
})
test.afterAll(() => server?.close())

async function upload(page: import('@playwright/test').Page, policy: keyof typeof policies, run: CspRun): Promise<CspResult> {
  // What the page says goes to the test's output: a CSP report or a failed load is the first clue.
  page.on('console', (message) => console.log(`[${policy} ${run.checksum}] ${message.type()}: ${message.text()}`))
  page.on('pageerror', (error) => console.log(`[${policy} ${run.checksum}] page error: ${error.message}`))
  await page.goto(`${server.url}/${policy}/index.html`)
  await page.waitForFunction(() => typeof window.cspRun === 'function')
  return page.evaluate((input) => window.cspRun(input), run)
}

async function expectStored(result: CspResult, size: number) {
  expect(result).toMatchObject({ status: 'done', code: undefined })
  const stored = (await (await fetch(`${EMULATOR}/__inspect/s3?key=${encodeURIComponent(result.key!)}`)).json()) as { size: number; sha256: string }
  expect(stored).toMatchObject({ size, sha256: result.sha256 })
}

const size = 6 * MiB + 321 // two parts of 5 MiB (the last one short)

for (const checksum of ['none', 'md5', 'crc32c'] as const) {
  test(`worker-src 'self': the workers start; ${checksum === 'none' ? 'no checksum' : checksum} upload stored byte-identical`, async ({ page }) => {
    const result = await upload(page, 'worker-self', { checksum, fallback: 'main-thread', size })
    await expectStored(result, size)
    expect(result.wasm).toBe('allowed')
    // A page without checksums never starts a worker; with one, the worker does the hashing.
    if (checksum !== 'none') expect(result.hashingMode).toBe('worker')
  })

  test(`worker-src 'none': ${checksum === 'none' ? 'no checksum needs no worker' : `${checksum} falls back to the main thread`}, and the upload finishes`, async ({ page }) => {
    const result = await upload(page, 'worker-none', { checksum, fallback: 'main-thread', size })
    await expectStored(result, size)
    expect(result.hashingMode).toBe(checksum === 'none' ? 'worker' : 'main-thread')
  })

  test(`no 'wasm-unsafe-eval': ${checksum === 'none' ? 'no checksum needs no WebAssembly' : `${checksum} is computed in plain JavaScript`}, and the server accepts it`, async ({ page }) => {
    const result = await upload(page, 'no-wasm', { checksum, fallback: 'main-thread', size })
    expect(result.wasm).toBe('blocked') // the policy really forbids WebAssembly here
    await expectStored(result, size)
  })
}

test("worker-src 'none' with the fallback turned off: a typed worker-unavailable error, not a wait", async ({ page }) => {
  const result = await upload(page, 'worker-none', { checksum: 'md5', fallback: 'fail', size })
  expect(result).toMatchObject({ status: 'error', code: 'worker-unavailable' })
  expect(result.ms).toBeLessThan(30_000) // the ready handshake is bounded (2 s); the test's own timeout would catch a hang
})
