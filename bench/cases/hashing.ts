import type { Page } from 'playwright'
import type { HashInput, HashRow } from '../page/src/protocol'
import { call } from '../lib/browser'

export interface HashResults {
  settings: HashInput
  rows: HashRow[]
}

/** Case 3: the worker pool's read + hash rate per algorithm and pool size, beside ceilings. */
export async function hashingCase(page: Page, settings: HashInput): Promise<HashResults> {
  const rows = await call(page, 'hashing', settings)
  for (const row of rows) console.log(`  ${row.what}: ${row.mibPerSecond.toFixed(0)} MiB/s`)
  return { settings, rows }
}
