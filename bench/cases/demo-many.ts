import { randomBytes } from 'node:crypto'
import path from 'node:path'
import react from '@vitejs/plugin-react'
import type { Browser, Page } from 'playwright'
import { build } from 'vite'
import { call } from '../lib/browser'
import type { RunningEmulator } from '../lib/emulator'
import { repoRoot, tmpDir } from '../lib/paths'
import { type RequestStats, describeRequests, requestStats } from '../lib/request-stats'
import { serveStatic } from '../lib/static-server'
import type { ManyRun } from '../page/src/protocol'

export interface DemoManySettings {
  count: number
  size: number
  concurrency: number
  capMs: number
}

/** The demo's run: from the pick until the page says every file is done, and its long tasks meanwhile. */
export interface DemoRun {
  count: number
  done: number
  complete: boolean
  ms: number
  filesPerSecond: number
  longTaskCount: number
  longestTaskMs: number
  /** Long tasks over 100 ms: the bar for "caused by the demo". */
  tasksOver100: number
  totalBlockingTimeMs: number
  /**
   * The part of the picking task before the input's first event: the test harness building the
   * 1,000 File objects (Playwright's injected script; a person's file chooser does the same in the
   * browser). No code of the demo runs in it, so it is left out of the long tasks above.
   */
  fileDeliveryMs: number
}

export interface DemoManyResults {
  settings: DemoManySettings
  engine?: ManyRun
  demo?: DemoRun
  /** What each side asked of the emulator during its run (its request log). */
  requests?: { engine: RequestStats; demo: RequestStats }
}

const DEMO_PORT = 5101
const demoOut = path.join(tmpDir, 'demo')

/** The demo built as for production (against dist/), talking to the bench's emulator. */
async function buildDemo(emulatorUrl: string): Promise<string> {
  const root = path.join(repoRoot, 'apps/demo')
  process.env.VITE_EMULATOR_URL = emulatorUrl
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    plugins: [react()],
    worker: { format: 'es' },
    build: { target: 'es2022', outDir: demoOut, emptyOutDir: true },
  })
  return demoOut
}

/** Long tasks from the first moment of the page, kept for the run to read (no work per task beyond a push). */
const observeLongTasks = () => {
  const tasks: Array<{ start: number; duration: number }> = []
  ;(window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration })
  }).observe({ type: 'longtask', buffered: true })
}

/**
 * Case 2b: 1,000 small files picked in the demo, against the engine alone doing the same in the
 * bench page (case 2's 'uplink' mode, same count, size, checksum and concurrency). The demo runs
 * as a person uses it: S3, part checksum set to "None" in its settings panel (as the engine run),
 * files given to the drop zone's file input. Timed in the page from the input's change event until
 * the total progress says every file is done.
 */
export async function demoManyFiles(browser: Browser, benchPage: Page, emulator: RunningEmulator, settings: DemoManySettings): Promise<DemoManyResults> {
  await emulator.clearLog()
  const engine = await call(benchPage, 'many', { signerUrl: emulator.apiUrl, mode: 'uplink', checksum: 'none', ...settings })
  const engineRequests = requestStats(await emulator.log(), settings.count)
  console.log(`  engine alone: ${engine.done}/${engine.count} in ${(engine.ms / 1000).toFixed(1)} s, longest task ${engine.wholeRun.longestTaskMs.toFixed(0)} ms`)
  console.log(`    ${describeRequests(engineRequests)}`)

  const web = await serveStatic(await buildDemo(emulator.apiUrl), DEMO_PORT)
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  try {
    page.on('pageerror', (error) => console.error(`  [demo] ${error.message}`))
    // The emulator's log leaves its control routes out (the demo's store listing is one).
    const control: string[] = []
    let counting = false
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (counting && url.pathname.startsWith('/__')) control.push(`${request.method()} ${url.pathname}`)
    })
    await page.addInitScript(observeLongTasks)
    // The pick starts at the file input's first event (input comes before change), before any
    // handler of the page (a capturing listener on the document runs first).
    // (No named function inside: tsx would wrap it in a helper the page does not have.)
    await page.addInitScript(() => {
      for (const type of ['input', 'change'])
        document.addEventListener(
          type,
          (event) => {
            const w = window as unknown as { __picked?: number }
            if ((event.target as HTMLInputElement).type === 'file') w.__picked ??= performance.now()
          },
          true,
        )
    })
    await page.goto(`${web.url}?provider=s3`)
    await page.getByTestId('checksum').selectOption('none')
    await page.getByTestId('concurrency').selectOption(String(settings.concurrency))
    await page.getByTestId('apply-settings').click()
    // Applied: the form is clean again and the new session's drop zone is on the page.
    await page.getByTestId('apply-settings').and(page.locator(':disabled')).waitFor()
    await page.locator('[data-uplink-dropzone] input[type=file]').waitFor({ state: 'attached' })
    const files = Array.from({ length: settings.count }, (_, i) => ({
      name: `demo-${String(i).padStart(4, '0')}.bin`,
      mimeType: 'application/octet-stream',
      buffer: randomBytes(settings.size),
    }))
    await emulator.clearLog()
    counting = true
    await page.locator('[data-uplink-dropzone] input[type=file]').setInputFiles(files)
    const finished = await page
      .waitForFunction(
        () => {
          const total = document.querySelector('[data-uplink-total-progress]')
          if (!total?.hasAttribute('data-complete')) return false
          return performance.now()
        },
        undefined,
        { timeout: settings.capMs, polling: 250 },
      )
      .then((handle) => handle.jsonValue() as Promise<number>, () => undefined)
    await page.waitForTimeout(200) // let the observer deliver the last entries
    counting = false
    const demoRequests = requestStats(await emulator.log(), settings.count, control)
    const measured = await page.evaluate(() => {
      const w = window as unknown as { __picked: number; __longTasks: Array<{ start: number; duration: number }> }
      const done = document.querySelectorAll('[data-uplink-total-files]')[0]?.textContent ?? ''
      return { picked: w.__picked, tasks: w.__longTasks, now: performance.now(), done }
    })
    const end = finished ?? measured.now
    // Each task's part inside the window (from the pick until all done); the one task that
    // straddles the pick began with the harness handing the files over (fileDeliveryMs).
    const picked = measured.picked
    const straddling = measured.tasks.find((t) => t.start < picked && t.start + t.duration > picked)
    const tasks = measured.tasks
      .filter((t) => t.start + t.duration > picked && t.start < end)
      .map((t) => ({ start: Math.max(t.start, picked), duration: Math.min(t.start + t.duration, end) - Math.max(t.start, picked) }))
      .filter((t) => t.duration > 50)
    const doneCount = Number(/^([\d,]+) of/.exec(measured.done)?.[1]?.replace(/,/g, '') ?? 0)
    const ms = end - measured.picked
    const demo: DemoRun = {
      count: settings.count,
      done: doneCount,
      complete: finished !== undefined,
      ms,
      filesPerSecond: doneCount / (ms / 1000),
      longTaskCount: tasks.length,
      longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
      tasksOver100: tasks.filter((t) => t.duration > 100).length,
      totalBlockingTimeMs: tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
      fileDeliveryMs: straddling ? picked - straddling.start : 0,
    }
    console.log(
      `  demo: ${demo.done}/${demo.count} in ${(demo.ms / 1000).toFixed(1)} s, ${demo.longTaskCount} long tasks, longest ${demo.longestTaskMs.toFixed(0)} ms (files handed over in ${demo.fileDeliveryMs.toFixed(0)} ms before the pick)`,
    )
    console.log(`    ${describeRequests(demoRequests)}`)
    return { settings, engine, demo, requests: { engine: engineRequests, demo: demoRequests } }
  } finally {
    await page.close()
    await web.close()
  }
}
