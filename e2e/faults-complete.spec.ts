import { expect, test } from '@playwright/test'
import { MiB, attachLogOnFailure, dropFile, emulator, expectStoredIdentical, faultProviders, openDemo, partRequests, testFile } from './support/faults'

/**
 * The page closes while `complete` is in flight: the server completed the upload but its answer
 * never reached the page. Reopened, the page brings the file back (kept files) and must find the
 * upload finished: no part sent again, no second session, one object on the server.
 * For tus the last PATCH is the completion.
 */
// Playwright needs a destructuring pattern as the first argument, even with no fixture used.
// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  await attachLogOnFailure(testInfo)
  await emulator.clearFaults()
})

for (const [index, provider] of faultProviders.entries()) {
  test(`${provider.id}: the page closed while complete is in flight; reopened, no re-upload and one object`, async ({ page, context }) => {
    // A size no other test (nor an earlier run: the data folder stays) uses, to find this object in the store's list.
    const size = 16 * MiB + ((Date.now() * 8 + index) % 500_000)
    const file = testFile('complete', provider.id, size, 71_000 + index)
    await openDemo(page, provider.id, 2)
    // The completion takes effect at once, and its answer is held back long after the page is gone.
    await emulator.setFaults([{ route: provider.completeRoute, holdAnswerMs: 8_000, ...(provider.id === 'tus' ? { skip: 3 } : {}), times: 1 }])
    await emulator.clearLog()
    await dropFile(page, file)
    await expect.poll(() => emulator.holding(provider.completeRoute), { message: 'the server completed the upload; its answer is held', timeout: 30_000 }).toBe(1)
    await page.close()
    const partsBefore = partRequests(await emulator.log(), provider).length

    const reopened = await context.newPage()
    await openDemo(reopened, provider.id, 2)
    await expectStoredIdentical(reopened, file)

    const log = await emulator.log()
    const parts = partRequests(log, provider)
    test.info().annotations.push({ type: 'complete', description: `${partsBefore} part requests before closing, ${parts.length - partsBefore} after reopening` })
    expect(parts.length - partsBefore).toBe(0)
    expect(log.filter((e) => provider.isCreate(e))).toHaveLength(1)
    expect((await emulator.list(provider.store)).filter((o) => o.size === size)).toHaveLength(1)
  })
}
