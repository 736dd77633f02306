import type { AddItem } from '../hooks/use-add-files'

/**
 * Files from a drop or paste, recursing into dropped folders and keeping each file's path
 * relative to the dropped folder ("photos/2024/a.jpg").
 *
 * DataTransfer items are only readable during the event, so `snapshotTransfer` must be called
 * synchronously in the handler; the folder walk that follows is asynchronous.
 */
export type PendingItem = () => Promise<AddItem[]>

// Minimal shapes of the two directory APIs (not all are in TypeScript's DOM lib).
interface EntryLike {
  isFile: boolean
  isDirectory: boolean
  name: string
  file?(success: (file: File) => void, failure?: (error: unknown) => void): void
  createReader?(): { readEntries(success: (entries: EntryLike[]) => void, failure?: (error: unknown) => void): void }
}
interface HandleLike {
  kind: 'file' | 'directory'
  name: string
  getFile?(): Promise<File>
  values?(): AsyncIterable<HandleLike>
}
interface ItemLike {
  kind: string
  getAsFile(): File | null
  webkitGetAsEntry?(): EntryLike | null
  getAsFileSystemHandle?(): Promise<HandleLike | null>
}

export function snapshotTransfer(transfer: Pick<DataTransfer, 'files'> & { items?: ArrayLike<ItemLike> | null }): PendingItem[] {
  const items = transfer.items ? Array.from(transfer.items as ArrayLike<ItemLike>).filter((item) => item.kind === 'file') : []
  if (items.length === 0) return Array.from(transfer.files ?? []).map((file) => async () => [{ file, name: file.name }])
  return items.map((item) => {
    // All three calls must happen now, inside the event.
    const file = item.getAsFile()
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null
    const handle = !entry && typeof item.getAsFileSystemHandle === 'function' ? item.getAsFileSystemHandle() : null
    return async () => {
      if (entry?.isDirectory) return readEntry(entry, '')
      if (handle) {
        const resolved = await handle.catch(() => null)
        if (resolved?.kind === 'directory') return readHandle(resolved, '')
      }
      return file ? [{ file, name: file.name }] : []
    }
  })
}

export async function collectFiles(pending: readonly PendingItem[]): Promise<AddItem[]> {
  const lists = await Promise.all(pending.map((read) => read()))
  return lists.flat()
}

/** Walks a webkitGetAsEntry tree. readEntries returns a batch at a time (100 in Chromium) until empty. */
export async function readEntry(entry: EntryLike, parent: string): Promise<AddItem[]> {
  const path = parent ? `${parent}/${entry.name}` : entry.name
  if (entry.isFile && entry.file) {
    const file = await new Promise<File>((resolve, reject) => entry.file!(resolve, reject))
    return [{ file, name: file.name, relativePath: path }]
  }
  if (!entry.isDirectory || !entry.createReader) return []
  const reader = entry.createReader()
  const children: EntryLike[] = []
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) => reader.readEntries(resolve, reject))
    if (batch.length === 0) break
    children.push(...batch)
  }
  const nested = await Promise.all(children.map((child) => readEntry(child, path)))
  return nested.flat()
}

/** Walks a File System Access directory handle. */
export async function readHandle(handle: HandleLike, parent: string): Promise<AddItem[]> {
  const path = parent ? `${parent}/${handle.name}` : handle.name
  if (handle.kind === 'file' && handle.getFile) {
    const file = await handle.getFile()
    return [{ file, name: file.name, relativePath: path }]
  }
  const found: AddItem[] = []
  if (handle.values) for await (const child of handle.values()) found.push(...(await readHandle(child, path)))
  return found
}
