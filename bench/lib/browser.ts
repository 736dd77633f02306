import { readFile, readdir } from 'node:fs/promises'
import { type Browser, type CDPSession, type Page, chromium } from 'playwright'
import type { BenchApi } from '../page/src/protocol'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      ...(process.env.BENCH_SHM ? [] : ['--disable-dev-shm-usage']),
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Keep timers and rendering at full speed in a headless, never-focused page.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--enable-precise-memory-info',
    ],
  })
}

/** Open the bench page and wait for its API. */
export async function openBenchPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage()
  page.on('pageerror', (error) => console.error(`  [page] ${error.message}`))
  await page.goto(url)
  await page.waitForFunction(() => 'bench' in window)
  return page
}

/** Call one of the page's bench functions with a JSON argument. */
export function call<K extends keyof BenchApi>(page: Page, name: K, input?: Parameters<BenchApi[K]>[0]): Promise<Awaited<ReturnType<BenchApi[K]>>> {
  return page.evaluate(
    ([fn, arg]) => (window as unknown as { bench: Record<string, (a: unknown) => unknown> }).bench[fn]!(arg),
    [name, input] as const,
  ) as Promise<Awaited<ReturnType<BenchApi[K]>>>
}

export interface MemorySample {
  at: number
  /** V8 heap of the page's main isolate (CDP Runtime.getHeapUsage usedSize). */
  heapUsed: number
  /** ArrayBuffer backing stores of that isolate (outside the V8 heap, where part bytes live). */
  backingStore: number
  /** Resident memory of all renderer processes (page, workers, Blink's copies of request bodies). */
  rendererRss: number
}

/** Renderer processes started by this Node process's Chromium (walks /proc; Linux only). */
async function rendererPids(): Promise<number[]> {
  const parents = new Map<number, number>()
  const renderers: number[] = []
  for (const name of await readdir('/proc')) {
    const pid = Number(name)
    if (!Number.isInteger(pid)) continue
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
      parents.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8')
      if (cmdline.includes('--type=renderer')) renderers.push(pid)
    } catch {
      // the process ended while we looked
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === process.pid) return true
    return false
  }
  return renderers.filter(ours)
}

async function rssOf(pids: number[]): Promise<number> {
  let total = 0
  for (const pid of pids) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '')
    const kb = /VmRSS:\s+(\d+)/.exec(status)
    if (kb) total += Number(kb[1]) * 1024
  }
  return total
}

/**
 * Samples the page's memory every `everyMs` from Node (CDP + /proc), so the page itself does
 * no extra work while measured. Call stop() for the samples.
 */
export async function sampleMemory(page: Page, everyMs = 50): Promise<{ stop: () => Promise<MemorySample[]> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page)
  const pids = await rendererPids()
  const samples: MemorySample[] = []
  let running = true
  const loop = (async () => {
    while (running) {
      const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number }
      samples.push({ at: Date.now(), heapUsed: usage.usedSize, backingStore: usage.backingStorageSize ?? 0, rendererRss: await rssOf(pids) })
      await new Promise((r) => setTimeout(r, everyMs))
    }
  })()
  return {
    async stop() {
      running = false
      await loop
      await cdp.detach()
      return samples
    },
  }
}

/** A forced GC between cases, so one case's garbage is not counted in the next one's peak. */
export async function collectGarbage(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.detach()
}
