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
