import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Reporter, SerializedError, TestCase, TestModule, TestSuite } from 'vitest/node'
import { type TestOutcome, firstLine, outcomeOf } from './outcomes'

/**
 * A Vitest reporter that writes one outcome per test case to `UPLINK_OUTCOMES_FILE`, with the
 * retries each needed. Vitest's own JSON reporter (4.1) counts a test that passed on a retry as
 * passed and has no retry count, so it cannot tell a flaky test from a sound one.
 */
export default class OutcomesReporter implements Reporter {
  private readonly file: string | undefined

  /** Vitest passes the reporter's options (`['path', { file }]` in a config); the env var is the CLI's way. */
  constructor(options?: { file?: string }) {
    this.file = options?.file ?? process.env.UPLINK_OUTCOMES_FILE
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    if (!this.file) throw new Error('OutcomesReporter: set UPLINK_OUTCOMES_FILE to the file to write')
    const outcomes = collectOutcomes(testModules, unhandledErrors)
    mkdirSync(path.dirname(this.file), { recursive: true })
    writeFileSync(this.file, JSON.stringify(outcomes, null, 1))
  }
}

export function collectOutcomes(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, suite = 'vitest'): TestOutcome[] {
  const outcomes: TestOutcome[] = []
  for (const module of testModules) {
    const where = `[${module.project.name}] ${module.relativeModuleId}`
    for (const test of module.children.allTests()) outcomes.push(outcomeOfCase(test, where, suite))
    // Errors outside any test: the file did not load, or a beforeAll/afterAll failed.
    for (const holder of [module, ...module.children.allSuites()] as Array<TestModule | TestSuite>) {
      for (const error of holder.errors()) {
        const scope = holder.type === 'module' ? where : `${where} › ${holder.fullName}`
        outcomes.push({ suite, name: `${scope} (outside any test: ${firstLine(error.message)})`, outcome: 'failed', retries: 0 })
      }
    }
  }
  for (const error of unhandledErrors) {
    outcomes.push({ suite, name: `unhandled error: ${firstLine(error.message)}`, outcome: 'failed', retries: 0 })
  }
  return outcomes
}

function outcomeOfCase(test: TestCase, where: string, suite: string): TestOutcome {
  const retries = test.diagnostic()?.retryCount ?? 0
  const result = test.result()
  const outcome = outcomeOf(result.state, retries)
  // A passed result keeps the errors of the attempts that failed before it (Vitest 4.1).
  const error = 'errors' in result ? result.errors?.[0] : undefined
  return {
    suite,
    name: `${where} › ${test.fullName}`,
    outcome,
    retries,
    ...(outcome !== 'passed' && error ? { firstFailure: firstLine(error.message) } : {}),
  }
}
