import { expect, test } from '@playwright/test'
import { dropGeneratedFile } from './drop'
import { fillPseudoRandom, sha256Hex } from './generated-file'

const MiB = 1024 * 1024
const providers = ['s3', 's3-crc32c', 'tus', 'blaxel', 'cognite', 'drime', 'archetype', 'gjirafa']

// The demo switches between every API the emulator serves; each upload must land byte-identical
// and appear in the server-side list (TanStack Query, refetched when the upload finishes).
for (const [index, provider] of providers.entries()) {
  test(`the demo uploads through ${provider}, byte-identical, and lists it`, async ({ page }) => {
    const file = { name: `demo-${provider}-${Date.now()}.bin`, size: 11 * MiB + 321, seed: 7_000 + index, type: 'application/octet-stream' }
    const expected = sha256Hex(fillPseudoRandom(new Uint8Array(file.size), file.seed))

    await page.goto('/')
    // S3 with CRC32C is the S3 storage with its part checksum set in the settings panel.
    await page.getByTestId('provider-select').selectOption(provider === 's3-crc32c' ? 's3' : provider)
    if (provider === 's3-crc32c') {
      await page.getByTestId('checksum').selectOption('crc32c')
      await page.getByTestId('apply-settings').click()
    }
    await expect(page.getByTestId('server-files')).toContainText(`Already on the server`)
    await dropGeneratedFile(page, '[data-uplink-dropzone]', file)

    const item = page.locator('[data-uplink-file]', { hasText: file.name })
    await expect(item).toHaveAttribute('data-status', 'done', { timeout: 90_000 })
    // What the server stored is loaded on demand: open the row's "Server copy".
    const stored = page.getByTestId('stored-object').filter({ hasText: file.name })
    await stored.locator('summary').click()
    await expect(stored.getByTestId('stored-sha256')).toHaveText(expected, { timeout: 15_000 })
    await expect(stored.getByTestId('stored-size')).toHaveText(String(file.size))
    const listedName = provider === 'cognite' || provider === 'tus' ? undefined : file.name
    if (listedName) await expect(page.getByTestId('server-files')).toContainText(listedName)
    else await expect(page.getByTestId('server-file').first()).toBeVisible()
  })
}
