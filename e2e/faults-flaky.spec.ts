import { expect, test } from '@playwright/test'
import { MiB, attachLogOnFailure, attemptsPerPart, dropFile, emulator, expectStoredIdentical, faultProviders, openDemo, partRequests, testFile } from './support/faults'

/**
 * Part requests fail as a flaky server and network make them: 10% answer 503 at random, and,
 * so every run meets each kind at least once, one 500, one reset after the whole body was read,
 * one answer cut after its headers (the part was stored, the page never heard), and one part
 * reset three times in a row. Drops the browser could hide (a reset while the body is still
 * going out, which Chromium silently sends again) are not used. Everything finishes
 * byte-identical, and every retry in the request log is one an injected fault explains.
 */
const SIZE = 24 * MiB + 3333
const ATTEMPTS = 5 // the engine's default retry policy (DEFAULT_RETRY.attempts)

// Playwright needs a destructuring pattern as the first argument, even with no fixture used.
// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  await attachLogOnFailure(testInfo)
  await emulator.clearFaults()
})

for (const [index, provider] of faultProviders.entries()) {
  test(`${provider.id}: 10% of part requests failing, resets and cut answers; byte-identical, retries bounded`, async ({ page }) => {
    const file = testFile('flaky', provider.id, SIZE, 91_000 + index)
    await openDemo(page, provider.id, 2)
    const route = provider.partRoute
    await emulator.setFaults([
      { route, failRate: 0.1, status: 503 },
      // Spaced out, so one part (tus sends them one after the other) does not meet them all.
      { route, status: 500, times: 1 },
      { route, resetAfterBody: true, skip: 2, times: 1 },
      { route, dropResponse: true, skip: 4, times: 1 },
      { route, resetAfterBody: true, streak: 3, skip: 6, times: 1 },
    ])
    await emulator.clearLog()
    await dropFile(page, file)
    await expectStoredIdentical(page, file, 90_000)

    const parts = partRequests(await emulator.log(), provider)
    const injected = (await emulator.faults()).reduce((sum, rule) => sum + rule.hits, 0)
    const counts = attemptsPerPart(parts)
    const retries = parts.length - counts.size
    test.info().annotations.push({ type: 'retries', description: `${parts.length} part requests for ${counts.size} parts: ${retries} retries, ${injected} injected faults` })
    // Every fault kind was met (the streak alone hits three times).
    expect(injected).toBeGreaterThanOrEqual(6)
    // Every retry answers an injected fault; none is sent for nothing, and no part runs out of attempts.
    expect(retries).toBeLessThanOrEqual(injected)
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(ATTEMPTS)
  })
}
