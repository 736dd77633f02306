import { randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

/** One stored part, as the sandbox API reports it. */
export interface UploadedPart {
  partNumber: number
  etag: string
  size: number
  uploadedAt: string
}

/** A multipart session (the sandbox API's MultipartUpload, minus its internal parts folder). */
export interface MultipartSession {
  uploadId: string
  /** Absolute destination path inside the sandbox. */
  path: string
  /** File mode as a number (420 = 0644). */
  permissions: number
  initiatedAt: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/**
 * Sessions on disk, under `<root>/<uploadId>/`: `session.json`, and per part `part-N.bin` +
 * `part-N.json`. Disk is the only truth, so sessions survive an emulator restart like the
 * sandbox API's do. Changes to one session are serialised in-process (parts may arrive in
 * parallel); part bytes are streamed to a temporary file first and renamed in under the lock.
 */
export function createSessionStore(root: string) {
  const locks = new Map<string, Promise<unknown>>()
  const dirOf = (uploadId: string) => path.join(root, uploadId)

  /** Run `task` after every earlier task on the same upload has settled. */
  function withLock<T>(uploadId: string, task: () => Promise<T>): Promise<T> {
    const previous = locks.get(uploadId) ?? Promise.resolve()
    const run = previous.then(task, task)
    const settled = run.catch(() => undefined)
    locks.set(uploadId, settled)
    void settled.then(() => {
      if (locks.get(uploadId) === settled) locks.delete(uploadId)
    })
    return run
  }

  async function get(uploadId: string): Promise<MultipartSession | null> {
    // Ids become folder names: anything but a v4 UUID cannot be a session.
    if (!UUID.test(uploadId)) return null
    try {
      return JSON.parse(await readFile(path.join(dirOf(uploadId), 'session.json'), 'utf8')) as MultipartSession
    } catch {
      return null
    }
  }

  async function parts(uploadId: string): Promise<UploadedPart[]> {
    const names = await readdir(dirOf(uploadId)).catch(() => [] as string[])
    const found = await Promise.all(
      names
        .filter((n) => /^part-\d+\.json$/.test(n))
        .map(async (n) => JSON.parse(await readFile(path.join(dirOf(uploadId), n), 'utf8')) as UploadedPart),
    )
    return found.sort((a, b) => a.partNumber - b.partNumber)
  }

  return {
    root,
    withLock,
    get,
    parts,
    partFile: (uploadId: string, partNumber: number) => path.join(dirOf(uploadId), `part-${partNumber}.bin`),
    /** A fresh file for incoming bytes, inside the session folder (same filesystem as the parts). */
    tempFile: (uploadId: string) => path.join(dirOf(uploadId), `incoming-${randomUUID()}.tmp`),

    async create(destination: string, permissions: number): Promise<MultipartSession> {
      const session: MultipartSession = { uploadId: randomUUID(), path: destination, permissions, initiatedAt: new Date().toISOString() }
      await mkdir(dirOf(session.uploadId), { recursive: true })
      await writeJsonAtomically(path.join(dirOf(session.uploadId), 'session.json'), session)
      return session
    },

    /** Move received bytes in as part N (overwriting an earlier N). Call under the lock. */
    async commitPart(uploadId: string, tempFile: string, part: UploadedPart) {
      await rename(tempFile, path.join(dirOf(uploadId), `part-${part.partNumber}.bin`))
      await writeJsonAtomically(path.join(dirOf(uploadId), `part-${part.partNumber}.json`), part)
    },

    async remove(uploadId: string) {
      await rm(dirOf(uploadId), { recursive: true, force: true })
    },

    async list(): Promise<Array<MultipartSession & { parts: Record<string, UploadedPart> }>> {
      const ids = await readdir(root).catch(() => [] as string[])
      const sessions = await Promise.all(
        ids.map(async (id) => {
          const session = await get(id)
          if (!session) return null
          const byNumber = Object.fromEntries((await parts(id)).map((p) => [String(p.partNumber), p]))
          return { ...session, parts: byNumber }
        }),
      )
      return sessions.filter((s) => s !== null)
    },
  }
}

export type SessionStore = ReturnType<typeof createSessionStore>

async function writeJsonAtomically(file: string, value: unknown) {
  const temp = `${file}.${randomUUID()}.tmp`
  await writeFile(temp, JSON.stringify(value))
  await rename(temp, file)
}
