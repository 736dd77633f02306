import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Hono } from 'hono'
import { createFaults } from '../../kit/faults'
import type { VendorContext, VendorModule } from '../../kit/vendor'
import type { FakeStorage, FakeStorageOptions } from './fake-storage'
import { createFakeStorage } from './fake-storage'

export const TEST_TOKEN = 'test-token'
export const PUBLIC_URL = 'http://127.0.0.1:4600'

/**
 * For vendor tests: a temp data folder, faults, a fake storage with a hand-moved clock, and
 * an app that mounts storage and the vendor as the emulator does (/storage, /<vendor>), so
 * URLs the vendor hands out can be requested in-process with `app.request(url)`.
 */
export async function createHarness(options: FakeStorageOptions = {}) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'uplink-vendor-'))
  const faults = createFaults([])
  const clock = { now: Date.UTC(2026, 3, 28, 14, 32, 18) }
  const context: VendorContext = { dataDir, faults, token: TEST_TOKEN, publicUrl: PUBLIC_URL }
  const storage: FakeStorage = createFakeStorage(context, { now: () => clock.now, ...options })
  const app = new Hono()
  app.route('/storage', storage.module.app)
  return {
    dataDir,
    faults,
    clock,
    context,
    storage,
    app,
    mount(vendor: VendorModule) {
      app.route(`/${vendor.name}`, vendor.app)
      return vendor
    },
    /** A JSON API call with the bearer token (or `token: null` for none). */
    call(method: string, url: string, body?: unknown, token: string | null = TEST_TOKEN) {
      const headers: Record<string, string> = { Accept: 'application/json' }
      if (token !== null) headers.Authorization = `Bearer ${token}`
      if (body !== undefined) headers['Content-Type'] = 'application/json'
      return app.request(url.startsWith('http') ? url : `${PUBLIC_URL}${url}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
    },
    /** A part PUT as a browser sends it: raw bytes, exact Content-Length, no Authorization. */
    putPart(url: string, bytes: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) {
      return app.request(url, { method: 'PUT', body: bytes, headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length), ...headers } })
    },
    close: () => rm(dataDir, { recursive: true, force: true }),
  }
}

export type Harness = Awaited<ReturnType<typeof createHarness>>
