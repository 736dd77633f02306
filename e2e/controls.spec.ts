import { expect, test } from '@playwright/test'
import { clearRequestLog } from './emulator'
import { expectAccessible } from './support/a11y'
import { Demo, MiB } from './support/demo'
import { expectStoredIdentical } from './support/expect-stored'
import { ABORTS, PROVIDERS, listStore, onBytes, partsHeldBack, requestLog, sessionOpened, setFaults, storeOf } from './support/server'

// Pause and resume, cancel, and retry after a failure, through each row's own buttons, for every
// storage, with files over the 8 MiB single-request limit (multipart everywhere). Parts are held
// back by the emulator (added latency on the part route) so each button is pressed while parts
// are really in flight; no fixed sleep decides when.
const run = crypto.randomUUID().slice(0, 8) // keeps this run's stores apart from earlier runs'
const PART = 5 * MiB

/**
 * Wait until the emulator holds one of the store's part requests back: a part is in flight on the
 * server. The row says "uploading" well before that (session, URLs, hashing, the CORS preflight),
 * and a button pressed in that gap stops parts the server never saw.
 */
const partInFlight = (store: string) => expect.poll(() => partsHeldBack(store), { message: `${store}: a part request held back on the server`, intervals: [50] }).toBeGreaterThan(0)

test.afterEach(() => setFaults([]))

for (const [index, provider] of PROVIDERS.entries()) {
  test(`${provider}: pause then resume finishes byte-identical; cancel aborts the server session; Retry after a failure finishes byte-identical`, async ({ page }) => {
    test.setTimeout(120_000)
    const store = storeOf(provider)
    const demo = await Demo.open(page, provider, { partSize: PART })
    const seed = 50_000 + 100 * index

    // Pause while parts are in flight, then resume: the file finishes, byte for byte.
    await setFaults(onBytes(store, { latencyMs: 1000 }))
    await clearRequestLog()
    const paused = { name: `${run} ${provider} paused then resumed.bin`, size: 2 * PART + 123, seed }
    await demo.dropFiles([paused])
    await demo.waitForStatus(paused.name, 'uploading')
    await partInFlight(store)
    await demo.press(paused.name, 'pause')
    await demo.waitForStatus(paused.name, 'paused')
    // Paused means paused: it does not finish on its own while the parts held back are let go.
    await setFaults([])
    await expect(demo.row(paused.name)).toHaveAttribute('data-status', 'paused')
    // The parts held back at the pause are let go and reach their end on the server (the log
    // records a request when it ends): the file still does not finish on its own.
    await expect
      .poll(async () => (await requestLog()).some((r) => r.method === 'PUT' || r.method === 'PATCH'), { message: `${provider}: the held-back parts ended` })
      .toBe(true)
    await expect(demo.row(paused.name)).toHaveAttribute('data-status', 'paused')
    await demo.press(paused.name, 'resume')
    await demo.waitForStatus(paused.name, 'done')
    await expectStoredIdentical(demo, provider, paused)

    // Cancel while parts are in flight: the row says cancelled, the API's abort was sent and
    // answered, the server holds no session for it any more, and nothing was stored.
    await setFaults(onBytes(store, { latencyMs: 1000 }))
    await clearRequestLog()
    const cancelled = { name: `${run} ${provider} cancelled.bin`, size: 2 * PART + 7, seed: seed + 1 }
    await demo.dropFiles([cancelled])
    // Cancel once the server holds a session (its parts held back): there is something to abort.
    await expect.poll(() => sessionOpened(store), { message: `${provider}: session opened` }).toBe(true)
    await partInFlight(store)
    const abort = ABORTS[store]!
    let openBefore: string | undefined
    if (abort.idBeforeAbort && abort.isOpen) {
      await expect.poll(async () => (openBefore = abort.idBeforeAbort!(await requestLog())), { message: `${provider}: session id` }).toEqual(expect.any(String))
      expect(await abort.isOpen(decodeURIComponent(openBefore!)), `${provider}: session ${openBefore} open before the cancel`).toBe(true)
    }
    await demo.press(cancelled.name, 'cancel')
    await demo.waitForStatus(cancelled.name, 'cancelled')
    await expect.poll(async () => (await requestLog()).filter((r) => r.method === abort.method && abort.path.test(r.path)).map((r) => r.status), { message: `${provider}: abort request` }).toEqual([expect.any(Number)])
    const sent = (await requestLog()).find((r) => r.method === abort.method && abort.path.test(r.path))!
    expect(sent.status, `${provider}: ${sent.method} ${sent.path}`).toBeLessThan(300)
    if (abort.isOpen) {
      const id = decodeURIComponent(sent.path.match(abort.path)![1]!)
      if (openBefore !== undefined) expect(id).toBe(decodeURIComponent(openBefore))
      expect(await abort.isOpen(id), `${provider}: session ${id} still open after the abort`).toBe(false)
    }
    await setFaults([])
    expect((await listStore(store)).filter((o) => o.key.includes(cancelled.name))).toEqual([])

    // A part refused once with an answer no retry can help (400): the row fails with a readable
    // message; Retry sends it again and it finishes byte-identical.
    await setFaults(onBytes(store, { status: 400, body: '{"error":"injected refusal"}', times: 1 }))
    const retried = { name: `${run} ${provider} failed then retried.bin`, size: 2 * PART + 99, seed: seed + 2 }
    await demo.dropFiles([retried])
    await demo.waitForStatus(retried.name, 'error')
    await expect(demo.row(retried.name).locator('[data-uplink-file-error-message]')).toContainText(/\w/)
    if (index === 0) await expectAccessible(page, 'failed')
    await demo.press(retried.name, 'retry')
    await demo.waitForStatus(retried.name, 'done')
    await expectStoredIdentical(demo, provider, retried)
  })
}
