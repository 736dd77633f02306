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

await check('lint', 'pnpm', ['exec', 'eslint', '.'])
await check('typecheck', 'pnpm', ['exec', 'tsc', '-p', 'tsconfig.json'])
const built = await check('build packages', 'pnpm', ['run', 'build'])
await suite(
  'vitest (unit, node, browser, storybook)',
  'pnpm',
  ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORTS}/vitest.json`],
  `${REPORTS}/vitest.json`,
  (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests }),
  env,
)
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
  }
} else {
  failures.push('e2e (not run: the packages did not build)')
  totals.failed++
}

console.log('')
if (failures.length > 0) console.log(`failed: ${failures.join('; ')}`)
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`)
process.exit(totals.failed > 0 ? 1 : 0)
