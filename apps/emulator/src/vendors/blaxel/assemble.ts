import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { chmod, mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'

/**
 * Concatenate part files, in the given order (repeats included), into `destination` with
 * file mode `mode`; parent folders are created 0755. Written beside the destination and
 * renamed over it, so a failed completion never leaves half a file behind.
 */
export async function assembleParts(destination: string, partFiles: string[], mode: number): Promise<void> {
  await mkdir(path.dirname(destination), { recursive: true, mode: 0o755 })
  const temp = path.join(path.dirname(destination), `.${path.basename(destination)}.${randomUUID()}.assembling`)
  try {
    const out = createWriteStream(temp)
    for (const file of partFiles) await pipeline(createReadStream(file), out, { end: false })
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
    // Owner read/write stays on whatever was asked, so the emulator can always read its objects back.
    await chmod(temp, (mode & 0o7777) | 0o600)
    await rename(temp, destination)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
