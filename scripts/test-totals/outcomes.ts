/**
 * What `pnpm test` counts: test cases, each with one outcome. A test that failed and then passed
 * on a retry is `flaky`, never `passed`. Errors outside any test (a file that does not load, a
 * failing beforeAll, an unhandled rejection) are `failed` entries of their own, so they can
 * never hide behind a row of passing tests.
 */
export type Outcome = 'passed' | 'failed' | 'flaky' | 'skipped'

export interface TestOutcome {
  /** Which run it came from (e.g. "vitest", "e2e"). */
  suite: string
  /** Enough to find the test: project, file and full title. */
  name: string
  outcome: Outcome
  /** Failed attempts before the last one (0 when it passed or failed at the first try). */
  retries: number
  /**
   * The first line of the first failed attempt's error, for a flaky or failed test: a flake seen
   * once in CI must be diagnosable from the log alone, without reproducing it.
   */
  firstFailure?: string
}

export interface Totals {
  passed: number
  failed: number
  flaky: number
  skipped: number
  failedNames: string[]
  flakyNames: string[]
}

export function tally(outcomes: readonly TestOutcome[]): Totals {
  const totals: Totals = { passed: 0, failed: 0, flaky: 0, skipped: 0, failedNames: [], flakyNames: [] }
  for (const { name, outcome, retries, firstFailure } of outcomes) {
    totals[outcome]++
    if (outcome === 'failed') totals.failedNames.push(firstFailure ? `${name} (${firstFailure})` : name)
    if (outcome === 'flaky') {
      const why = firstFailure ? `; first failure: ${firstFailure}` : ''
      totals.flakyNames.push(`${name} (passed after ${retries} ${retries === 1 ? 'retry' : 'retries'}${why})`)
    }
  }
  return totals
}

/** The outcome of one test from its final state and how many attempts failed before it. */
export function outcomeOf(state: 'passed' | 'failed' | 'skipped' | 'pending', retries: number): Outcome {
  if (state === 'passed') return retries > 0 ? 'flaky' : 'passed'
  if (state === 'failed') return 'failed'
  // Pending at the end of a run means it never finished: not a pass.
  return state === 'pending' ? 'failed' : 'skipped'
}

/** The subset of Playwright's JSON report this reads (reporter "json", @playwright/test 1.65). */
export interface PlaywrightReport {
  suites?: PlaywrightSuite[]
  errors?: Array<{ message?: string }>
}
interface PlaywrightSuite {
  title: string
  file?: string
  suites?: PlaywrightSuite[]
  specs?: Array<{
    title: string
    file?: string
    tests: Array<{
      projectName?: string
      /** expected, unexpected, flaky (failed, then passed on a retry) or skipped. */
      status: 'expected' | 'unexpected' | 'flaky' | 'skipped'
      results: Array<{ retry: number; status: string; error?: { message?: string }; errors?: Array<{ message?: string }> }>
    }>
  }>
}

/** Every test of a Playwright JSON report, with retries read from its results. */
export function playwrightOutcomes(report: PlaywrightReport, suite: string): TestOutcome[] {
  const outcomes: TestOutcome[] = []
  const walk = (node: PlaywrightSuite, titles: string[]) => {
    for (const spec of node.specs ?? []) {
      for (const test of spec.tests) {
        const retries = test.results.reduce((most, r) => Math.max(most, r.retry), 0)
        const project = test.projectName ? `[${test.projectName}] ` : ''
        const name = `${project}${[...titles, spec.title].join(' › ')}`
        const outcome: Outcome =
          test.status === 'expected' ? 'passed' : test.status === 'flaky' ? 'flaky' : test.status === 'skipped' ? 'skipped' : 'failed'
        const failedAttempt = test.results.find((r) => r.status !== 'passed' && r.status !== 'skipped')
        const message = failedAttempt?.error?.message ?? failedAttempt?.errors?.[0]?.message
        outcomes.push({
          suite,
          name,
          outcome,
          retries: outcome === 'passed' ? 0 : retries,
          ...(outcome !== 'passed' && message !== undefined ? { firstFailure: firstLine(message) } : {}),
        })
      }
    }
    for (const child of node.suites ?? []) walk(child, [...titles, child.title])
  }
  for (const file of report.suites ?? []) walk(file, [file.file ?? file.title])
  for (const error of report.errors ?? []) {
    outcomes.push({ suite, name: `error outside any test: ${firstLine(error.message)}`, outcome: 'failed', retries: 0 })
  }
  return outcomes
}

export function firstLine(text: string | undefined): string {
  const line = (text ?? 'no message').split('\n').find((l) => l.trim() !== '') ?? 'no message'
  // Runner messages carry terminal colours.
  // eslint-disable-next-line no-control-regex
  return line.replace(/\u001b\[[0-9;]*m/g, '').trim().slice(0, 200)
}

/** A step that is not a test (lint, a build, starting a server): ok or failed, never counted as a test. */
export interface StepResult {
  title: string
  ok: boolean
  /** Why it failed, when it did (exit code, missing report). */
  detail?: string
}

export function stepsLine(steps: readonly StepResult[]): string {
  return `steps: ${steps.map((s) => `${s.title} ${s.ok ? 'ok' : `FAILED${s.detail ? ` (${s.detail})` : ''}`}`).join(', ')}`
}

/** The last line of `pnpm test`: one plain line of real totals. */
export function totalsLine(totals: Totals, steps: readonly StepResult[]): string {
  const failedSteps = steps.filter((s) => !s.ok).length
  return [
    `${totals.passed} passed`,
    `${totals.failed} failed`,
    `${totals.flaky} flaky`,
    ...(totals.skipped > 0 ? [`${totals.skipped} skipped`] : []),
    ...(failedSteps > 0 ? [`${failedSteps} ${failedSteps === 1 ? 'step' : 'steps'} failed`] : []),
  ].join(', ')
}

/** The command fails on any failed test or step; a flaky test is reported, by name, but fails nothing. */
export function exitCode(totals: Totals, steps: readonly StepResult[]): number {
  return totals.failed > 0 || steps.some((s) => !s.ok) ? 1 : 0
}
