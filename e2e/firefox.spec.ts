import { expect, test } from '@playwright/test'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { MiB, expectedSha256, writeFiles, type GeneratedFile } from './support/demo'
import { PROVIDERS, inspectStored, storeOf } from './support/server'

// A smoke subset in Debian's Firefox ESR. Playwright cannot drive a stock Firefox; Puppeteer
// can, over WebDriver BiDi, with no driver and no browser download (puppeteer-core). These run
// as Playwright tests (the same demo and emulator servers, the same JSON report and totals);
// each launches nothing of Chromium, only Firefox, once for the file.
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr'
const DEMO = 'http://127.0.0.1:4173'
const run = Date.now().toString(36)

let browser: Browser
test.beforeAll(async () => {
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true })
})
test.afterAll(async () => {
  await browser?.close()
})

async function openDemo(provider: string): Promise<Page> {
  const page = await browser.newPage()
  await page.goto(`${DEMO}/?provider=${provider === 's3-crc32c' ? 's3' : provider}`)
  await page.waitForSelector('[data-uplink-dropzone-button]')
  if (provider === 's3-crc32c') {
    await page.select('[data-testid=checksum]', 'crc32c')
    await page.click('[data-testid=apply-settings]')
    await page.waitForFunction(() => document.querySelector<HTMLButtonElement>('[data-testid=apply-settings]')?.disabled === true)
    await page.waitForSelector('[data-uplink-dropzone-button]')
  }
  return page
}

/** The status of the row showing `name`, or undefined while there is none. */
const rowStatus = (page: Page, name: string) =>
  page.evaluate((n) => [...document.querySelectorAll('[data-uplink-file]')].find((row) => row.querySelector(`[data-uplink-file-name]`)?.getAttribute('title') === n)?.getAttribute('data-status'), name)

/** Open a finished row's "Server copy" and read the key the demo shows. */
async function storedKey(page: Page, name: string): Promise<string> {
  await page.evaluate((n) => {
    const row = [...document.querySelectorAll('[data-uplink-file]')].find((r) => r.querySelector('[data-uplink-file-name]')?.getAttribute('title') === n)
    row?.querySelector<HTMLElement>('[data-testid=stored-object] summary')?.click()
  }, name)
  const handle = await page.waitForFunction(
    (n) => {
      const row = [...document.querySelectorAll('[data-uplink-file]')].find((r) => r.querySelector('[data-uplink-file-name]')?.getAttribute('title') === n)
      return row?.querySelector('[data-testid=stored-key]')?.textContent || undefined
    },
    { timeout: 15_000 },
    name,
  )
  return (await handle.jsonValue()) as string
}

for (const [index, provider] of PROVIDERS.entries()) {
  test(`firefox-esr: ${provider} stores a 20 MiB and an empty file byte-identical`, async () => {
    test.setTimeout(120_000)
    const files: GeneratedFile[] = [
      { name: `${run} firefox ${provider} 20 MiB.bin`, size: 20 * MiB, seed: 7_700 + index },
      { name: `${run} firefox ${provider} empty.txt`, size: 0, seed: 7_800 + index },
    ]
    const paths = await writeFiles(`firefox-${provider}`, files)
    const page = await openDemo(provider)
    try {
      const [chooser] = await Promise.all([page.waitForFileChooser(), page.click('[data-uplink-dropzone-button]')])
      await chooser.accept(paths)
      for (const file of files) await expect.poll(() => rowStatus(page, file.name), { timeout: 90_000, message: file.name }).toBe('done')
      for (const file of files) {
        const key = await storedKey(page, file.name)
        expect(await inspectStored(storeOf(provider), key), file.name).toMatchObject({ size: file.size, sha256: expectedSha256(file) })
      }
    } finally {
      await page.close()
    }
  })
}

for (const [label, key] of [
  ['Enter', 'Enter'],
  ['Space', ' '],
] as const) {
  test(`firefox-esr: ${label} on the drop zone's button opens the file chooser`, async () => {
    const page = await openDemo('s3')
    try {
      await page.focus('[data-uplink-dropzone-button]')
      const opened = page.waitForFileChooser({ timeout: 10_000 })
      await page.keyboard.press(key)
      const chooser = await opened
      expect(chooser.isMultiple()).toBe(true)
    } finally {
      await page.close()
    }
  })
}
