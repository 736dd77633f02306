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
