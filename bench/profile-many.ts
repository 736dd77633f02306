import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { call, launchChromium, openBenchPage } from './lib/browser'
import { buildPage } from './lib/build-page'
import { startEmulator } from './lib/emulator'
import { tmpDir } from './lib/paths'
import { serveStatic } from './lib/static-server'

// `pnpm bench:profile` (after `pnpm build`): case 2 (10,000 files) once, under Chromium's
// sampling profiler, to say where main-thread time goes. Prints the heaviest functions (self
// and inclusive) and every stretch of 40 ms or more without an idle sample, with what ran in
// it; writes the .cpuprofile (open it in Chrome DevTools). BENCH_PROFILE_MODE=uplink for the
// engine alone; BENCH_CAP_SECONDS to change the 15 s cap. Build with BENCH_NO_MINIFY=1 for
// readable names. The profiler slows the page: use it for where, never for how fast.

/** The parts of a CDP Profiler.Profile read here. */
interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface CpuProfile {
  nodes: Node[]
  startTime: number
  samples?: number[]
  timeDeltas?: number[]
}
const mode = process.env.BENCH_PROFILE_MODE === 'uplink' ? 'uplink' : 'uplink-react'
const capMs = Number(process.env.BENCH_CAP_SECONDS ?? 15) * 1000

const web = await serveStatic(await buildPage(), 5100)
const browser = await launchChromium()
const emulator = await startEmulator(5110)
try {
  const page = await openBenchPage(browser, web.url)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  const run = await call(page, 'many', { signerUrl: emulator.apiUrl, mode, checksum: 'none', count: 10_000, size: 16 * 1024, concurrency: 4, capMs })
  const { profile } = await cdp.send('Profiler.stop')
  console.log(`${mode}: ${run.done} files, adding ${run.addCallMs.toFixed(0)} ms, longest task while adding ${run.whileAdding.longestTaskMs} ms, whole run ${run.wholeRun.longestTaskMs} ms`)
  const file = path.join(tmpDir, `many-${mode}.cpuprofile`)
  await writeFile(file, JSON.stringify(profile))
  report(profile)
  console.log(`profile: ${file}`)
} finally {
  await emulator.stop()
  await browser.close()
  await web.close()
}

function report(profile: CpuProfile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id)
  const name = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`
  /** Each distinct function on a sample's stack, once. */
  const stackOf = (id: number) => {
    const names = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) names.add(name(byId.get(at)!))
    return names
  }
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  samples.forEach((id, i) => {
    const us = deltas[i] ?? 0
    self.set(name(byId.get(id)!), (self.get(name(byId.get(id)!)) ?? 0) + us)
    for (const fn of stackOf(id)) inclusive.set(fn, (inclusive.get(fn) ?? 0) + us)
  })
  const top = (totals: Map<string, number>, count: number) =>
    [...totals].sort((a, b) => b[1] - a[1]).slice(0, count).map(([fn, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms  ${fn}`)
  console.log('\nself time', ...top(self, 25).map((l) => `\n${l}`))
  console.log('\ninclusive time', ...top(inclusive, 40).map((l) => `\n${l}`))

  console.log('\nbusy stretches of 40 ms or more (no idle sample inside; may span several tasks)')
  let at = profile.startTime
  let start = at
  let busy: number[] = []
  const flush = () => {
    if (at - start >= 40_000 && busy.length > 0) {
      const counts = new Map<string, number>()
      for (const id of busy) for (const fn of stackOf(id)) counts.set(fn, (counts.get(fn) ?? 0) + 1)
      const share = (n: number) => (((n / busy.length) * (at - start)) / 1000).toFixed(0)
      const heaviest = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 15)
      console.log(`${((at - start) / 1000).toFixed(0)} ms at ${((start - profile.startTime) / 1000).toFixed(0)} ms: ${heaviest.map(([fn, n]) => `${fn}=${share(n)}`).join(', ')}`)
    }
    busy = []
    start = at
  }
  samples.forEach((id, i) => {
    at += deltas[i] ?? 0
    if (byId.get(id)!.callFrame.functionName === '(idle)') flush()
    else busy.push(id)
  })
  flush()
}
