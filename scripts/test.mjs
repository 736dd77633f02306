// `pnpm test`: every check and test suite, then real totals.
//
// Two kinds of work, reported apart:
//   - steps (lint, typecheck, builds, starting and stopping radosgw) are not tests: they are
//     listed on their own line, "steps: lint ok, typecheck ok, ...", and a failed step fails the
//     command (named in that line);
//   - test cases are counted one by one from each runner's own outcome report. A test that passed
//     only on a retry is flaky: counted apart and listed by name, never as passed.
// The last line of output is one plain line: "N passed, N failed, N flaky" (", N skipped" and
// ", N steps failed" when there are any). Exits non-zero when a test or a step failed.
// Run with tsx (package.json), so it can share the outcome code with the Vitest reporter.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { runStep } from './run-step.mjs'
import { exitCode, playwrightOutcomes, stepsLine, tally, totalsLine } from './test-totals/outcomes.ts'

const REPORTS = 'reports'
/** Retries that make a flaky test visible as flaky instead of failing the run. */
const RETRIES = 2
const OUTCOMES_REPORTER = './scripts/test-totals/vitest-outcomes-reporter.ts'
mkdirSync(REPORTS, { recursive: true })

/** @type {import('./test-totals/outcomes.ts').StepResult[]} */
const steps = []
/** @type {import('./test-totals/outcomes.ts').TestOutcome[]} */
const outcomes = []

/** A step that is not a test: ok when the command exits 0. */
async function step(title, command, args, env) {
  const code = await runStep(title, command, args, env)
  steps.push({ title, ...(code === 0 ? { ok: true } : { ok: false, detail: `exit ${code}` }) })
  return code === 0
}

/**
 * A test run: its test cases come from the outcome report it writes. The run is not a step, so it
 * is not listed as one ("vitest ok" beside failed tests would read as a pass), except when it
 * failed with no failed test to show for it (it crashed, or wrote no report): then it is a failed
 * step, so no failure can go unseen.
 */
async function tests(title, command, args, report, read, env) {
  rmSync(report, { force: true })
  const code = await runStep(title, command, args, env)
  const found = existsSync(report) ? read(JSON.parse(readFileSync(report, 'utf8'))) : undefined
  if (found) outcomes.push(...found)
  const failedTests = found?.filter((o) => o.outcome === 'failed').length ?? 0
  if (!found) steps.push({ title, ok: false, detail: `no test report, exit ${code}` })
  else if (code !== 0 && failedTests === 0) steps.push({ title, ok: false, detail: `exit ${code} with no failed test` })
}

const vitest = (title, projects, report, env) =>
  tests(
    title,
    'pnpm',
    ['exec', 'vitest', 'run', ...projects.flatMap((p) => ['--project', p]), `--retry=${RETRIES}`, '--reporter=default', `--reporter=${OUTCOMES_REPORTER}`],
    report,
    (o) => o,
    { ...env, UPLINK_OUTCOMES_FILE: report },
  )

const env = { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' }

/** KEY=value lines (values optionally in double quotes), as scripts/radosgw/start.sh writes them. */
function readEnvFile(file) {
  const pairs = readFileSync(file, 'utf8').matchAll(/^([A-Z_][A-Z0-9_]*)=("?)(.*)\2$/gm)
  return Object.fromEntries([...pairs].map(([, key, , value]) => [key, value]))
}

await step('lint', 'pnpm', ['exec', 'eslint', '.'])
await step('typecheck', 'pnpm', ['exec', 'tsc', '-p', 'tsconfig.json'])
const built = await step('build packages', 'pnpm', ['run', 'build'])
// The bench sees the packages through their built types (as an app would), so it is checked after the build.
if (built) {
  await step('typecheck bench', 'pnpm', ['exec', 'tsc', '-p', 'bench'])
  // Each budget of .size-limit.js is one test: an app's imports from dist/, minified + gzipped.
  const budgets = `${REPORTS}/size-limit.json`
  await tests('bundle budgets (size-limit)', 'node', ['scripts/size-budgets.mjs', budgets], budgets, (checks) =>
    checks.map((c) => ({
      suite: 'size-limit',
      // A check whose #16 goal is not met yet guards today's size; its name says so.
      name: c.goal === undefined ? `budget: ${c.name}` : `budget (regression guard; #16 goal ${c.goal / 1000} kB ${c.goalMet ? 'met' : 'not met yet'}): ${c.name}`,
      outcome: c.passed ? 'passed' : 'failed',
      retries: 0,
    })),
  )
  await step('API reference (TypeDoc)', 'pnpm', ['run', 'docs:api'])
}
await vitest('vitest (every project but radosgw)', [], `${REPORTS}/vitest-outcomes.json`, env)
// A real distributed S3 (Ceph radosgw, scripts/radosgw): start it, run the projects that exist
// only with its endpoint set (vite.config.ts), and always stop it again.
if (await step('start radosgw', 'bash', ['scripts/radosgw/start.sh'])) {
  await vitest('vitest against radosgw', ['radosgw', 'radosgw-browser', 'radosgw-contract'], `${REPORTS}/radosgw-outcomes.json`, {
    ...env,
    ...readEnvFile(`${REPORTS}/radosgw.env`),
  })
}
await step('stop radosgw', 'bash', ['scripts/radosgw/stop.sh'])
const storybookBuilt = await step('build storybook', 'pnpm', ['run', 'build-storybook'])
if (built && (await step('build demo', 'pnpm', ['run', 'build:demo']))) {
  // Chromium through Playwright, and the Firefox ESR smoke subset (e2e/firefox.spec.ts: Playwright
  // tests that drive firefox-esr through puppeteer-core), all in the one JSON report counted here.
  await tests('e2e (playwright: chromium + firefox-esr)', 'pnpm', ['exec', 'playwright', 'test', `--retries=${RETRIES}`], `${REPORTS}/e2e.json`, (r) => playwrightOutcomes(r, 'e2e'), env)
  // The screenshot suite (visual/playwright.config.ts, `pnpm test:ui`): the main stories (the
  // built Storybook) and the demo at phone and desktop widths, light, dark and right to left,
  // compared with the committed baselines; then the demo's own checks (provider switching
  // without leaks). One test per screenshot, counted like e2e.
  if (storybookBuilt) {
    await tests('ui (playwright: screenshots, demo)', 'pnpm', ['exec', 'playwright', 'test', '-c', 'visual/playwright.config.ts', `--retries=${RETRIES}`], `${REPORTS}/ui.json`, (r) => playwrightOutcomes(r, 'ui'), env)
  } else {
    steps.push({ title: 'ui (playwright)', ok: false, detail: 'not run: Storybook did not build' })
  }
} else {
  steps.push({ title: 'e2e (playwright)', ok: false, detail: 'not run: the packages or the demo did not build' })
  steps.push({ title: 'ui (playwright)', ok: false, detail: 'not run: the packages or the demo did not build' })
}
// The packed packages installed into fresh Vite, nodenext and Next.js apps outside the workspace
// (no retries: each run packs, installs and builds apps; nothing in it waits on timing).
const consumers = `${REPORTS}/consumers-outcomes.json`
if (built) {
  await tests(
    'consumers (packed packages: publint, attw, Vite + React 19, nodenext, Next.js, uploads under CSP)',
    'pnpm',
    ['exec', 'vitest', 'run', '--config', 'tests/consumers/vitest.config.ts', '--reporter=default', `--reporter=${OUTCOMES_REPORTER}`],
    consumers,
    (o) => o,
    { ...env, UPLINK_OUTCOMES_FILE: consumers },
  )
} else {
  steps.push({ title: 'consumers', ok: false, detail: 'not run: the packages did not build' })
}

const totals = tally(outcomes)
console.log('')
// One test per line: the names carry the first failure's message.
if (totals.flakyNames.length > 0) console.log(['flaky (failed, then passed on a retry):', ...totals.flakyNames.map((n) => `  ${n}`)].join('\n'))
if (totals.failedNames.length > 0) console.log(['failed:', ...totals.failedNames.map((n) => `  ${n}`)].join('\n'))
console.log(stepsLine(steps))
console.log(totalsLine(totals, steps))
process.exit(exitCode(totals, steps))
