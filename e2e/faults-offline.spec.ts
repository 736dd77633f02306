import { expect, test } from '@playwright/test'
import { MiB, attachLogOnFailure, emulator, expectStoredIdentical, faultProviders, fileRow, startPacedUpload, testFile } from './support/faults'

/**
 * Offline for 10 s mid-upload. Playwright's offline mode only stops new requests (bodies already
 * flowing on loopback carry on), so the emulator cuts every request in flight at that moment, as
 * a lost network would. The upload waits (nothing is sent while offline: the request log's
 * arrival times against the offline window) and finishes by itself once online, byte-identical.
 */
const SIZE = 24 * MiB + 999
/** How long the network stays away: the scenario itself, not a wait for something to happen. */
const OFFLINE_MS = 10_000

test.afterEach(async ({ context }, testInfo) => {
  await context.setOffline(false)
  await attachLogOnFailure(testInfo)
  await emulator.clearFaults()
})

for (const [index, provider] of faultProviders.entries()) {
  test(`${provider.id}: offline 10 s mid-upload, parts in flight cut; waits, sends nothing, finishes by itself`, async ({ page, context }) => {
    const file = testFile('offline', provider.id, SIZE, 81_000 + index)
    await startPacedUpload(page, provider, file, 'the network goes')

    await context.setOffline(true)
    const offlineAt = Date.now()
    const cut = await emulator.resetInFlight()
    const cutAt = Date.now()
    await expect(fileRow(page, file.name)).toHaveAttribute('data-paused-by', 'offline')
    await page.waitForTimeout(OFFLINE_MS - (Date.now() - offlineAt))
    const onlineAt = Date.now()
    await context.setOffline(false)
    await expectStoredIdentical(page, file)

    const log = await emulator.log()
    // A request the browser sent just before it went offline can reach the emulator a moment after
    // `offlineAt` (both read this machine's clock); such a request was in flight, so the reset cut
    // it. Any other request logged in the window was sent while offline.
    const sentBefore = (e: (typeof log)[number]) => e.startedAt <= cutAt && e.aborted === true
    const whileOffline = log.filter((e) => e.startedAt >= offlineAt && e.startedAt <= onlineAt && !sentBefore(e))
    test.info().annotations.push({ type: 'offline', description: `${cut} connections cut at going offline; ${log.length} requests in all` })
    expect(whileOffline).toEqual([])
    expect(log.filter((e) => provider.isCreate(e))).toHaveLength(1)
  })
}
