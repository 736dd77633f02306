import { expect } from '@playwright/test'
import type { Demo, GeneratedFile } from './demo'
import { expectedSha256 } from './demo'
import { listStore, serverFileName, storeOf } from './server'

/**
 * A finished row is the file, byte for byte, on the server: the SHA-256 and size the emulator
 * computes from the stored bytes (shown in the row's "Server copy") equal the file's; the
 * store lists exactly one object under that key with that size; and the server records the
 * file under its name (`name`, or the relative path where the API stores paths). Returns the key.
 */
export async function expectStoredIdentical(demo: Demo, provider: string, file: GeneratedFile, shown = file.name, recorded = file.name): Promise<string> {
  const stored = await demo.stored(shown)
  expect(stored, `${provider}: ${shown}`).toEqual({ key: expect.any(String), size: file.size, sha256: expectedSha256(file) })
  const store = storeOf(provider)
  // Lists name objects relative to the store's root (Blaxel's key is an absolute sandbox path).
  const listedKey = stored.key.replace(/^\/+/, '')
  expect((await listStore(store)).filter((o) => o.key === listedKey)).toEqual([{ key: listedKey, size: file.size, modifiedAt: expect.any(String) }])
  expect(await serverFileName(store, stored.key)).toBe(recorded)
  return stored.key
}
