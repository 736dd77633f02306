import { expect, test, type Page } from '@playwright/test'

// Switching storage makes a new uploader and disposes the old one: after 20 switches, each
// with an upload that starts the hashing workers, the page holds as many workers and as much
// heap as after the first few. Measured in Chromium: Playwright sees every dedicated worker
// (and its end), and the heap is read after a forced garbage collection, through CDP.
const DEMO = 'http://127.0.0.1:4173'

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
  await cdp.detach()
  return usedSize
}

/** Upload one small file through the current storage and wait until it is done. */
async function uploadOne(page: Page, name: string) {
  await page.locator('[data-uplink-dropzone] input[type=file]').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.alloc(64 * 1024, 1) })
  await expect(page.locator('[data-uplink-file]', { hasText: name })).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
}

test('20 storage switches leave the worker count and the heap flat', async ({ page }) => {
  test.setTimeout(240_000)
  await page.goto(`${DEMO}/?provider=s3`)
  const storages = ['s3', 'blaxel']
  const measures: Array<{ workers: number; heap: number }> = []
  for (let i = 0; i < 20; i++) {
    const storage = storages[i % storages.length]!
    await page.getByTestId('provider-select').selectOption(storage)
    await expect(page.getByRole('heading', { level: 2, name: /^Upload to / })).toBeVisible()
    await uploadOne(page, `switch-${i}.bin`)
    measures.push({ workers: page.workers().length, heap: await heapAfterGc(page) })
  }
  // Compare like with like: the S3 sessions (even switches) after warming up, and the last one.
  const [early, late] = [measures[4]!, measures[18]!]
  console.log(
    `workers per switch: ${measures.map((m) => m.workers).join(' ')}; heap after 5 switches ${(early.heap / 2 ** 20).toFixed(1)} MiB, after 19 ${(late.heap / 2 ** 20).toFixed(1)} MiB`,
  )
  expect(early.workers).toBeGreaterThan(0)
  expect(Math.max(...measures.map((m) => m.workers))).toBe(early.workers)
  expect(late.workers).toBe(early.workers)
  expect(late.heap - early.heap).toBeLessThan(2 * 2 ** 20)
})
