import { expect, test } from '@playwright/test'
import { MiB, attachLogOnFailure, attemptsPerPart, emulator, expectStoredIdentical, faultProviders, fileRow, partRequests, partSessions, resendsOfAcknowledged, startPacedUpload, storedParts, testFile } from './support/faults'

/**
 * Reload the page mid-upload: the demo keeps its files (persistence.keepFiles) and adds them
 * back on load (restoreFiles), the engine resumes the session from its records and sends only
 * what the server does not hold: one session, no part the browser saw stored is sent again,
 * and at most the parts in flight at the reload are.
 */
const SIZE = 24 * MiB + 4321

// Playwright needs a destructuring pattern as the first argument, even with no fixture used.
// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  await attachLogOnFailure(testInfo)
  await emulator.clearFaults()
})

for (const [index, provider] of faultProviders.entries()) {
  test(`${provider.id}: reload mid-upload resumes and sends only what the server lacks`, async ({ page }) => {
    // (Archetype: a reload between the storage's 201 and the checkpoint call used to send that part
    // again; its resume now trusts the part token on record and sends it at complete.)
    const file = testFile('reload', provider.id, SIZE, 61_000 + index)
    // Paced so the reload lands with parts stored and parts still on their way.
    await startPacedUpload(page, provider, file, 'the reload')
    // Marked on the emulator's clock, the one its log is read with.
    const reloadAt = await emulator.now()
    await page.reload()
    const reloadedAt = await emulator.now() // the old page is gone: every part it started began before this
    await expect(fileRow(page, file.name)).toBeVisible()
    await emulator.clearFaults()
    await expectStoredIdentical(page, file)

    const log = await emulator.log()
    const parts = partRequests(log, provider)
    const storedBefore = storedParts(parts.filter((e) => e.at < reloadAt))
    // In flight at the reload: the old page's part requests not acknowledged when the reload was
    // asked for (cut by it, or answered while the page was being torn down: the page may never
    // have read or recorded that answer).
    const acked = (e: (typeof parts)[number]) => e.status >= 200 && e.status < 300 && !e.aborted && e.at < reloadAt
    const inFlight = parts.filter((e) => e.startedAt < reloadedAt && !acked(e))
    const counts = attemptsPerPart(parts)
    const resentParts = [...counts.values()].filter((n) => n > 1).length
    test.info().annotations.push({
      type: 'reload',
      description: `${storedBefore.length} parts stored before the reload, ${inFlight.length} in flight, ${parts.length} part requests in all, ${resentParts} parts sent twice`,
    })
    expect(storedBefore.length).toBeGreaterThanOrEqual(1)
    // One session: the reloaded page resumed it rather than starting a new upload.
    expect(partSessions(parts).size).toBe(1)
    // Nothing the browser saw acknowledged is sent again; at most the parts in flight are.
    expect(resendsOfAcknowledged(parts, reloadAt)).toEqual([])
    expect(resentParts).toBeLessThanOrEqual(inFlight.length)
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2)
  })
}
