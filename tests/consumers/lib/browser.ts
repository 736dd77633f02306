import { type Browser, type Page, chromium } from 'playwright'
import { expect } from 'vitest'
import { chromiumArgs } from '../../../vite.config'
import { type TestFile, multipartFile, pngFile } from './upload-files'

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs })

export interface WatchedPage {
  page: Page
  /** URLs of the workers the page started. */
  workers: string[]
  /** Uncaught errors, console errors, failed requests and error answers. */
  errors: string[]
  /** The Content-Security-Policy header the page was served with. */
  policy: string | undefined
}

/** Opens a page and records its workers, its errors and its Content Security Policy. */
export async function openWatched(browser: Browser, url: string): Promise<WatchedPage> {
  const page = await browser.newPage()
  const watched: WatchedPage = { page, workers: [], errors: [], policy: undefined }
  page.on('worker', (worker) => watched.workers.push(worker.url()))
  page.on('pageerror', (error) => watched.errors.push(`page error: ${error.message}`))
  // Failed loads are reported by URL below; the browser's own favicon request is not the app's.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) watched.errors.push(`console: ${message.text()}`)
  })
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) watched.errors.push(`${response.status()} ${response.url()}`)
  })
  page.on('requestfailed', (request) => watched.errors.push(`failed: ${request.url()} ${request.failure()?.errorText}`))
  const response = await page.goto(url)
  expect(response?.ok(), `${url} answered ${response?.status()}`).toBe(true)
  watched.policy = response!.headers()['content-security-policy']
  return watched
}

interface FileOutcome {
  name: string
  status: string
  key: string | undefined
  error: unknown
}

/**
 * Picks the files with the page's file input, waits until the uploader (exposed by the app as
 * `window.uplinkForTests`) has finished them all, and returns what it says of each.
 */
export async function uploadWithInput(page: Page, inputSelector: string, files: TestFile[]): Promise<{ files: FileOutcome[]; hashingMode: string }> {
  await page.waitForFunction(() => 'uplinkForTests' in window)
  await page.locator(inputSelector).setInputFiles(files.map(({ name, mimeType, buffer }) => ({ name, mimeType, buffer })))
  await page.waitForFunction(
    (count) => {
      const state = (window as unknown as { uplinkForTests: { store: { getState(): { files: Record<string, { status: string }> } } } }).uplinkForTests.store.getState()
      const files = Object.values(state.files)
      return files.length === count && files.every((file) => ['done', 'error', 'cancelled'].includes(file.status))
    },
    files.length,
    { timeout: 120_000, polling: 250 },
  )
  return page.evaluate(() => {
    type File = { name: string; status: string; result?: Record<string, unknown>; error?: unknown }
    const state = (window as unknown as { uplinkForTests: { store: { getState(): { files: Record<string, File>; hashingMode: string } } } }).uplinkForTests.store.getState()
    return {
      hashingMode: state.hashingMode,
      files: Object.values(state.files).map((file) => ({ name: file.name, status: file.status, key: file.result?.key as string | undefined, error: file.error ?? null })),
    }
  })
}

/** Every file is done and the emulator holds exactly its bytes (SHA-256 of what it stored). */
export async function expectStoredIntact(emulatorUrl: string, outcome: { files: FileOutcome[] }, files: TestFile[]) {
  // The emulator's admin API computes size and SHA-256 from the bytes it stored.
  const inspect = async (key: string) => (await (await fetch(`${emulatorUrl}/__inspect/s3?key=${encodeURIComponent(key)}`)).json()) as { size?: number; sha256?: string }
  for (const file of files) {
    const got = outcome.files.find((f) => f.name === file.name)
    expect(got, `${file.name} is in the uploader`).toBeDefined()
    expect({ status: got!.status, error: got!.error }, file.name).toEqual({ status: 'done', error: null })
    expect(got!.key, `${file.name} has a key`).toEqual(expect.any(String))
    const stored = await inspect(got!.key!)
    expect({ size: stored.size, sha256: stored.sha256 }, file.name).toEqual({ size: file.buffer.length, sha256: file.sha256 })
  }
}

/**
 * The React README example's page: a multipart file and an image picked with the drop zone's
 * input, both stored intact, hashed in a worker, the image previewed (by the thumbnail worker
 * unless workers are blocked). Returns the page for checks of its own.
 */
export async function uploadThroughDropzone(browser: Browser, url: string, emulatorUrl: string, label: string): Promise<WatchedPage> {
  const watched = await openWatched(browser, url)
  const files = [multipartFile(`${label}.bin`), pngFile(`${label}.png`)]
  const outcome = await uploadWithInput(watched.page, '[data-uplink-dropzone] input[type="file"]', files)
  await expectStoredIntact(emulatorUrl, outcome, files)
  expect(outcome.hashingMode).toBe('worker')
  await watched.page.waitForFunction(() => document.querySelector('[data-uplink-file] img') !== null, undefined, { timeout: 20_000 })
  return watched
}
