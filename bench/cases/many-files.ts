import type { Page } from 'playwright'
import type { ManyMode, ManyRun } from '../page/src/protocol'
import { call } from '../lib/browser'
import type { RunningEmulator } from '../lib/emulator'

export interface ManySettings {
  count: number
  size: number
  concurrency: number
  capMs: number
}

export interface ManyResults {
  settings: ManySettings
  runs: Array<{ id: string; label: string; run: ManyRun; baselineId?: string }>
}

/**
 * Case 2: many small files at once. Uplink runs with checksum 'none' so it does the same work
 * as the fetch baseline (one signer call + one PUT per file, the adapter's single-request path).
 */
export async function manyFiles(page: Page, emulator: RunningEmulator, settings: ManySettings): Promise<ManyResults> {
  const runs: ManyResults['runs'] = []
  const specs: Array<{ id: string; label: string; mode: ManyMode }> = [
    { id: '2-fetch', label: 'fetch: signer call + PUT per file (baseline)', mode: 'fetch' },
    { id: '2-uplink', label: 'Uplink engine alone', mode: 'uplink' },
    { id: '2-uplink-react', label: 'Uplink + React FileList and TotalProgress on screen', mode: 'uplink-react' },
  ]
  for (const spec of specs) {
    const run = await call(page, 'many', { signerUrl: emulator.apiUrl, mode: spec.mode, checksum: 'none', ...settings })
    console.log(
      `  ${spec.mode}: ${run.done}/${run.count} files in ${(run.ms / 1000).toFixed(1)} s (${run.filesPerSecond.toFixed(1)} files/s), ` +
        `longest task while adding ${run.whileAdding.longestTaskMs.toFixed(0)} ms, whole run ${run.wholeRun.longestTaskMs.toFixed(0)} ms`,
    )
    runs.push({ id: spec.id, label: spec.label, run, ...(spec.mode === 'fetch' ? {} : { baselineId: '2-fetch' }) })
  }
  return { settings, runs }
}

export interface SmallFilesResults {
  settings: ManySettings
  runs: Array<{ id: string; label: string; run: ManyRun; baselineId?: string; signerCalls: number }>
}

/**
 * Case 2c: small files at link speed (issue #14). The baseline PUTs each file to a URL signed
 * before the clock started (plain fetch, the same concurrency): the link alone. Uplink signs as
 * it goes (the S3 adapter asks the signer for many small files in one call, ahead of sending
 * them); its signer calls are counted in the emulator's request log.
 */
export async function smallFilesAtLinkSpeed(page: Page, emulator: RunningEmulator, settings: ManySettings): Promise<SmallFilesResults> {
  const runs: SmallFilesResults['runs'] = []
  const specs: Array<{ id: string; label: string; mode: ManyMode }> = [
    { id: '2c-fetch-presigned', label: 'fetch: one PUT per file to a URL signed beforehand (baseline)', mode: 'fetch-presigned' },
    { id: '2c-uplink', label: 'Uplink, signing as it goes', mode: 'uplink' },
  ]
  for (const spec of specs) {
    await emulator.clearLog()
    const run = await call(page, 'many', { signerUrl: emulator.apiUrl, mode: spec.mode, checksum: 'none', ...settings })
    const signerCalls = (await emulator.log()).filter((e) => e.method === 'POST' && /^\/s3\/objects?$/.test(e.path)).length
    console.log(`  ${spec.mode}: ${run.done}/${run.count} files in ${(run.ms / 1000).toFixed(1)} s (${run.filesPerSecond.toFixed(1)} files/s), ${signerCalls} signer calls`)
    runs.push({ id: spec.id, label: spec.label, run, signerCalls, ...(spec.mode === 'fetch-presigned' ? {} : { baselineId: '2c-fetch-presigned' }) })
  }
  return { settings, runs }
}
