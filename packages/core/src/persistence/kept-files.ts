import type { KeptFileRecord } from './records'

/** The bytes of a kept entry: the File, or the handle's current file (read permission needed). */
export async function readKeptFile(entry: KeptFileRecord, requestPermission = false): Promise<File | undefined> {
  if (entry.file) return entry.file
  const handle = entry.handle as
    | (FileSystemFileHandle & {
        queryPermission?: (d: { mode: 'read' }) => Promise<PermissionState>
        requestPermission?: (d: { mode: 'read' }) => Promise<PermissionState>
      })
    | undefined
  if (!handle) return undefined
  let permission = (await handle.queryPermission?.({ mode: 'read' })) ?? 'granted'
  if (permission === 'prompt' && requestPermission) permission = (await handle.requestPermission?.({ mode: 'read' })) ?? 'denied'
  if (permission !== 'granted') return undefined
  return handle.getFile()
}

/**
 * What to keep of a file for restoreFiles(): its File System Access handle where it came
 * through that API (no copy of the bytes), else the File itself under the size cap; undefined
 * when neither fits.
 */
export function keptRecord(
  entry: { key: string; name: string; relativePath: string | undefined; file: Blob; handle: FileSystemFileHandle | undefined },
  maxFileSize: number,
  lifetimeMs: number,
  now = Date.now(),
): KeptFileRecord | undefined {
  const base = { key: entry.key, name: entry.name, relativePath: entry.relativePath, keptAt: now, expiresAt: now + lifetimeMs }
  if (entry.handle) return { ...base, handle: entry.handle }
  if (!(entry.file instanceof File) || entry.file.size > maxFileSize) return undefined
  return { ...base, file: entry.file }
}
