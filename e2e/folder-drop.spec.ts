import { expect, test } from '@playwright/test'
import { Demo, writeFiles, writtenFolder, type GeneratedFile } from './support/demo'
import { expectStoredIdentical } from './support/expect-stored'
import { PROVIDERS, serverFileName, storeOf } from './support/server'

// A folder with nested folders dropped from disk (Chromium's own drag input, so the page walks
// real directory entries). Where the API stores paths, each file lands under its path relative
// to the dropped folder, exactly; where it stores only a name, under its name.
//   paths:  S3 (key "uploads/<random folder>/<path>": the signer's prefix and per-upload folder), tus (the upload's
//           `filename` metadata), Blaxel ("/tmp/uploads/<path>" in the sandbox), Drime (drive path)
//   names:  Cognite (a file resource's `name`), Archetype AI (file name), Gjirafa (file name)
const run = Date.now().toString(36)
const STORES_PATHS = new Set(['s3', 'tus', 'blaxel', 'drime'])
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The exact key (or recorded name, for tus) a file at `path` must have in each store. */
const expectedKey: Record<string, (path: string) => RegExp> = {
  // The emulator's signer puts uploads under the prefix "uploads/", then a random folder per upload.
  s3: (path) => new RegExp(`^uploads/[0-9a-f-]{36}/${escape(path)}$`),
  blaxel: (path) => new RegExp(`^/tmp/uploads/${escape(path)}$`),
  drime: (path) => new RegExp(`^${escape(path)}$`),
}

for (const [index, provider] of PROVIDERS.filter((p) => p !== 's3-crc32c').entries()) {
  const store = storeOf(provider)
  const keepsPaths = STORES_PATHS.has(store)
  test(`${provider}: a dropped folder tree is stored ${keepsPaths ? 'under each file’s relative path' : 'under each file’s name (the API stores no paths)'}`, async ({ page }) => {
    const root = `${run} ${provider} trip`
    const tree: Array<GeneratedFile & { relativePath: string }> = [
      { relativePath: `${root}/read me.txt`, size: 1024, seed: 300 + index },
      { relativePath: `${root}/été 🌞/day 1/plage.bin`, size: 300 * 1024, seed: 310 + index },
      { relativePath: `${root}/رحلة/notes.txt`, size: 3000, seed: 320 + index },
      // The same name in two folders: only a store that keeps paths can hold both.
      ...(keepsPaths ? [{ relativePath: `${root}/été 🌞/read me.txt`, size: 2048, seed: 330 + index }] : []),
    ].map((f) => ({ ...f, name: f.relativePath.split('/').pop()! }))
    await writeFiles(`folder-${provider}`, tree)

    const demo = await Demo.open(page, provider)
    await demo.dropPaths([`${writtenFolder(`folder-${provider}`)}/${root}`])
    for (const file of tree) await demo.waitForStatus(file.relativePath, 'done')
    for (const file of tree) {
      const key = await expectStoredIdentical(demo, provider, file, file.relativePath, store === 'tus' ? file.relativePath : file.name)
      if (expectedKey[store]) expect(key).toMatch(expectedKey[store](file.relativePath))
      if (store === 'tus') expect(await serverFileName(store, key)).toBe(file.relativePath)
    }
  })
}
