import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { resolveInside } from './safe-path'

/**
 * A vendor's finished objects on disk, under `<dataDir>/<vendor>/objects/`. Keys are the
 * vendor's own names for objects (paths, ids); they are confined to that folder.
 */
export function createObjectStore(dataDir: string, vendor: string) {
  const root = path.join(dataDir, vendor, 'objects')

  const locate = (key: string) => {
    const file = resolveInside(root, key)
    if (!file) throw new Error(`key escapes the data folder: ${key}`)
    return file
  }

  return {
    root,
    locate,
    async write(key: string, bytes: Uint8Array | Buffer) {
      const file = locate(key)
      await mkdir(path.dirname(file), { recursive: true })
      await writeFile(file, bytes)
      return file
    },
    /** Every stored object, newest first (keys relative to the vendor's folder). */
    async list(): Promise<Array<{ key: string; size: number; modifiedAt: string }>> {
      const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => [])
      const files = await Promise.all(
        entries
          .filter((e) => e.isFile())
          .map(async (e) => {
            const file = path.join(e.parentPath, e.name)
            const info = await stat(file)
            return { key: path.relative(root, file).split(path.sep).join('/'), size: info.size, modifiedAt: info.mtime.toISOString() }
          }),
      )
      return files.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt))
    },
    /** Size and SHA-256 of a stored object, read back from disk; null when absent. */
    async inspect(key: string): Promise<{ key: string; size: number; sha256: string } | null> {
      const file = resolveInside(root, key)
      if (!file) return null
      try {
        const info = await stat(file)
        if (!info.isFile()) return null
      } catch {
        return null
      }
      const hash = createHash('sha256')
      let size = 0
      for await (const chunk of createReadStream(file)) {
        size += (chunk as Buffer).length
        hash.update(chunk as Buffer)
      }
      return { key, size, sha256: hash.digest('hex') }
    },
  }
}

export type ObjectStore = ReturnType<typeof createObjectStore>
