import type { FileInput } from '../files/add-files'
import { readKeptFile } from '../persistence/kept-files'
import type { ScopeStorage } from '../persistence/records'

/**
 * The kept files of this scope as files to add again (restoreFiles), skipping those whose key is
 * `present` already and those whose bytes cannot be read (a handle whose permission lapsed).
 */
export async function keptInputs(storage: ScopeStorage, present: ReadonlySet<string>, requestPermission: boolean): Promise<FileInput[]> {
  const inputs: FileInput[] = []
  for (const kept of await storage.listKept()) {
    if (present.has(kept.key)) continue
    const file = await readKeptFile(kept, requestPermission).catch(() => undefined)
    if (!file) continue
    inputs.push({
      file,
      name: kept.name,
      lastModified: file.lastModified,
      ...(kept.relativePath ? { relativePath: kept.relativePath } : {}),
      ...(kept.handle ? { handle: kept.handle } : {}),
    })
  }
  return inputs
}
