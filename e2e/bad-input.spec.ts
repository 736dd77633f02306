import { expect, test } from '@playwright/test'
import { expectAccessible } from './support/a11y'
import { Demo, MiB, type GeneratedFile } from './support/demo'
import { expectStoredIdentical } from './support/expect-stored'
import { PROVIDERS, ROUTES, onBytes, setFaults, storeOf } from './support/server'

// What a person gets wrong, and a server that answers nonsense: each shows a sentence a person
// can act on, and leaves the other files of the same drop (or already uploading) untouched:
// they finish byte-identical. Limits come from the demo's query string (apps/demo/src/query-options.ts),
// which gives the drop zone and the uploader the same restrictions.
const run = Date.now().toString(36)
const file = (name: string, size: number, seed: number, type = 'application/octet-stream'): GeneratedFile => ({ name: `${run} ${name}`, size, seed, type })

test.afterEach(() => setFaults([]))

test('a file over the size limit is refused with the limit named; the others of the drop upload', async ({ page }) => {
  const demo = await Demo.open(page, 's3', { maxFileSize: MiB })
  const fine = file('small enough.bin', 300 * 1024, 61)
  const big = file('too big.bin', 2 * MiB, 62)
  await demo.dropFiles([fine, big])
  await expect(demo.refusals()).toHaveText([`${big.name}: This file is larger than 1 MiB.`])
  await expect(demo.row(big.name)).toHaveCount(0)
  await expectAccessible(page, 'refusal message')
  await demo.waitForStatus(fine.name, 'done')
  await expectStoredIdentical(demo, 's3', fine)
})

test('more files than allowed: the extra ones are refused with the count named; the first ones upload', async ({ page }) => {
  const demo = await Demo.open(page, 's3', { maxFiles: 2 })
  const files = [1, 2, 3, 4].map((n) => file(`file ${n} of 4.bin`, 10_000 + n, 70 + n))
  await demo.dropFiles(files)
  await expect(demo.refusals()).toHaveText([`${files[2]!.name}: Only 2 files can be added.`, `${files[3]!.name}: Only 2 files can be added.`])
  for (const refused of files.slice(2)) await expect(demo.row(refused.name)).toHaveCount(0)
  for (const taken of files.slice(0, 2)) {
    await demo.waitForStatus(taken.name, 'done')
    await expectStoredIdentical(demo, 's3', taken)
  }
})

test('a file of a type not accepted is refused with the accepted types named; the others upload', async ({ page }) => {
  const demo = await Demo.open(page, 's3', { accept: 'image/png,.txt' })
  const text = file('notes.txt', 2048, 81, 'text/plain')
  const image = file('picture.png', 4096, 82, 'image/png')
  const binary = file('program.exe', 4096, 83, 'application/x-msdownload')
  await demo.dropFiles([text, binary, image])
  await expect(demo.refusals()).toHaveText([`${binary.name}: This type of file is not accepted here (accepted: image/png, .txt).`])
  await expect(demo.row(binary.name)).toHaveCount(0)
  for (const taken of [text, image]) {
    await demo.waitForStatus(taken.name, 'done')
    await expectStoredIdentical(demo, 's3', taken)
  }
})

// A server answering garbage: a 200 whose body is an HTML page where the API answers JSON (tus
// answers its create with a Location header, which the garbage lacks), once, to the call that
// starts the small file's upload (a session, or the single request it goes in). The file started
// before keeps uploading and finishes byte-identical; the garbage one fails with a sentence.
for (const provider of PROVIDERS) {
  test(`${provider}: a server answering garbage to "create" fails that file with a clear message; the upload in flight finishes`, async ({ page }) => {
    const store = storeOf(provider)
    const demo = await Demo.open(page, provider, { partSize: 5 * MiB })
    const running = file(`${provider} already running.bin`, 12 * MiB, 91)
    const victim = file(`${provider} answered garbage.bin`, 4096, 92)
    // Parts held back a little, so the first file is still uploading when the second starts.
    await setFaults(onBytes(store, { latencyMs: 1000 }))
    await demo.dropFiles([running])
    await demo.waitForStatus(running.name, 'uploading')
    await setFaults([
      ...onBytes(store, { latencyMs: 1000 }),
      ...ROUTES[store]!.create.map((route) => ({ route, status: 200, contentType: 'text/html', body: '<!doctype html><title>Gateway</title><p>Something went wrong', times: 1 })),
    ])
    await demo.dropFiles([victim])
    await demo.waitForStatus(victim.name, 'error', 30_000)
    await expect(demo.row(victim.name).locator('[data-uplink-file-error-message]')).toHaveText('The server sent an answer that could not be understood. Retry in a moment.')
    await expect(demo.row(victim.name).locator('[data-uplink-error-code]')).toHaveText('bad-response', { useInnerText: false })
    await setFaults([])
    await demo.waitForStatus(running.name, 'done')
    await expectStoredIdentical(demo, provider, running)
  })
}
