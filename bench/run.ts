import { mkdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { type BundleResults, bundleSizes } from './cases/bundle-size'
import { type HashResults, hashingCase } from './cases/hashing'
import { type DemoManyResults, demoManyFiles } from './cases/demo-many'
import { type ManyResults, type SmallFilesResults, manyFiles, smallFilesAtLinkSpeed } from './cases/many-files'
import { type UploadResults, bigUpload, loopbackUploads, throttledUploads } from './cases/uploads'
import { type ExpiryResults, urlExpiryCase } from './cases/url-expiry'
import { call, launchChromium, openBenchPage } from './lib/browser'
import { buildPage } from './lib/build-page'
import { checkBudgets, ratioOf } from './lib/budgets'
import { type Bar, barChartSvg } from './lib/chart'
import { startEmulator } from './lib/emulator'
import { bindingLimit, describeThrottle, judgeThrottle } from './lib/throttle-check'
import { describeMachine } from './lib/machine'
import { repoRoot, resultsDir, tmpDir } from './lib/paths'
import { renderMarkdown } from './lib/report-md'
import type { BenchResults } from './lib/results'
import { serveStatic } from './lib/static-server'

// `pnpm bench`: every case of the benchmark issue in real Chromium against the local emulator.
// Writes bench/results/{results.json,results.md,uploads.svg}. BENCH_ONLY=uploads,expiry,many,small,demo,hashing,bundle
// runs a subset into bench/tmp/results instead (for working on the bench itself); BENCH_ONLY=throttle
// runs only the two fetch baselines that tell whether the emulator's throttle holds.

const MiB = 1024 * 1024
const PAGE_PORT = 5100
const EMULATOR_PORT = 5110 // and 5111 (S3 front), 5112 (s3rver)
/** Case 1c's link: 100 MiB/s, or less where loopback is too slow for that limit to bind. */
const THROTTLE_MAX = 100 * MiB
const capMs = Number(process.env.BENCH_CAP_SECONDS ?? 50) * 1000
const only = process.env.BENCH_ONLY?.split(',')
const wants = (name: string) => !only || only.includes(name)
const outDir = only ? path.join(tmpDir, 'results') : resultsDir

const started = Date.now()
const step = (text: string) => console.log(`\n[${((Date.now() - started) / 1000).toFixed(0)} s] ${text}`)

step('building the bench page against dist/')
const pageDir = await buildPage()
const web = await serveStatic(pageDir, PAGE_PORT)
const browser = await launchChromium()
const machine = describeMachine(browser.version())
const empty = { settings: { partSize: 8 * MiB, concurrency: 4, capMs }, runs: [], throttle: judgeThrottle(THROTTLE_MAX, undefined) }
let uploads: UploadResults = empty
let many: ManyResults = { settings: { count: 10_000, size: 16 * 1024, concurrency: 4, capMs }, runs: [] }
let small: SmallFilesResults = { settings: { count: 2_000, size: 64 * 1024, concurrency: 4, capMs }, runs: [] }
let demo: DemoManyResults = { settings: { count: 1_000, size: 1024, concurrency: 4, capMs: 180_000 } }
let hashing: HashResults = { settings: { totalBytes: 0, partSize: 0, poolSizes: [], algorithms: [], repeats: 0 }, rows: [] }
let bundle: BundleResults = { method: '', external: [], rows: [], budgets: [] }
let expiry: ExpiryResults = { settings: { size: 256 * MiB, partSize: 8 * MiB, concurrency: 4, urlTtlSeconds: 2, capMs } }
let hardwareConcurrency: number

try {
  const page = await openBenchPage(browser, web.url)
  hardwareConcurrency = (await call(page, 'info')).hardwareConcurrency
  const pools = [...new Set([1, 2, hardwareConcurrency, 4])].sort((a, b) => a - b)

  if (wants('hashing')) {
    step('case 3: hashing throughput')
    hashing = await hashingCase(page, { totalBytes: 256 * MiB, partSize: 8 * MiB, poolSizes: pools, algorithms: ['none', 'crc32c', 'md5', 'sha256'], repeats: 3 })
  }

  // BENCH_ONLY=throttle: only the two fetch baselines, to see whether the throttle holds.
  const throttleOnly = only?.includes('throttle') && !wants('uploads')
  if (wants('uploads') || throttleOnly) {
    uploads = { ...empty, runs: [] }
    let emulator = await startEmulator(EMULATOR_PORT)
    try {
      step(throttleOnly ? 'case 1a: the fetch baseline on loopback' : 'cases 1a, 1b, 4 and 5: one 1 GiB file on loopback')
      uploads.runs.push(...(await loopbackUploads(page, emulator, uploads.settings, throttleOnly)))
      if (!throttleOnly) {
        // Fresh storage for the 4 GiB file: the runs above left up to 4 GiB on disk.
        await emulator.stop()
        emulator = await startEmulator(EMULATOR_PORT)
        step('case 4: one 4 GiB file')
        uploads.runs.push(await bigUpload(page, emulator, uploads.settings))
      }
      await emulator.stop()
      emulator = await startEmulator(EMULATOR_PORT)
      // Whether the throttle held is measured: the throttled fetch baseline against the unthrottled one.
      const loopback = uploads.runs.find((r) => r.id === '1a-fetch')?.run.mibPerSecond
      const limit = bindingLimit(loopback, THROTTLE_MAX)
      step(`case 1c: the S3 front throttled to ${limit / MiB} MiB/s`)
      uploads.runs.push(...(await throttledUploads(page, emulator, uploads.settings, limit, throttleOnly)))
      uploads.throttle = judgeThrottle(limit, uploads.runs.find((r) => r.id === '1c-fetch')?.run.mibPerSecond, loopback)
      console.log(`  ${describeThrottle(uploads.throttle)}`)
    } finally {
      await emulator.stop()
    }
  }

  if (wants('expiry')) {
    const emulator = await startEmulator(EMULATOR_PORT)
    try {
      step(`case 7: ${expiry.settings.size / MiB} MiB while part URLs expire every ${expiry.settings.urlTtlSeconds} s`)
      expiry = await urlExpiryCase(page, emulator, expiry.settings)
    } finally {
      await emulator.stop()
    }
  }

  if (wants('many')) {
    const emulator = await startEmulator(EMULATOR_PORT)
    try {
      step(`case 2: ${many.settings.count} files of ${many.settings.size / 1024} KiB`)
      many = await manyFiles(page, emulator, many.settings)
    } finally {
      await emulator.stop()
    }
  }
  if (wants('small')) {
    const emulator = await startEmulator(EMULATOR_PORT)
    try {
      step(`case 2c: ${small.settings.count} files of ${small.settings.size / 1024} KiB against URLs signed beforehand`)
      small = await smallFilesAtLinkSpeed(page, emulator, small.settings)
    } finally {
      await emulator.stop()
    }
  }
  if (wants('demo')) {
    const emulator = await startEmulator(EMULATOR_PORT)
    try {
      step(`case 2b: the demo with ${demo.settings.count} files of ${demo.settings.size / 1024} KiB, against the engine alone`)
      demo = await demoManyFiles(browser, page, emulator, demo.settings)
    } finally {
      await emulator.stop()
    }
  }
  await page.close()

  if (wants('bundle')) {
    step('case 6: bundle sizes')
    bundle = await bundleSizes()
  }

  machine.loadAverage.end = os.loadavg()[0]!
  const results: BenchResults = {
    machine,
    durationSeconds: (Date.now() - started) / 1000,
    uploads,
    many,
    small,
    demo,
    hashing,
    bundle,
    expiry,
    budgets: checkBudgets(uploads, many, hashing, bundle, expiry, hardwareConcurrency, demo, small),
  }
  await mkdir(outDir, { recursive: true })
  await writeFile(path.join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
  await writeFile(path.join(outDir, 'results.md'), renderMarkdown(results))
  const svg = uploadChart(results)
  await writeFile(path.join(outDir, 'uploads.svg'), svg)
  // A PNG of the chart, to look at it as a person would (not committed).
  const shot = await browser.newPage({ viewport: { width: 900, height: 600 } })
  await shot.setContent(`<body style="margin:0">${svg}</body>`)
  await shot.locator('svg').screenshot({ path: path.join(tmpDir, 'uploads.png') })
  step(`done: ${path.relative(repoRoot, outDir)}/results.md`)
  for (const b of results.budgets) console.log(`  ${b.met === null ? 'n/a   ' : b.met ? 'met   ' : 'MISSED'} ${b.case}: ${b.figure}`)
} finally {
  await browser.close()
  await web.close()
  await rm(path.join(tmpDir, 'bundle'), { recursive: true, force: true })
}

function uploadChart(results: BenchResults): string {
  const runs = results.uploads.runs.filter((r) => r.id !== '4-uplink-4gib')
  const bars: Bar[] = runs.map((r) => {
    const ratio = ratioOf(r, runs)
    return {
      group: r.condition === 'loopback' ? '1 GiB over loopback (cases 1a, 1b)' : `1 GiB, emulator throttled to ${results.uploads.throttle.bytesPerSecond / MiB} MiB/s (case 1c)`,
      label: r.label.replace(/, throttled$/, ''),
      value: r.run.mibPerSecond,
      note: ratio === undefined ? '(baseline)' : `${ratio.toFixed(2)}x fetch`,
      baseline: r.run.mode === 'fetch',
      diagnostic: r.diagnostic === true,
      capped: !r.run.complete,
    }
  })
  const m = results.machine
  return barChartSvg(
    'Uplink vs plain fetch: one 1 GiB file, S3 multipart',
    `${m.cpus} cores, Chromium ${m.chromium}, ${m.date.slice(0, 10)}; ${results.uploads.settings.partSize / MiB} MiB parts, ${results.uploads.settings.concurrency} in flight`,
    'MiB/s',
    bars,
  )
}
