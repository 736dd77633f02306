import { expect, test, type Page } from '@playwright/test'
import { expectNoAxeViolations } from './axe'
import { expectOnlyShippedFonts } from './fonts'
import { looks, widths } from './looks'

// The demo page at phone and desktop widths, light and dark, and right to left: empty, and with
// three finished uploads (the same bytes every run); axe-clean in each. Object keys made by the server (random ids)
// are masked; nothing on the page shows a time.
const DEMO = 'http://127.0.0.1:4173'

async function ready(page: Page) {
  await expect(page.locator('[data-uplink-dropzone]')).toBeVisible()
  await expect(page.getByTestId('server-files')).not.toHaveAttribute('aria-busy', 'true')
  await page.evaluate(() => document.fonts.ready)
  await expectOnlyShippedFonts(page)
  await expectNoAxeViolations(page)
}

const files = [
  { name: 'quarterly-report.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(180 * 1024, 37) },
  { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Uplink demo notes\n'.repeat(64)) },
  { name: 'archive.zip', mimeType: 'application/zip', buffer: Buffer.alloc(2 * 1024 * 1024 + 17, 7) },
]

test.describe.configure({ mode: 'serial' })

for (const viewport of widths)
  for (const look of looks)
    test(`demo empty ${viewport.name} ${look.name}`, async ({ page }) => {
      await page.setViewportSize({ width: viewport.width, height: viewport.height })
      // A storage no other test here uploads to: its list is empty on every run.
      await page.goto(`${DEMO}/?provider=archetype&${look.demoQuery}`)
      await ready(page)
      await expect(page).toHaveScreenshot(`demo-empty-${viewport.name}-${look.name}.png`, { fullPage: true })
    })

for (const viewport of widths)
  for (const look of looks.filter((l) => l.name !== 'rtl'))
    test(`demo with uploads ${viewport.name} ${look.name}`, async ({ page }) => {
      await page.setViewportSize({ width: viewport.width, height: viewport.height })
      // Each run of this test uploads to its own storage, so the server list holds exactly these three.
      const provider = { phone: { light: 'blaxel', dark: 'drime' }, desktop: { light: 'gjirafa', dark: 'tus' } }[viewport.name][look.name as 'light' | 'dark']
      await page.goto(`${DEMO}/?provider=${provider}&${look.demoQuery}`)
      await ready(page)
      // One file at a time: the server lists its objects newest first, so the rows come in the
      // same order on every run (files uploaded together finish in any order).
      for (const [index, file] of files.entries()) {
        await page.locator('[data-uplink-dropzone] input[type=file]').setInputFiles(file)
        await expect(page.locator('[data-uplink-file]')).toHaveCount(index + 1)
        await expect(page.locator('[data-uplink-total-progress]')).toHaveAttribute('data-complete', '', { timeout: 60_000 })
        await expect(page.getByTestId('server-file')).toHaveCount(index + 1, { timeout: 30_000 })
      }
      await expect(page.getByTestId('server-files')).not.toHaveAttribute('aria-busy', 'true')
      await page.evaluate(() => document.fonts.ready)
      await expectOnlyShippedFonts(page)
      await expectNoAxeViolations(page)
      await expect(page).toHaveScreenshot(`demo-uploads-${viewport.name}-${look.name}.png`, {
        fullPage: true,
        mask: [page.locator('.server-file-name')],
      })
    })
