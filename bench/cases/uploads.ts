import type { Page } from 'playwright'
import type { ChecksumChoice, MultipartRun, UploadMode } from '../page/src/protocol'
import { call, collectGarbage, sampleMemory } from '../lib/browser'
import type { RunningEmulator } from '../lib/emulator'
import { type MemoryPeak, memoryPeak } from '../lib/memory'
import type { ThrottleCheck } from '../lib/throttle-check'

const MiB = 1024 * 1024
const GiB = 1024 * MiB
const CHECKSUM_NAMES = { crc32c: 'CRC32C', sha256: 'SHA-256' } as const

export interface UploadSettings {
  partSize: number
  concurrency: number
  capMs: number
}

export interface LabelledRun {
  id: string
  label: string
  condition: 'loopback' | 'throttled'
  run: MultipartRun
  /** The baseline this run is divided by (same condition, same process). */
  baselineId?: string
  /** Not the shipped engine: a variant run to locate a cost. Not in the budgets. */
  diagnostic?: boolean
  memory?: MemoryPeak
  /** Part-URL signer calls the run made (GET …/batch in the emulator's request log). */
  signerCalls?: number
}

export interface UploadResults {
  settings: UploadSettings
  runs: LabelledRun[]
  /** The limit of case 1c, and whether the runs showed it held (measured, lib/throttle-check.ts). */
  throttle: ThrottleCheck
}

async function one(
  page: Page,
  emulator: RunningEmulator,
  settings: UploadSettings,
  spec: { mode: UploadMode; checksum: ChecksumChoice; size?: number; memory?: boolean; bodyAs?: 'blob' | 'arraybuffer' },
): Promise<{ run: MultipartRun; memory?: MemoryPeak; signerCalls: number }> {
  await collectGarbage(page)
  await emulator.clearLog()
  const sampler = spec.memory ? await sampleMemory(page) : undefined
  const run = await call(page, 'multipart', {
    signerUrl: emulator.apiUrl,
    mode: spec.mode,
    size: spec.size ?? GiB,
    partSize: settings.partSize,
    concurrency: settings.concurrency,
    checksum: spec.checksum,
    capMs: settings.capMs,
    ...(spec.bodyAs ? { bodyAs: spec.bodyAs } : {}),
  })
  const samples = await sampler?.stop()
  const line = `${run.mibPerSecond.toFixed(1)} MiB/s${run.complete ? '' : ` (capped after ${(run.bytesAcknowledged / MiB).toFixed(0)} MiB)`}, longest task ${run.mainThread.longestTaskMs.toFixed(0)} ms`
  console.log(`  ${spec.mode}${spec.bodyAs ? ` (${spec.bodyAs} bodies)` : ''} ${spec.checksum} ${((spec.size ?? GiB) / MiB).toFixed(0)} MiB: ${line}`)
  const signerCalls = (await emulator.log()).filter((e) => e.method === 'GET' && /^\/s3\/multipart\/[^/]+\/batch$/.test(e.path)).length
  return { run, signerCalls, ...(samples ? { memory: memoryPeak(samples) } : {}) }
}

/** Cases 1a and 1b on loopback, with memory (case 4) and long tasks (case 5) of the 1 GiB run. `fetchOnly`: the baseline alone. */
export async function loopbackUploads(page: Page, emulator: RunningEmulator, settings: UploadSettings, fetchOnly = false): Promise<LabelledRun[]> {
  const runs: LabelledRun[] = []
  const base = await one(page, emulator, settings, { mode: 'fetch', checksum: 'none' })
  runs.push({ id: '1a-fetch', label: 'fetch PUTs of Blob slices (baseline)', condition: 'loopback', run: base.run })
  if (fetchOnly) return runs
  const plain = await one(page, emulator, settings, { mode: 'uplink', checksum: 'none', memory: true })
  runs.push({ id: '1a-uplink', label: 'Uplink, no checksum', condition: 'loopback', run: plain.run, baselineId: '1a-fetch', ...(plain.memory ? { memory: plain.memory } : {}) })
  for (const checksum of ['crc32c', 'sha256'] as const) {
    const r = await one(page, emulator, settings, { mode: 'uplink', checksum })
    runs.push({ id: `1b-${checksum}`, label: `Uplink, per-part ${CHECKSUM_NAMES[checksum]}`, condition: 'loopback', run: r.run, baselineId: '1a-fetch', signerCalls: r.signerCalls })
  }
  // Diagnostic: the same engine, its transport handed an ArrayBuffer of the same bytes instead of
  // the Blob it now sends, to show what the request body type costs in Chromium.
  const blob = await one(page, emulator, settings, { mode: 'uplink', checksum: 'none', bodyAs: 'arraybuffer' })
  runs.push({
    id: '1a-uplink-arraybuffer-body',
    label: 'Uplink, no checksum, ArrayBuffer body (diagnostic)',
    condition: 'loopback',
    run: blob.run,
    baselineId: '1a-fetch',
    diagnostic: true,
  })
  return runs
}

/** Case 4's second size: the same configuration as 1a's Uplink run, 4 GiB. */
export async function bigUpload(page: Page, emulator: RunningEmulator, settings: UploadSettings): Promise<LabelledRun> {
  const r = await one(page, emulator, settings, { mode: 'uplink', checksum: 'none', size: 4 * GiB, memory: true })
  return { id: '4-uplink-4gib', label: 'Uplink, no checksum, 4 GiB', condition: 'loopback', run: r.run, ...(r.memory ? { memory: r.memory } : {}) }
}

/** Case 1c: the S3 front throttles part bodies, as a real link would. `fetchOnly`: the baseline alone. */
export async function throttledUploads(
  page: Page,
  emulator: RunningEmulator,
  settings: UploadSettings,
  bytesPerSecond: number,
  fetchOnly = false,
): Promise<LabelledRun[]> {
  await emulator.setFaults([{ route: 's3.put', bytesPerSecond }])
  const runs: LabelledRun[] = []
  try {
    const base = await one(page, emulator, settings, { mode: 'fetch', checksum: 'none' })
    runs.push({ id: '1c-fetch', label: 'fetch PUTs of Blob slices (baseline), throttled', condition: 'throttled', run: base.run })
    for (const checksum of fetchOnly ? [] : (['crc32c', 'sha256'] as const)) {
      const r = await one(page, emulator, settings, { mode: 'uplink', checksum })
      runs.push({ id: `1c-${checksum}`, label: `Uplink, per-part ${CHECKSUM_NAMES[checksum]}, throttled`, condition: 'throttled', run: r.run, baselineId: '1c-fetch' })
    }
  } finally {
    await emulator.setFaults([])
  }
  return runs
}
