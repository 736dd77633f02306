import { expect, test } from '@playwright/test'
import { dropGeneratedFile } from './drop'
import { clearRequestLog, findStoredFiles, readStored, requestLog } from './emulator'
import { fillPseudoRandom, sha256Hex } from './generated-file'

const MiB = 1024 * 1024

test('a dropped 20 MiB file lands byte-identical in S3, sent as several parts', async ({ page }) => {
  const file = { name: 'skeleton-20mib.bin', size: 20 * MiB, seed: 20_2611, type: 'application/octet-stream' }
  const expected = sha256Hex(fillPseudoRandom(new Uint8Array(file.size), file.seed))
  await clearRequestLog()

  await page.goto('/')
  await dropGeneratedFile(page, '[data-uplink-dropzone]', file)

  const item = page.locator('[data-uplink-file]', { hasText: file.name })
  await expect(item).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(item.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100')

  // The page shows what the server computed from the stored bytes, when asked (the row's "Server copy").
  const stored = page.getByTestId('stored-object').filter({ hasText: file.name })
  await stored.locator('summary').click()
  await expect(stored.getByTestId('stored-sha256')).toHaveText(expected)
  await expect(stored.getByTestId('stored-size')).toHaveText(String(file.size))

  // Several parts were sent and completed.
  const completions = (await requestLog()).filter((r) => r.method === 'POST' && r.path.endsWith('/complete'))
  expect(completions).toHaveLength(1)
  expect(completions[0]!.status).toBe(200)
  expect(completions[0]!.parts).toBeGreaterThan(1)

  // And the bytes on the emulator's disk are the file's bytes.
  const key = await stored.getByTestId('stored-key').textContent()
  const onDisk = (await findStoredFiles(key!.split('/')[1]!)).filter((p) => p.endsWith('._S3rver_object')) // s3rver's layout: <key>._S3rver_object
  expect(onDisk).toHaveLength(1)
  expect(sha256Hex(await readStored(onDisk[0]!))).toBe(expected)
})
