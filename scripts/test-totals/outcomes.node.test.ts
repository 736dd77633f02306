import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type PlaywrightReport, type TestOutcome, exitCode, playwrightOutcomes, stepsLine, tally, totalsLine } from './outcomes'

// The real runners on fixtures that pass, fail, fail once then pass, and skip, with one retry
// each, as scripts/test.mjs runs them: what each run reports is what `pnpm test` counts.
const run = promisify(execFile)
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))
const root = here('../..')
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'uplink-outcomes-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/** Outcome by the test's own title (the last segment of its name). */
const byName = (outcomes: TestOutcome[]) => Object.fromEntries(outcomes.map((o) => [o.name.split(/ [›>] /).pop(), o.outcome]))

/** Runs a command that is expected to fail (the fixtures contain failing tests). */
async function runFailing(command: string, args: string[], env: Record<string, string>) {
  const failed = await run(command, args, { cwd: root, env: { ...process.env, ...env } }).then(
    () => false,
    () => true,
  )
  expect(failed).toBe(true)
}

describe('test outcomes as the runners report them', () => {
  it('Vitest (the outcomes reporter): a test that passed on a retry is flaky; load and hook errors are failures', async () => {
    const file = path.join(dir, 'vitest.json')
    await runFailing(
      'pnpm',
      ['exec', 'vitest', 'run', '--config', here('./fixtures/vitest.fixture.config.ts'), '--retry=1', `--reporter=${here('./vitest-outcomes-reporter.ts')}`],
      { UPLINK_OUTCOMES_FILE: file },
    )
    const outcomes = JSON.parse(await readFile(file, 'utf8')) as TestOutcome[]
    const names = byName(outcomes)
    expect(names).toMatchObject({ passes: 'passed', 'fails once, then passes': 'flaky', 'always fails': 'failed', 'is skipped': 'skipped' })
    expect(outcomes.find((o) => o.outcome === 'flaky')).toMatchObject({ retries: 1, name: expect.stringContaining('outcomes.fixture.test.ts') })
    expect(outcomes.filter((o) => o.outcome === 'failed').map((o) => o.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/broken\.fixture\.test\.ts.*cannot be loaded/), expect.stringMatching(/beforeAll fails.*setup broke/)]),
    )
    const totals = tally(outcomes)
    expect(totals).toMatchObject({ passed: 1, flaky: 1 })
    // The first attempt's failure is kept, so a flake seen once in CI can be read from the log.
    expect(totals.flakyNames).toEqual([expect.stringMatching(/fails once, then passes \(passed after 1 retry; first failure: .*expected 1 to be greater than 1/)])
    expect(outcomes.find((o) => o.name.endsWith('always fails'))?.firstFailure).toMatch(/expected 'this' to be 'that'/)
  }, 60_000)

  it('Playwright (its JSON report): a test that passed on a retry is flaky, not passed', async () => {
    const file = path.join(dir, 'playwright.json')
    await runFailing('pnpm', ['exec', 'playwright', 'test', '--config', here('./fixtures/playwright.fixture.config.ts'), '--retries=1'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: file,
    })
    const outcomes = playwrightOutcomes(JSON.parse(await readFile(file, 'utf8')) as PlaywrightReport, 'e2e')
    expect(byName(outcomes)).toEqual({ passes: 'passed', 'fails once, then passes': 'flaky', 'always fails': 'failed', 'is skipped': 'skipped' })
    const totals = tally(outcomes)
    expect(totals).toMatchObject({ passed: 1, failed: 1, flaky: 1, skipped: 1 })
    expect(totals.flakyNames).toEqual([expect.stringMatching(/fails once, then passes \(passed after 1 retry; first failure: .*toBeGreaterThan/)])
  }, 60_000)
})

describe('the totals lines', () => {
  const outcome = (name: string, o: TestOutcome['outcome'], retries = 0): TestOutcome => ({ suite: 's', name, outcome: o, retries })

  it('counts test cases only; steps go on their own line and a failed one fails the command', () => {
    const totals = tally([outcome('a', 'passed'), outcome('b', 'passed'), outcome('c', 'flaky', 2), outcome('d', 'skipped')])
    const steps = [
      { title: 'lint', ok: true },
      { title: 'build demo', ok: false, detail: 'exit 2' },
    ]
    expect(totalsLine(totals, steps)).toBe('2 passed, 0 failed, 1 flaky, 1 skipped, 1 step failed')
    expect(stepsLine(steps)).toBe('steps: lint ok, build demo FAILED (exit 2)')
    expect(totals.flakyNames).toEqual(['c (passed after 2 retries)'])
    expect(exitCode(totals, steps)).toBe(1)
    expect(exitCode(totals, [{ title: 'lint', ok: true }])).toBe(0)
    expect(totalsLine(totals, [{ title: 'lint', ok: true }])).toBe('2 passed, 0 failed, 1 flaky, 1 skipped')
  })

  it('fails the command on a failed test, and names it', () => {
    const totals = tally([outcome('a', 'passed'), outcome('broken one', 'failed', 2)])
    expect(totalsLine(totals, [])).toBe('1 passed, 1 failed, 0 flaky')
    expect(totals.failedNames).toEqual(['broken one'])
    expect(exitCode(totals, [])).toBe(1)
  })

  it('counts an error outside any test in a Playwright report as a failure', () => {
    const outcomes = playwrightOutcomes({ suites: [], errors: [{ message: '\u001b[31mError: webServer exited early\u001b[39m\n  at x' }] }, 'e2e')
    expect(outcomes).toEqual([{ suite: 'e2e', name: 'error outside any test: Error: webServer exited early', outcome: 'failed', retries: 0 }])
  })
})
