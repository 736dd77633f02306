import { randomBytes, randomInt } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { rename, writeFile } from 'node:fs/promises'
import type { FileMetadata } from './file-metadata'

/** A CDF file resource as the emulator keeps it. */
export interface StoredFile extends FileMetadata {
  id: number
  createdTime: number
  lastUpdatedTime: number
  /** When `uploaded` becomes true (epoch ms); set by a successful complete. */
  uploadedAt?: number
}

/** One `initmultipartupload` session. */
export interface UploadSession {
  uploadId: string
  /** URL- and folder-safe name of the session, used in part URLs. */
  key: string
  fileId: number
  parts: number
  completed: boolean
}

interface State {
  files: StoredFile[]
  sessions: UploadSession[]
}

/**
 * Files and sessions, in memory and mirrored to one JSON file after every change (writes are
 * queued so they land in order), so they survive an emulator restart. `uploaded` is derived
 * from `uploadedAt` when read, which is how the flag can flip "eventually" without timers.
 */
export function createCogniteState(file: string) {
  const state = load(file)
  let writing: Promise<void> = Promise.resolve()

  const save = () => {
    const snapshot = JSON.stringify(state)
    writing = writing.then(async () => {
      await writeFile(`${file}.tmp`, snapshot)
      await rename(`${file}.tmp`, file)
    })
    return writing
  }

  return {
    fileById: (id: number) => state.files.find((f) => f.id === id),
    fileByExternalId: (externalId: string) => state.files.find((f) => f.externalId === externalId),
    session: (uploadId: string) => state.sessions.find((s) => s.uploadId === uploadId),
    sessionByKey: (key: string) => state.sessions.find((s) => s.key === key),

    /** Public view of a file: the stored fields plus the derived `uploaded`/`uploadedTime`. */
    view(f: StoredFile, now = Date.now()) {
      const { uploadedAt, ...rest } = f
      const uploaded = uploadedAt !== undefined && now >= uploadedAt
      return { ...rest, labels: rest.labels ?? [], uploaded, ...(uploaded ? { uploadedTime: uploadedAt } : {}) }
    },

    async createFile(metadata: FileMetadata): Promise<StoredFile> {
      let id = randomInt(1, 2 ** 48)
      while (state.files.some((f) => f.id === id)) id = randomInt(1, 2 ** 48)
      const now = Date.now()
      const created: StoredFile = { ...metadata, id, createdTime: now, lastUpdatedTime: now }
      state.files.push(created)
      await save()
      return created
    },

    /** `overwrite=true`: metadata replaced wholesale, content (and `uploaded`) kept, assetIds only if sent. */
    async replaceMetadata(existing: StoredFile, metadata: FileMetadata): Promise<StoredFile> {
      const replaced: StoredFile = {
        ...metadata,
        ...(metadata.assetIds === undefined && existing.assetIds ? { assetIds: existing.assetIds } : {}),
        id: existing.id,
        createdTime: existing.createdTime,
        lastUpdatedTime: Date.now(),
        ...(existing.uploadedAt === undefined ? {} : { uploadedAt: existing.uploadedAt }),
      }
      state.files[state.files.indexOf(existing)] = replaced
      await save()
      return replaced
    },

    async createSession(fileId: number, parts: number): Promise<UploadSession> {
      const key = randomBytes(16).toString('hex')
      const session: UploadSession = { uploadId: Buffer.from(`uplink-cognite:${key}`).toString('base64'), key, fileId, parts, completed: false }
      state.sessions.push(session)
      await save()
      return session
    },

    async markCompleted(session: UploadSession, f: StoredFile, uploadedAt: number) {
      session.completed = true
      f.uploadedAt = uploadedAt
      f.lastUpdatedTime = Date.now()
      await save()
    },

    async deleteFile(f: StoredFile): Promise<UploadSession[]> {
      state.files.splice(state.files.indexOf(f), 1)
      const gone = state.sessions.filter((s) => s.fileId === f.id)
      state.sessions = state.sessions.filter((s) => s.fileId !== f.id)
      await save()
      return gone
    },
  }
}

export type CogniteState = ReturnType<typeof createCogniteState>

function load(file: string): State {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as State
  } catch {
    return { files: [], sessions: [] }
  }
}
