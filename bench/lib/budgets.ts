import type { BundleResults } from '../cases/bundle-size'
import type { DemoManyResults } from '../cases/demo-many'
import type { HashResults } from '../cases/hashing'
import type { ManyResults, SmallFilesResults } from '../cases/many-files'
import type { LabelledRun, UploadResults } from '../cases/uploads'
import type { ExpiryResults } from '../cases/url-expiry'
import type { Budget } from './results'

const MiB = 1024 * 1024
const fmt = (n: number, digits = 2) => n.toFixed(digits)

/** Run / its baseline, in MiB/s. */
export function ratioOf(run: LabelledRun, runs: LabelledRun[]): number | undefined {
  const base = runs.find((r) => r.id === run.baselineId)
  return base ? run.run.mibPerSecond / base.run.mibPerSecond : undefined
}

/** The budgets, each checked against its figure. A miss is a finding, not a failure. */
export function checkBudgets(
  uploads: UploadResults,
  many: ManyResults,
  hashing: HashResults,
  bundle: BundleResults,
  expiry: ExpiryResults,
  hardwareConcurrency: number,
  demo?: DemoManyResults,
  small?: SmallFilesResults,
): Budget[] {
  const budgets: Budget[] = []
  const run = (id: string) => uploads.runs.find((r) => r.id === id)
  const ratioBudget = (id: string, caseName: string, min: number) => {
    const r = run(id)
    const ratio = r ? ratioOf(r, uploads.runs) : undefined
    budgets.push({
      case: caseName,
      budget: `ratio to fetch >= ${min}`,
      figure: ratio === undefined ? 'not measured' : `${fmt(ratio)} (${fmt(r!.run.mibPerSecond, 1)} MiB/s, sent ${r!.run.actualChecksum})`,
      met: ratio === undefined ? null : ratio >= min,
    })
  }
  ratioBudget('1a-uplink', '1a Uplink, no checksum', 1.0)
  ratioBudget('1b-crc32c', '1b Uplink, CRC32C, loopback', 0.85)
  ratioBudget('1b-sha256', '1b Uplink, SHA-256, loopback', 0.85)
  for (const id of ['1b-crc32c', '1b-sha256']) {
    const r = run(id)
    if (r?.signerCalls === undefined) continue
    budgets.push({
      case: `${id.slice(0, 2)} ${r.label}, loopback`,
      budget: 'part-URL signer calls at most one per 8 parts',
      figure: `${r.signerCalls} signer calls for ${r.run.parts} parts`,
      met: r.signerCalls * 8 <= r.run.parts,
    })
  }
  ratioBudget('1c-crc32c', '1c Uplink, CRC32C, throttled', 0.98)
  ratioBudget('1c-sha256', '1c Uplink, SHA-256, throttled', 0.98)

  const fetchMany = many.runs.find((r) => r.id === '2-fetch')
  for (const entry of many.runs.filter((r) => r.baselineId)) {
    budgets.push({
      case: `2 ${entry.label}`,
      budget: 'no main-thread task over 50 ms while adding',
      figure: `longest ${fmt(entry.run.whileAdding.longestTaskMs, 0)} ms (adding took ${fmt(entry.run.addCallMs, 0)} ms in slices); whole run: longest ${fmt(entry.run.wholeRun.longestTaskMs, 0)} ms, TBT ${fmt(entry.run.wholeRun.totalBlockingTimeMs, 0)} ms`,
      met: entry.run.whileAdding.longestTaskMs <= 50,
    })
    const ratio = fetchMany ? entry.run.filesPerSecond / fetchMany.run.filesPerSecond : undefined
    budgets.push({
      case: `2 ${entry.label}`,
      budget: 'completion rate ratio to fetch >= 0.95',
      figure: ratio === undefined ? 'not measured' : `${fmt(ratio)} (${fmt(entry.run.filesPerSecond, 1)} vs ${fmt(fetchMany!.run.filesPerSecond, 1)} files/s)`,
      met: ratio === undefined ? null : ratio >= 0.95,
    })
  }

  const presigned = small?.runs.find((r) => r.id === '2c-fetch-presigned')
  for (const entry of small?.runs.filter((r) => r.baselineId) ?? []) {
    const caseName = `2c ${entry.label}, ${entry.run.count} x ${fmt(entry.run.size / 1024, 0)} KiB`
    const ratio = presigned ? entry.run.filesPerSecond / presigned.run.filesPerSecond : undefined
    budgets.push({
      case: caseName,
      budget: 'completion rate ratio to PUTs with URLs signed beforehand >= 0.95',
      figure: ratio === undefined ? 'not measured' : `${fmt(ratio)} (${fmt(entry.run.filesPerSecond, 1)} vs ${fmt(presigned!.run.filesPerSecond, 1)} files/s)`,
      met: ratio === undefined ? null : ratio >= 0.95 && entry.run.failed === 0,
    })
    budgets.push({
      case: caseName,
      budget: 'signer calls at most one per 8 files',
      figure: `${entry.signerCalls} signer calls for ${entry.run.done} files`,
      met: entry.run.done > 0 ? entry.signerCalls * 8 <= entry.run.done : null,
    })
  }

  if (demo?.demo && demo.engine) {
    const d = demo.demo
    budgets.push({
      case: `2b the demo, ${d.count} files`,
      budget: 'no main-thread task over 100 ms',
      figure: `${d.tasksOver100} over 100 ms; longest ${fmt(d.longestTaskMs, 0)} ms (engine alone: ${fmt(demo.engine.wholeRun.longestTaskMs, 0)} ms), ${d.longTaskCount} long tasks, TBT ${fmt(d.totalBlockingTimeMs, 0)} ms`,
      met: d.tasksOver100 === 0,
    })
    const ratio = d.filesPerSecond / demo.engine.filesPerSecond
    budgets.push({
      case: `2b the demo, ${d.count} files`,
      budget: 'at the engine’s pace: files/s >= 0.8 x the engine alone',
      figure: `${fmt(ratio)} (all done in ${fmt(d.ms / 1000, 1)} s vs ${fmt(demo.engine.ms / 1000, 1)} s; ${fmt(d.filesPerSecond, 1)} vs ${fmt(demo.engine.filesPerSecond, 1)} files/s)`,
      met: d.complete && ratio >= 0.8,
    })
  }

  const rate = (what: string) => hashing.rows.find((r) => r.what === what)?.mibPerSecond
  const n = Math.max(...hashing.settings.poolSizes.filter((s) => s <= hardwareConcurrency))
  const crc = rate(`pool x${n}, crc32c`)
  const readN = rate('read only, main thread (no hash)')
  if (crc !== undefined && readN !== undefined) {
    budgets.push({
      case: '3 CRC32C at the read ceiling',
      budget: `pool x${n} CRC32C (read + hash) >= 90% of reading the same bytes without hashing`,
      figure: `${fmt(crc, 0)} vs ${fmt(readN, 0)} MiB/s (${fmt((100 * crc) / readN, 0)}%)`,
      met: crc >= 0.9 * readN,
    })
  }
  const sha = rate(`pool x${n}, sha256`)
  const digest = rate('crypto.subtle.digest, main thread, bytes in memory')
  if (sha !== undefined && digest !== undefined) {
    budgets.push({
      case: '3 SHA-256 at WebCrypto speed',
      budget: `pool x${n} SHA-256 (read + hash) >= 90% of one crypto.subtle.digest over bytes in memory`,
      figure: `${fmt(sha, 0)} vs ${fmt(digest, 0)} MiB/s (${fmt((100 * sha) / digest, 0)}%)`,
      met: sha >= 0.9 * digest,
    })
  }

  const bound = (uploads.settings.concurrency * uploads.settings.partSize) / MiB
  for (const id of ['1a-uplink', '4-uplink-4gib']) {
    const r = run(id)
    if (!r?.memory) continue
    budgets.push({
      case: `4 peak JS memory, ${fmt(r.run.size / 1024 ** 3, 0)} GiB${r.run.complete ? '' : ' (capped run)'}`,
      budget: `<= bound (${fmt(bound, 0)} MiB) + 64 MiB`,
      figure: `${fmt(r.memory.peakJsMiB, 0)} MiB (heap ${fmt(r.memory.peakHeapMiB, 0)} + ArrayBuffers up to ${fmt(r.memory.peakBackingStoreMiB, 0)}); renderer RSS +${fmt(r.memory.rendererRssGrowthMiB, 0)} MiB`,
      met: r.memory.peakJsMiB <= bound + 64,
    })
  }

  const whole = run('1a-uplink')
  if (whole) {
    budgets.push({
      case: '5 long tasks during the 1 GiB upload',
      budget: 'none over 50 ms',
      figure: `${whole.run.mainThread.longTaskCount} long tasks, longest ${fmt(whole.run.mainThread.longestTaskMs, 0)} ms, TBT ${fmt(whole.run.mainThread.totalBlockingTimeMs, 0)} ms`,
      met: whole.run.mainThread.longTaskCount === 0,
    })
  }

  // The bundle budgets are the ones `pnpm test` fails on (.size-limit.js), measured the same way.
  for (const size of bundle.budgets) {
    budgets.push({
      case: `6 ${size.name}`,
      budget: `<= ${fmt(size.sizeLimit / 1000)} kB min + gzip (size-limit)`,
      figure: `${fmt(size.size / 1000)} kB`,
      met: size.passed,
    })
  }
  const { clean, expiring } = expiry
  if (clean && expiring) {
    const s = expiry.settings
    const what = `7 S3, URLs living ${s.urlTtlSeconds} s, ${fmt(s.size / MiB, 0)} MiB in ${fmt(s.partSize / MiB, 0)} MiB parts x${s.concurrency}`
    const done = expiring.run.complete && clean.run.complete
    budgets.push({
      case: what,
      budget: 'time <= 1.2x the clean run',
      figure: done
        ? `${fmt(expiring.run.ms / clean.run.ms)}x (${fmt(expiring.run.ms / 1000)} vs ${fmt(clean.run.ms / 1000)} s; ${expiring.signCalls} vs ${clean.signCalls} signer calls)`
        : 'a run hit the time cap',
      met: done ? expiring.run.ms <= 1.2 * clean.run.ms : false,
    })
    budgets.push({
      case: what,
      budget: "bytes sent <= 1.05x the file's",
      figure: `${fmt(expiring.bytesSent / s.size, 3)}x (${expiring.partRequests} part PUTs for ${expiring.run.parts} parts, ${expiring.expiredAnswers} refused as expired)`,
      met: expiring.run.complete && expiring.bytesSent <= 1.05 * s.size,
    })
  }
  return budgets
}
