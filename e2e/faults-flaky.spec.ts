import { expect, test } from '@playwright/test'
import { MiB, attachLogOnFailure, dropFile, emulator, expectStoredIdentical, failedRequest, faultProviders, fileRow, openDemo, partKey, partRequests, testFile } from './support/faults'
import type { LoggedRequest } from './support/faults'

/**
 * Part requests fail as a flaky server and network make them: 503s drawn at random (10%, from a
 * seeded sequence, at most once per part), and, so every run meets each kind, one 500, one reset
 * after the whole body was read, one answer cut after its headers (the part was stored, the page
 * never heard), and one part reset three times in a row, each of these on a part of its own.
 * So no part meets more than four failures (a streak of three and one 503), one less than the
 * retry policy's attempts, in whatever order the parts arrive: every upload finishes.
 * Every fault reaches the page: the emulator starts an answer before any reset, so Chromium
 * cannot silently send the request again on a fresh connection (which it does when a reused
 * connection dies before any answer; the log would show requests the engine never made).
 * Checked, from the request log: byte-identical; each part took effect and was re-sent only
 * after a failure; every failure is an injected fault (or tus's 409 to a PATCH re-sent after its
 * cut answer); no part over the policy's attempts.
 */
const SIZE = 24 * MiB + 3333
/**
 * Seed of the random 503s: its sequence falls under 10 % at the 6th, 8th and 9th request, after
 * the fixed faults' first hits (the 5th and 7th are mostly the streak's repeats, already failed).
 */
const SEED = 261
/** Attempts per part under the engine's default retry policy (DEFAULT_RETRY.attempts, the first included). */
const ATTEMPTS = 5

// Playwright needs a destructuring pattern as the first argument, even with no fixture used.
// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  await attachLogOnFailure(testInfo)
  await emulator.clearFaults()
})

/** Each part's requests in the order they arrived. */
function attemptsByPart(parts: LoggedRequest[]): Map<string, LoggedRequest[]> {
  const byPart = new Map<string, LoggedRequest[]>()
  for (const part of [...parts].sort((a, b) => a.startedAt - b.startedAt)) byPart.set(partKey(part), [...(byPart.get(partKey(part)) ?? []), part])
  return byPart
}

const describe = (e: LoggedRequest) => `${e.status}${e.aborted ? ' aborted' : ''}`

for (const provider of faultProviders) {
  test(`${provider.id}: 10% of part requests failing, resets and cut answers; byte-identical, retries bounded`, async ({ page }) => {
    const file = testFile('flaky', provider.id, SIZE, 91_000 + faultProviders.indexOf(provider))
    await openDemo(page, provider.id, 2)
    const route = provider.partRoute
    // Listed first, the fixed faults take a request before the random 503 can (one failure per request).
    await emulator.setFaults([
      { route, resetAfterBody: true, streak: 3, times: 1, distinctParts: true },
      { route, status: 500, times: 1, distinctParts: true },
      { route, resetAfterBody: true, times: 1, distinctParts: true },
      { route, dropResponse: true, times: 1, distinctParts: true },
      { route, failRate: 0.1, status: 503, seed: SEED, perPart: 1 },
    ])
    await emulator.clearLog()
    await dropFile(page, file)
    await expectStoredIdentical(page, file, 90_000)

    const parts = partRequests(await emulator.log(), provider)
    const rules = await emulator.faults()
    const fixed = rules.slice(0, -1)
    const random = rules.at(-1)!
    const injected = rules.reduce((sum, rule) => sum + rule.hits, 0)
    const byPart = attemptsByPart(parts)
    const failed = parts.filter(failedRequest).length
    // Reported, not asserted (timing): the shortest wait before a part cut with no answer went out
    // again. The engine waits at least 1 s (NETWORK_RETRY_FLOOR_MS); a browser's silent re-send
    // goes within milliseconds.
    const gaps = [...byPart.values()].flatMap((attempts) => attempts.slice(1).map((next, i) => ({ cut: attempts[i]!.aborted === true, gap: next.startedAt - attempts[i]!.at })))
    const shortest = Math.min(...gaps.filter((g) => g.cut).map((g) => g.gap))
    test.info().annotations.push({ type: 'retries', description: `${parts.length} part requests for ${byPart.size} parts: ${failed} failed; ${random.hits} random 503s, ${injected} injected faults; max ${Math.max(...[...byPart.values()].map((a) => a.length))} attempts on a part; shortest wait after a cut: ${shortest} ms` })
    // Every fixed kind was met, each once (the streak three times).
    expect(fixed.map((rule) => rule.hits)).toEqual([3, 1, 1, 1])
    for (const [key, attempts] of byPart) {
      const seen = `${key}: ${attempts.map(describe).join(', ')}`
      // The part took effect (2xx, heard or cut) and was sent again only after a failure: never
      // after an answer the page heard.
      expect(attempts.some((e) => e.status >= 200 && e.status < 300), seen).toBe(true)
      expect(attempts.slice(0, -1).every(failedRequest), seen).toBe(true)
      expect(attempts.length, seen).toBeLessThanOrEqual(ATTEMPTS)
    }
    // tus: a PATCH re-sent after its answer was cut meets 409 (the server already holds those
    // bytes; the client then asks HEAD for the offset). The only failure no fault injected.
    const conflicts = parts.filter((e) => e.status === 409)
    for (const conflict of conflicts) {
      const attempts = byPart.get(partKey(conflict))!
      const before = attempts[attempts.indexOf(conflict) - 1]
      expect(before && `${describe(before)} then 409`, partKey(conflict)).toMatch(/^2\d\d aborted then 409$/)
    }
    // Every other failure the log shows is one injected fault, and every injected fault reached
    // the page as one failure (none hidden by the browser, no request failed for nothing).
    expect(failed - conflicts.length).toBe(injected)
  })
}

test(`s3: a part refused ${ATTEMPTS} times in a row fails the file after exactly ${ATTEMPTS} attempts`, async ({ page }) => {
  const provider = faultProviders.find((p) => p.id === 's3')!
  const file = testFile('flaky-exhausted', provider.id, 12 * MiB, 91_100)
  await openDemo(page, provider.id, 1)
  await emulator.setFaults([{ route: provider.partRoute, status: 503, streak: ATTEMPTS, skip: 1, times: 1 }])
  await emulator.clearLog()
  await dropFile(page, file)
  await expect(fileRow(page, file.name)).toHaveAttribute('data-status', 'error', { timeout: 60_000 })

  const byPart = attemptsByPart(partRequests(await emulator.log(), provider))
  // The first part went through; the second was refused on every attempt the policy gives, and
  // no more was sent after the last (the third part never went out: one lane).
  expect([...byPart.values()].map((attempts) => attempts.map((e) => e.status))).toEqual([[200], Array(ATTEMPTS).fill(503)])
})
