import { readFile } from 'node:fs/promises'
import type { BrowserCommand } from 'vitest/node'

/**
 * Browser commands (vite.config.ts) that measure the memory of the Chromium a browser test runs
 * in, from the outside: the sum of PSS (resident memory, shared pages split between the
 * processes sharing them) over every process of that browser (browser, renderers, workers' hosts,
 * GPU, network), read from /proc. Unlike `performance.memory`, it sees what a page cannot: Blob
 * and ArrayBuffer backing stores, workers, the network service's buffers.
 */
interface Sampler {
  timer: ReturnType<typeof setInterval>
  baseline: number
  peak: number
  samples: number
  pending: Promise<void>
}
const samplers = new Map<string, Sampler>()

async function pss(pid: number): Promise<number> {
  try {
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8')
    return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024
  } catch {
    return 0 // the process ended between listing and reading
  }
}

type Context = Parameters<BrowserCommand<[]>>[0]

async function browserPids(context: Context): Promise<number[]> {
  const browser = context.context.browser()
  if (!browser) throw new Error('chromium memory: no browser behind this page')
  const session = await browser.newBrowserCDPSession()
  try {
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ id: number; type: string }> }
    return processInfo.map((p) => p.id)
  } finally {
    await session.detach()
  }
}

async function totalPss(context: Context): Promise<number> {
  const sizes = await Promise.all((await browserPids(context)).map(pss))
  return sizes.reduce((a, b) => a + b, 0)
}

/** Starts sampling every 50 ms; the baseline is the first sample. */
export const startChromiumMemory: BrowserCommand<[]> = async (context) => {
  const key = context.sessionId
  if (samplers.has(key)) throw new Error('chromium memory: already sampling in this session')
  const baseline = await totalPss(context)
  const sampler: Sampler = { baseline, peak: baseline, samples: 1, pending: Promise.resolve(), timer: undefined! }
  sampler.timer = setInterval(() => {
    sampler.pending = sampler.pending.then(async () => {
      sampler.peak = Math.max(sampler.peak, await totalPss(context).catch(() => 0))
      sampler.samples++
    })
  }, 50)
  samplers.set(key, sampler)
}

/** Stops sampling; the peak includes one last sample. Bytes. */
export const stopChromiumMemory: BrowserCommand<[]> = async (context) => {
  const sampler = samplers.get(context.sessionId)
  if (!sampler) throw new Error('chromium memory: not sampling in this session')
  clearInterval(sampler.timer)
  samplers.delete(context.sessionId)
  await sampler.pending
  const last = await totalPss(context)
  return { baselineBytes: sampler.baseline, peakBytes: Math.max(sampler.peak, last), samples: sampler.samples + 1 }
}
