import type { SerializedUploadError } from '../errors'
import type { UploadFileState, UploaderState } from '../store/state'
import type { FileInfo } from '../types'
import { type Restrictions, checkRestrictions } from './restrictions'

/** What can be added: a File, or any Blob with a name (and a path inside a dropped folder). */
export type FileInput =
  | File
  | {
      file: Blob
      name: string
      relativePath?: string
      lastModified?: number
      /** The File System Access handle it came from, if any (kept for resume without a new pick). */
      handle?: FileSystemFileHandle
    }

export interface RejectedFile {
  name: string
  size: number
  error: SerializedUploadError
}

export interface AddFilesResult {
  ids: string[]
  rejected: RejectedFile[]
}

export interface AcceptedFile {
  state: UploadFileState
  blob: Blob
  info: FileInfo
  handle: FileSystemFileHandle | undefined
}

// File ids: one random prefix per page, then a counter. crypto.randomUUID() per file cost ~3 µs
// each in Chromium (30 ms for 10,000 files, on the main thread); this costs next to nothing.
let idCounter = 0
let idPrefix: string | undefined
const newId = () => {
  idPrefix ??= randomPrefix()
  return `${idPrefix}-${(++idCounter).toString(36)}`
}

function randomPrefix(): string {
  if (typeof crypto === 'undefined' || !('getRandomValues' in crypto)) return `f${Date.now().toString(36)}`
  return Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** Normalise inputs, apply the restrictions in order, and build the initial state of each. */
export function prepareFiles(
  inputs: Iterable<FileInput>,
  state: UploaderState,
  restrictions: Restrictions | undefined,
): { accepted: AcceptedFile[]; rejected: RejectedFile[] } {
  const accepted: AcceptedFile[] = []
  const rejected: RejectedFile[] = []
  const current = { count: 0, totalSize: 0 }
  if (restrictions) {
    for (const id of state.order) {
      const file = state.files[id]!
      if (file.status === 'cancelled') continue
      current.count++
      current.totalSize += file.size
    }
  }
  const now = Date.now()
  for (const input of inputs) {
    const blob = input instanceof Blob ? input : input.file
    const name = input instanceof Blob ? input.name : input.name
    const relativePath = input instanceof Blob ? input.webkitRelativePath || undefined : input.relativePath
    const lastModified = input instanceof Blob ? input.lastModified : (input.lastModified ?? (blob instanceof File ? blob.lastModified : now))
    const refusal = restrictions ? checkRestrictions({ name, size: blob.size, type: blob.type }, restrictions, current) : undefined
    if (refusal) {
      rejected.push({ name, size: blob.size, error: refusal.toJSON() })
      continue
    }
    current.count++
    current.totalSize += blob.size
    const info: FileInfo = { name, size: blob.size, type: blob.type, lastModified, ...(relativePath ? { relativePath } : {}) }
    accepted.push({
      blob,
      info,
      handle: input instanceof Blob ? undefined : input.handle,
      state: {
        id: newId(),
        name,
        size: blob.size,
        type: blob.type,
        relativePath,
        status: 'queued',
        pausedBy: undefined,
        bytesSent: 0,
        partsTotal: 0,
        partsDone: 0,
        speed: 0,
        etaSeconds: undefined,
        sha256: undefined,
        error: undefined,
        result: undefined,
        addedAt: now,
        startedAt: undefined,
        finishedAt: undefined,
      },
    })
  }
  return { accepted, rejected }
}
