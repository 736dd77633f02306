import { ratioOf } from './budgets'
import { describeThrottle } from './throttle-check'
import type { BenchResults } from './results'
import type { ManyRun } from '../page/src/protocol'

const MiB = 1024 * 1024
const n0 = (x: number) => x.toFixed(0)
const n1 = (x: number) => x.toFixed(1)
const n2 = (x: number) => x.toFixed(2)
const mark = (met: boolean | null) => (met === null ? 'n/a' : met ? 'met' : '**missed**')
const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')

/** results.md: the budgets first, then each case's figures, then what exactly was measured. */
export function renderMarkdown(r: BenchResults): string {
  const m = r.machine
  const u = r.uploads
  const out: string[] = []
  out.push('# Uplink benchmarks', '')
  out.push(
    `Run on ${m.date.slice(0, 10)} by \`pnpm bench\` in ${n1(r.durationSeconds / 60)} min: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB RAM, ${m.os}, ` +
      `Node ${m.node}, Chromium ${m.chromium} (headless, Debian), pnpm ${m.pnpm}. Load average ${n1(m.loadAverage.start)} at the start` +
      `${m.loadAverage.end === undefined ? '' : ` and ${n1(m.loadAverage.end)} at the end`} (the machine is shared, so absolute figures are noisy; ratios compare runs of the same process minutes apart).`,
    '',
    'Raw figures: [results.json](results.json). Chart of the upload cases: [uploads.svg](uploads.svg).',
    '',
    '## Budgets',
    '',
    table(['case', 'budget', 'figure', 'status'], r.budgets.map((b) => [b.case, b.budget, b.figure, mark(b.met)])),
    '',
  )

  out.push('## 1. One big file over S3 multipart', '')
  out.push(
    `Part size ${n0(u.settings.partSize / MiB)} MiB, ${u.settings.concurrency} parts in flight, time cap ${n0(u.settings.capMs / 1000)} s per run. ` +
      `Throttled runs set the emulator fault \`{"route":"s3.put","bytesPerSecond":${u.throttle.bytesPerSecond}}\`; ` +
      describeThrottle(u.throttle),
    '',
    '![Upload throughput](uploads.svg)',
    '',
  )
  out.push(
    table(
      ['run', 'checksum asked / sent', 'MiB/s', 'ratio to fetch', 'finished', 'longest task', 'TBT', 'per part: read+hash / xhr.send() blocking / request (mean ms)'],
      u.runs.map((x) => {
        const ratio = ratioOf(x, u.runs)
        const p = x.run.phases
        return [
          x.label,
          x.run.mode === 'fetch' ? '—' : `${x.run.checksum} / ${x.run.actualChecksum}`,
          n1(x.run.mibPerSecond),
          ratio !== undefined ? n2(ratio) : x.run.mode === 'fetch' ? 'baseline' : '—',
          x.run.complete ? `yes, ${n1(x.run.ms / 1000)} s` : `capped: ${n0(x.run.bytesAcknowledged / MiB)} of ${n0(x.run.size / MiB)} MiB in ${n1(x.run.ms / 1000)} s`,
          `${n0(x.run.mainThread.longestTaskMs)} ms`,
          `${n0(x.run.mainThread.totalBlockingTimeMs)} ms`,
          p ? `${n0(p.readAndHash.meanMs)} / ${n0(p.sendSync.meanMs)} / ${n0(p.request.meanMs)}` : '—',
        ]
      }),
    ),
    '',
  )

  const mf = r.many
  out.push('## 2. Many small files added at once', '')
  out.push(
    manySettings(mf.settings) +
      'Uplink runs with `checksum: "none"` so it does the same requests as the baseline (the S3 adapter\'s single-request path: POST /s3/object, then one PUT). ' +
      '"While adding" is from the addFiles() call until two frames after its promise resolved (every file in the store, the list on screen); "adding" is the time until that promise resolved (the files go in, in slices of ~8 ms).',
    '',
    table(
      ['run', 'files done', 'files/s', 'ratio', 'adding', 'while adding: longest task / TBT', 'whole run: long tasks / longest / TBT', 'failed'],
      mf.runs.map((x) => {
        const base = mf.runs.find((b) => b.id === x.baselineId)
        return [
          ...manyRunCells(x, base),
          x.run.mode === 'fetch' ? '—' : `${n0(x.run.addCallMs)} ms`,
          x.run.mode === 'fetch' ? '—' : `${n0(x.run.whileAdding.longestTaskMs)} ms / ${n0(x.run.whileAdding.totalBlockingTimeMs)} ms`,
          wholeRunCell(x.run),
          String(x.run.failed),
        ]
      }),
    ),
    '',
  )

  const sm = r.small
  if (sm && sm.runs.length > 0) {
    out.push('## 2c. Small files at link speed', '')
    out.push(
      manySettings(sm.settings) +
        'The baseline PUTs each file with fetch to a URL the signer made before the clock started (POST /s3/objects, 100 per call): the link alone. ' +
        'Uplink (`checksum: "none"`) signs as it goes: the S3 adapter asks for the file about to be sent and the next small files in one call. Signer calls are counted in the emulator\'s request log.',
      '',
      table(
        ['run', 'files done', 'files/s', 'ratio', 'signer calls', 'whole run: long tasks / longest / TBT', 'failed'],
        sm.runs.map((x) => {
          const base = sm.runs.find((b) => b.id === x.baselineId)
          return [
            ...manyRunCells(x, base),
            x.run.mode === 'fetch-presigned' ? `${x.signerCalls} (before the clock)` : String(x.signerCalls),
            wholeRunCell(x.run),
            String(x.run.failed),
          ]
        }),
      ),
      '',
    )
  }

  const dm = r.demo
  if (dm?.demo && dm.engine) {
    const d = dm.demo
    const e = dm.engine
    out.push('## 2b. The demo with many files', '')
    out.push(
      `${dm.settings.count} files of ${n0(dm.settings.size / 1024)} KiB picked in the demo (apps/demo built for production, S3, part checksum "None" and ${dm.settings.concurrency} parts in flight set in its settings panel), ` +
        'timed in the page from the file input\'s first event until its total progress says every file is done; long tasks in that window ' +
        `(the task that hands the files to the input began ${n0(d.fileDeliveryMs ?? 0)} ms earlier with the test harness building the File objects; that part runs no code of the demo and is not counted). ` +
        'Against the engine alone doing the same in the bench page (case 2\'s engine run with these figures).',
      '',
      table(
        ['run', 'files done', 'time to all done', 'files/s', 'long tasks', 'longest task', 'over 100 ms', 'TBT'],
        [
          ['engine alone', `${e.done} of ${e.count}`, `${n1(e.ms / 1000)} s`, n1(e.filesPerSecond), String(e.wholeRun.longTaskCount), `${n0(e.wholeRun.longestTaskMs)} ms`, '—', `${n0(e.wholeRun.totalBlockingTimeMs)} ms`],
          ['the demo', `${d.done} of ${d.count}${d.complete ? '' : ' (capped)'}`, `${n1(d.ms / 1000)} s`, n1(d.filesPerSecond), String(d.longTaskCount), `${n0(d.longestTaskMs)} ms`, String(d.tasksOver100), `${n0(d.totalBlockingTimeMs)} ms`],
        ],
      ),
      '',
    )
  }

  const h = r.hashing
  out.push('## 3. Hashing throughput', '')
  out.push(
    `${n0(h.settings.totalBytes / MiB)} MiB in ${n0(h.settings.partSize / MiB)} MiB parts, best of ${h.settings.repeats} timings each. Pool rows: createWorkerPool({ size }).hash(blob, start, end, [alg]) with two parts queued per worker ` +
      '(read in the worker, hashed, bytes transferred back). Ceilings: the main thread reading the same bytes without hashing, and one crypto.subtle.digest at a time over bytes already in memory.',
    '',
    table(['what', 'MiB/s'], h.rows.map((x) => [x.what, n0(x.mibPerSecond)])),
    '',
  )

  out.push('## 4. Memory during an upload', '')
  const bound = (u.settings.concurrency * u.settings.partSize) / MiB
  out.push(
    `Bound: ${u.settings.concurrency} parts in flight x ${n0(u.settings.partSize / MiB)} MiB = ${n0(bound)} MiB (the engine hashes no part ahead: each lane keeps its slot while reading, hashing and sending). ` +
      'Sampled from Node every 50 ms over CDP (Runtime.getHeapUsage: V8 heap used + ArrayBuffer backing stores of the page\'s main isolate) and /proc (resident memory of the renderer processes, which includes the workers and Blink\'s copies of request bodies).',
    '',
    table(
      ['run', 'finished', 'peak JS (heap + ArrayBuffers)', 'peak heap', 'peak ArrayBuffers', 'idle before', 'renderer RSS growth'],
      u.runs
        .filter((x) => x.memory)
        .map((x) => [
          x.run.size === 4 * 1024 * MiB ? x.label : `${x.label}, ${n0(x.run.size / MiB / 1024)} GiB`,
          x.run.complete ? 'yes' : `capped at ${n0(x.run.bytesAcknowledged / MiB)} MiB`,
          `${n0(x.memory!.peakJsMiB)} MiB`,
          `${n0(x.memory!.peakHeapMiB)} MiB`,
          `${n0(x.memory!.peakBackingStoreMiB)} MiB`,
          `${n1(x.memory!.idleJsMiB)} MiB`,
          `${n0(x.memory!.rendererRssGrowthMiB)} MiB`,
        ]),
    ),
    '',
  )

  out.push('## 5. Main-thread long tasks during uploads', '')
  out.push(
    table(
      ['run', 'long tasks', 'longest', 'TBT', 'long animation frames', 'longest frame'],
      u.runs.map((x) => [x.label, String(x.run.mainThread.longTaskCount), `${n0(x.run.mainThread.longestTaskMs)} ms`, `${n0(x.run.mainThread.totalBlockingTimeMs)} ms`, String(x.run.mainThread.longFrameCount), `${n0(x.run.mainThread.longestFrameMs)} ms`]),
    ),
    '',
  )

  const b = r.bundle
  out.push('## 6. Bundle size', '')
  out.push(
    'The budgets (the same `.size-limit.js` checks `pnpm test` fails on: esbuild, minified, gzip; what loads with the page, React external):',
    '',
    table(['budget', 'limit', 'size', ''], (b.budgets ?? []).map((x) => [x.name, `${n1(x.sizeLimit / 1000)} kB`, `${(x.size / 1000).toFixed(2)} kB`, x.passed ? 'met' : '**missed**'])),
    '',
  )
  out.push(`${b.method}. Not counted (the app has them anyway): ${b.external.map((e) => `\`${e}\``).join(', ')}. Workers are separate files, counted below.`, '')
  out.push(
    table(
      ['entry', 'on load, min', 'on load, gzip', 'lazy, gzip', 'largest parts on load (pre-minify bytes)'],
      b.rows.map((x) => [
        x.id === 'typical app' ? `typical app: ${x.entry}` : `\`${x.id}\``,
        `${n1(x.js.minBytes / 1000)} kB`,
        `${n1(x.js.gzipBytes / 1000)} kB`,
        `${n1((x.lazyJs?.gzipBytes ?? 0) / 1000)} kB`,
        x.byPackage.slice(0, 4).map((p) => `${p.name} ${n1(p.renderedBytes / 1000)} kB`).join(', '),
      ]),
    ),
    '',
  )
  const workers = new Map(b.rows.flatMap((x) => x.workers.map((w) => [w.file.replace(/-[\w-]+\.js$/, '.js'), w] as const)))
  out.push(table(['worker', 'minified', 'gzip'], [...workers].map(([name, w]) => [name, `${n1(w.minBytes / 1000)} kB`, `${n1(w.gzipBytes / 1000)} kB`])), '')

  const e = r.expiry
  if (e?.clean && e.expiring) {
    out.push('## 7. Part URLs that expire mid-upload', '')
    out.push(
      `One ${n0(e.settings.size / MiB)} MiB file by the S3 adapter (${n0(e.settings.partSize / MiB)} MiB parts, ${e.settings.concurrency} in flight, no checksum), first clean, then with the emulator's signer ` +
        `handing out part URLs that live ${e.settings.urlTtlSeconds} s (\`{"route":"s3.sign","urlTtlSeconds":${e.settings.urlTtlSeconds}}\`), so URLs signed ahead go stale mid-upload. ` +
        'Bytes sent are the Content-Length of every part PUT the S3 front saw, refused ones included.',
      '',
      table(
        ['run', 'time', 'bytes sent / file', 'part PUTs (refused as expired)', 'signer calls for URLs'],
        [
          ['clean', e.clean],
          ['URLs expiring', e.expiring],
        ].map(([label, x]) => {
          const run = x as NonNullable<typeof e.clean>
          return [label as string, `${n2(run.run.ms / 1000)} s${run.run.complete ? '' : ' (capped)'}`, n2(run.bytesSent / e.settings.size), `${run.partRequests} (${run.expiredAnswers})`, String(run.signCalls)]
        }),
      ),
      '',
    )
  }

  out.push('## What exactly is measured', '')
  out.push(
    [
      '- Big files are Blobs built from references to 16 random 1 MiB Blobs (Chromium keeps references, not copies), so no disk is read: a real file from disk can only be slower to read.',
      '- MiB/s of a finished run is the file size over the whole time (create, parts, complete). A run stopped by the time cap is rated by the bytes of parts answered 2xx over the time until the cap, and no complete call is made; this favours a capped run slightly over a finished one.',
      '- The baseline PUTs Blob slices with fetch, which the browser streams without the page reading them; Uplink reads each part in a worker (to hash it), transfers the bytes to the page and sends them with XMLHttpRequest (for upload progress).',
      '- The "ArrayBuffer body (diagnostic)" run is the same engine with its transport handed the same part as an ArrayBuffer instead of the file slice (a Blob) Uplink sends (same bytes, same checksums); it is not what Uplink ships and is not in the budgets. It shows what the request body type costs in Chromium.',
      '- "per part" phases come from wrapping Uplink\'s own worker pool and XHR transport (passed as `hasher` and `transport`), which do the same work as without the wrapper.',
      '- Long tasks come from PerformanceObserver (`longtask`, `long-animation-frame`) in the page; TBT is the sum of (duration - 50 ms) over long tasks.',
      '- The emulator (s3rver behind a verifying front, on loopback) stores every byte on disk and shares the 2 cores with Chromium, so loopback rates are the emulator\'s, not a network\'s.',
    ].join('\n'),
    '',
  )
  return out.join('\n')
}

/** The first cells of a many-files row: what ran, files done, files/s and the ratio to its baseline. */
function manyRunCells(x: { label: string; run: ManyRun }, base: { run: ManyRun } | undefined): string[] {
  return [
    x.label,
    `${x.run.done} of ${x.run.count}${x.run.complete ? '' : ' (capped)'} in ${n1(x.run.ms / 1000)} s`,
    n1(x.run.filesPerSecond),
    base ? n2(x.run.filesPerSecond / base.run.filesPerSecond) : 'baseline',
  ]
}

/** Long tasks over a whole many-files run: count / longest / total blocking time. */
const wholeRunCell = (run: ManyRun) => `${run.wholeRun.longTaskCount} / ${n0(run.wholeRun.longestTaskMs)} ms / ${n0(run.wholeRun.totalBlockingTimeMs)} ms`

/** How a many-files case ran: file count and size, concurrency, time cap. */
const manySettings = (settings: { count: number; size: number; concurrency: number; capMs: number }) =>
  `${settings.count} files of ${n0(settings.size / 1024)} KiB, concurrency ${settings.concurrency}, time cap ${n0(settings.capMs / 1000)} s. `
