import path from 'node:path'
import { expect, test } from '@playwright/test'
import { findStoredFiles, readStored } from './emulator'
import { sha256Hex } from './generated-file'
import { Demo, expectedSha256, type GeneratedFile } from './support/demo'

// 1,000 files of 1 KiB dropped at once onto S3: every one finishes, stored byte-identical, and
// the main thread's long tasks (> 50 ms, PerformanceObserver 'longtask') during the run are
// measured and reported (annotation "long tasks" and the console), never asserted as a speed.
const COUNT = 1000
const run = Date.now().toString(36)

declare global {
  interface Window {
    uplinkLongTasks?: Array<{ start: number; duration: number }>
  }
}

test(`${COUNT} files of 1 KiB at once all finish byte-identical; long tasks are reported`, async ({ page }) => {
  test.setTimeout(240_000)
  await page.addInitScript(() => {
    window.uplinkLongTasks = []
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.uplinkLongTasks!.push({ start: entry.startTime, duration: entry.duration })
    }).observe({ type: 'longtask', buffered: true })
  })
  // Eight requests in flight (the demo's highest setting): each 1 KiB file is one signed PUT.
  const demo = await Demo.open(page, 's3', { concurrency: 8 })
  const files: GeneratedFile[] = Array.from({ length: COUNT }, (_, i) => ({ name: `${run} many ${String(i).padStart(4, '0')}.bin`, size: 1024, seed: 900_000 + i }))

  const startedAt = await page.evaluate(() => performance.now())
  const wall = Date.now()
  await demo.dropFiles(files)
  const total = page.locator('[data-uplink-total-progress]')
  await expect(total).toHaveAttribute('data-complete', '', { timeout: 200_000 })
  await expect(total.locator('[data-uplink-total-files]')).toHaveText(`${COUNT} of ${COUNT} files uploaded`)
  const seconds = (Date.now() - wall) / 1000
  const tasks = await page.evaluate((from) => window.uplinkLongTasks!.filter((t) => t.start >= from), startedAt)
  const sum = tasks.reduce((s, t) => s + t.duration, 0)
  const longest = tasks.reduce((m, t) => Math.max(m, t.duration), 0)
  const report = `${COUNT} files in ${seconds.toFixed(1)} s; ${tasks.length} long tasks, ${Math.round(sum)} ms in all, longest ${Math.round(longest)} ms`
  test.info().annotations.push({ type: 'long tasks', description: report })
  console.log(`[many-files] ${report}; over 200 ms: ${tasks.filter((t) => t.duration > 200).map((t) => Math.round(t.duration)).join(', ') || 'none'}`)

  // The bytes s3rver stored (<key>._S3rver_object on disk), one object per file, each the file.
  const stored = (await findStoredFiles(`${run} many `)).filter((p) => p.endsWith('._S3rver_object'))
  const byName = new Map(stored.map((p) => [path.basename(p, '._S3rver_object'), p]))
  expect(byName.size).toBe(COUNT)
  const wrong: string[] = []
  for (const file of files) {
    const onDisk = byName.get(file.name)
    if (!onDisk || sha256Hex(await readStored(onDisk)) !== expectedSha256(file)) wrong.push(file.name)
  }
  expect(wrong).toEqual([])
})
