import { expect, test } from '@playwright/test'
import { expectAccessible } from './support/a11y'
import { Demo, MiB, writeFiles, type GeneratedFile } from './support/demo'
import { expectStoredIdentical } from './support/expect-stored'
import { PROVIDERS } from './support/server'

// Every storage of the demo, as a person uses it: a batch dragged onto the zone, then a batch
// picked with the "Choose files" button, each a mix of an empty file, 1 KiB, 7 MiB (and 64 MiB
// in the drop, made in the page) under names with spaces, accents, emoji and right-to-left
// text. Every stored object is the file byte for byte (SHA-256 and size computed by the
// emulator from the stored bytes), listed once by the server, under the file's name.
const run = Date.now().toString(36)

const dropped = (tag: string, seed: number): GeneratedFile[] => [
  { name: `${run} ${tag} empty file.txt`, size: 0, seed, type: 'text/plain' },
  { name: `${run} ${tag} résumé déjà vu.txt`, size: 1024, seed: seed + 1, type: 'text/plain' },
  { name: `${run} ${tag} 📦 box 🚀.bin`, size: 7 * MiB, seed: seed + 2 },
  { name: `${run} ${tag} تقرير سنوي.bin`, size: 64 * MiB + 17, seed: seed + 3 },
]
const picked = (tag: string, seed: number): GeneratedFile[] => [
  { name: `${run} ${tag} nothing here.txt`, size: 0, seed: seed + 4 },
  { name: `${run} ${tag} naïve Ångström.bin`, size: 1024, seed: seed + 5 },
  { name: `${run} ${tag} 🎉 party.bin`, size: 7 * MiB + 3, seed: seed + 6 },
  { name: `${run} ${tag} שלום עולם.txt`, size: 1024 + 1, seed: seed + 7 },
]

for (const [index, provider] of PROVIDERS.entries()) {
  test(`${provider}: dropped and picked files (0 B to 64 MiB, any script in the name) are stored byte-identical and listed`, async ({ page }) => {
    test.setTimeout(240_000)
    // The first storage also checks axe while idle, uploading and done; the second in dark theme.
    const checkA11y = index < 2
    const demo = await Demo.open(page, provider, index === 1 ? { theme: 'dark' } : {})
    if (checkA11y) await expectAccessible(page, index === 1 ? 'idle, dark theme' : 'idle')

    const drop = dropped(provider, 1_000 * (index + 1))
    await demo.dropFiles(drop)
    if (checkA11y) {
      await demo.waitForStatus(drop[3]!.name, 'uploading')
      await expectAccessible(page, index === 1 ? 'uploading, dark theme' : 'uploading')
    }
    for (const file of drop) await demo.waitForStatus(file.name, 'done')
    for (const file of drop) await expectStoredIdentical(demo, provider, file)

    const pick = picked(provider, 1_000 * (index + 1))
    await demo.pickFiles(await writeFiles(`picked-${provider}`, pick))
    for (const file of pick) await demo.waitForStatus(file.name, 'done')
    const keys: string[] = []
    for (const file of pick) keys.push(await expectStoredIdentical(demo, provider, file))

    // The demo's own list of the store (newest first, refetched as uploads land) shows the last one.
    const newest = keys.at(-1)!.replace(/^\/+/, '')
    await expect(page.getByTestId('server-file').filter({ has: page.getByText(newest, { exact: true }) })).toHaveCount(1)
    if (checkA11y) await expectAccessible(page, index === 1 ? 'done, dark theme' : 'done, server copies open')
  })
}
