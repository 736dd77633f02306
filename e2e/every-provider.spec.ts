import { expect, test } from '@playwright/test'
import { dropGeneratedFile } from './drop'
import { fillPseudoRandom, sha256Hex } from './generated-file'

const MiB = 1024 * 1024
const providers = ['s3', 's3-crc32c', 'tus', 'blaxel', 'cognite', 'drime', 'archetype', 'gjirafa']
/** The emulator's store behind each choice of the demo (apps/demo/src/providers.ts). */
const providerStore = (provider: string) => (provider.startsWith('s3') ? 's3' : provider)
const EMULATOR = 'http://127.0.0.1:4600'
const TOKEN = 'uplink-dev-token'

/** What a store lists (the emulator's /__list, the same list the demo shows). */
async function listStore(store: string): Promise<Array<{ key: string; size: number; modifiedAt: string }>> {
  return (await (await fetch(`${EMULATOR}/__list/${store}`)).json()) as Array<{ key: string; size: number; modifiedAt: string }>
}

/**
 * The file name the server itself records for a stored object, asked through the vendor's own
 * API where the key is an id (tus: the upload's `filename` metadata; Cognite: the file's `name`),
 * else the last segment of the key.
 */
async function serverFileName(store: string, key: string): Promise<string> {
  if (store === 'tus') {
    const head = await fetch(`${EMULATOR}/tus/files/${encodeURIComponent(key)}`, {
      method: 'HEAD',
      headers: { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${TOKEN}` },
    })
    const pairs = (head.headers.get('Upload-Metadata') ?? '').split(',').map((pair) => pair.trim().split(' '))
    const encoded = pairs.find(([name]) => name === 'filename')?.[1]
    return encoded === undefined ? '' : Buffer.from(encoded, 'base64').toString('utf8')
  }
  if (store === 'cognite') {
    const response = await fetch(`${EMULATOR}/cognite/api/v1/projects/demo/files/${encodeURIComponent(key)}`, { headers: { Authorization: `Bearer ${TOKEN}` } })
    return ((await response.json()) as { name?: string }).name ?? ''
  }
  return key.split('/').pop() ?? ''
}

// The demo switches between every API the emulator serves; each upload must land byte-identical
// and appear in the server-side list (TanStack Query, refetched when the upload finishes).
for (const [index, provider] of providers.entries()) {
  test(`the demo uploads through ${provider}, byte-identical, and lists it`, async ({ page }) => {
    const file = { name: `demo-${provider}-${Date.now()}.bin`, size: 11 * MiB + 321, seed: 7_000 + index, type: 'application/octet-stream' }
    const expected = sha256Hex(fillPseudoRandom(new Uint8Array(file.size), file.seed))

    await page.goto('/')
    await page.getByTestId('provider-select').selectOption(provider)
    await expect(page.getByTestId('server-files')).toContainText(`Already on the server`)
    await dropGeneratedFile(page, '[data-uplink-dropzone]', file)

    const item = page.locator('[data-uplink-file]', { hasText: file.name })
    await expect(item).toHaveAttribute('data-status', 'done', { timeout: 90_000 })
    const stored = page.getByTestId('stored-object').filter({ hasText: file.name })
    await expect(stored.getByTestId('stored-sha256')).toHaveText(expected, { timeout: 15_000 })
    await expect(stored.getByTestId('stored-size')).toHaveText(String(file.size))

    // The server's list holds this very object: the key the upload produced (a path, or an id
    // for tus and Cognite), with the file's size, under the file's name as the server records
    // it; and the demo's list shows that key once the upload finished.
    const key = (await stored.getByTestId('stored-key').textContent()) ?? ''
    expect(key).not.toBe('')
    const store = providerStore(provider)
    // Lists name objects relative to the store's root (Blaxel's key is an absolute sandbox path).
    const listedKey = key.replace(/^\/+/, '')
    expect((await listStore(store)).filter((o) => o.key === listedKey)).toEqual([{ key: listedKey, size: file.size, modifiedAt: expect.any(String) }])
    expect(await serverFileName(store, key)).toBe(file.name)
    await expect(page.getByTestId('server-file').filter({ has: page.getByText(listedKey, { exact: true }) })).toHaveCount(1)
  })
}
