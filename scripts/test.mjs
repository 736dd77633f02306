// Runs every check and test suite, then prints one plain line with the real totals:
// "N passed, N failed". Totals come from the runners' JSON reports; a check with no report
// (lint, typecheck, builds) counts as one test of its own. Exits non-zero if anything failed.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { runStep } from './run-step.mjs'

const REPORTS = 'reports'
rmSync(`${REPORTS}/vitest.json`, { force: true })
rmSync(`${REPORTS}/e2e.json`, { force: true })
mkdirSync(REPORTS, { recursive: true })

const totals = { passed: 0, failed: 0, skipped: 0 }
const failures = []

async function check(title, command, args, env) {
  const code = await runStep(title, command, args, env)
  if (code === 0) totals.passed++
  else {
    totals.failed++
    failures.push(title)
  }
  return code
}

/** A suite: its tests are counted from its JSON report; a crash with no report counts as a failure. */
async function suite(title, command, args, report, count, env) {
  const code = await runStep(title, command, args, env)
  if (!existsSync(report)) {
    totals.failed++
    failures.push(`${title} (no report, exit ${code})`)
    return
  }
  const { passed, failed, skipped } = count(JSON.parse(readFileSync(report, 'utf8')))
  totals.passed += passed
  totals.failed += failed
  totals.skipped += skipped
  if (failed > 0 || code !== 0) failures.push(`${title} (${failed} failed, exit ${code})`)
  if (failed === 0 && code !== 0) totals.failed++
}

const env = { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' }

/** KEY=value lines (values optionally in double quotes), as scripts/radosgw/start.sh writes them. */
function readEnvFile(file) {
  const pairs = readFileSync(file, 'utf8').matchAll(/^([A-Z_][A-Z0-9_]*)=("?)(.*)\2$/gm)
  return Object.fromEntries([...pairs].map(([, key, , value]) => [key, value]))
}

await check('lint', 'pnpm', ['exec', 'eslint', '.'])
await check('typecheck', 'pnpm', ['exec', 'tsc', '-p', 'tsconfig.json'])
const built = await check('build packages', 'pnpm', ['run', 'build'])
// The bench sees the packages through their built types (as an app would), so it is checked after the build.
if (built === 0) await check('typecheck bench', 'pnpm', ['exec', 'tsc', '-p', 'bench'])
await suite(
  'vitest (unit, node, browser, storybook)',
  'pnpm',
  ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORTS}/vitest.json`],
  `${REPORTS}/vitest.json`,
  (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests }),
  env,
)
// A real distributed S3 (Ceph radosgw, scripts/radosgw): start it, run the two projects that
// exist only with its endpoint set (vite.config.ts), and always stop it again.
rmSync(`${REPORTS}/radosgw.json`, { force: true })
if ((await check('start radosgw', 'bash', ['scripts/radosgw/start.sh'])) === 0) {
  await suite(
    'radosgw (signer in Node, S3 adapter and its contract suite in Chromium)',
    'pnpm',
    ['exec', 'vitest', 'run', '--project', 'radosgw', '--project', 'radosgw-browser', '--project', 'radosgw-contract', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORTS}/radosgw.json`],
    `${REPORTS}/radosgw.json`,
    (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests }),
    { ...env, ...readEnvFile(`${REPORTS}/radosgw.env`) },
  )
} else {
  // The failed start is already counted; this only says what it cost.
  failures.push('radosgw tests (not run: scripts/radosgw/start.sh failed; its message is above)')
}
await check('stop radosgw', 'bash', ['scripts/radosgw/stop.sh'])
await check('build storybook', 'pnpm', ['run', 'build-storybook'])
if (built === 0) {
  const demo = await check('build demo', 'pnpm', ['run', 'build:demo'])
  if (demo === 0) {
    await suite(
      'e2e (playwright)',
      'pnpm',
      ['exec', 'playwright', 'test'],
      `${REPORTS}/e2e.json`,
      (r) => ({ passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped }),
      env,
    )
    // Screenshots of the main stories and the demo against the committed baselines, and the
    // demo's own behaviour (visual/playwright.config.ts); Storybook was built above.
    rmSync(`${REPORTS}/ui.json`, { force: true })
    await suite(
      'ui (screenshots of stories and demo, demo behaviour)',
      'pnpm',
      ['exec', 'playwright', 'test', '-c', 'visual/playwright.config.ts'],
      `${REPORTS}/ui.json`,
      (r) => ({ passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped }),
      env,
    )
  }
} else {
  failures.push('e2e (not run: the packages did not build)')
  totals.failed++
}

console.log('')
if (failures.length > 0) console.log(`failed: ${failures.join('; ')}`)
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`)
process.exit(totals.failed > 0 ? 1 : 0)
