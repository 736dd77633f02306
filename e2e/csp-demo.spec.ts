import { expect, test } from '@playwright/test'
import { Demo, MiB } from './support/demo'
import { serveDemoWithPolicy } from './support/csp-demo'
import { expectStoredIdentical } from './support/expect-stored'

// The demo itself (not a test page: csp.spec.ts covers the engine alone) served under a strict
// Content-Security-Policy: scripts only from its own origin (no inline script, no eval, not even
// 'wasm-unsafe-eval'), workers only from its own origin, styles only from files (no style
// attributes: 'unsafe-inline' is not given).
// It still uploads, byte-identical, and the browser reports no violation at all.
const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  // Vite inlines the smallest font subsets as data: URLs in the stylesheet (a font, not a script).
  "font-src 'self' data:",
  "img-src 'self' data: blob:",
  // The emulator's APIs and presigned part URLs (S3's own port) on loopback.
  "connect-src 'self' http://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

declare global {
  interface Window {
    uplinkCspViolations?: string[]
  }
}

let server: Awaited<ReturnType<typeof serveDemoWithPolicy>>
test.beforeAll(async () => {
  server = await serveDemoWithPolicy(POLICY)
})
test.afterAll(() => server?.close())

for (const [provider, checksum] of [
  ['s3', 'Content-MD5 part checksums, WebAssembly forbidden'],
  ['tus', 'no part checksum'],
] as const) {
  test(`under a strict CSP the demo uploads through ${provider} (${checksum}), byte-identical, with no violation`, async ({ page }) => {
    await page.addInitScript(() => {
      window.uplinkCspViolations = []
      document.addEventListener('securitypolicyviolation', (e) => window.uplinkCspViolations!.push(`${e.effectiveDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`))
    })
    const response = await page.request.get(server.url)
    expect(response.headers()['content-security-policy']).toBe(POLICY)

    const demo = await Demo.open(page, provider, { partSize: 5 * MiB }, server.url)
    const file = { name: `${Date.now().toString(36)} under CSP ${provider}.bin`, size: 6 * MiB + 5, seed: 4242 }
    await demo.dropFiles([file])
    await demo.waitForStatus(file.name, 'done')
    await expectStoredIdentical(demo, provider, file)
    const violations = await page.evaluate(() => window.uplinkCspViolations)
    test.info().annotations.push({ type: 'csp violations', description: violations?.join(' | ') || 'none' })
    expect(violations).toEqual([])
  })
}
