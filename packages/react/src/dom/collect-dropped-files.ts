import type { AddItem } from '../hooks/use-add-files'
import type { EntryLike, HandleLike } from './read-folders'

/**
 * Files from a drop or paste, recursing into dropped folders and keeping each file's path
 * relative to the dropped folder ("photos/2024/a.jpg").
 *
 * DataTransfer items are only readable during the event, so `snapshotTransfer` must be called
 * synchronously in the handler; the folder walk that follows is asynchronous, and its code
 * (read-folders.ts) loads with the first folder dropped.
 */
export type PendingItem = () => Promise<AddItem[]>

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
      if (entry?.isDirectory) return (await import('./read-folders')).readEntry(entry, '')
      if (handle) {
        const resolved = await handle.catch(() => null)
        if (resolved?.kind === 'directory') return (await import('./read-folders')).readHandle(resolved, '')
      }
      return file ? [{ file, name: file.name }] : []
    }
  })
}

export async function collectFiles(pending: readonly PendingItem[]): Promise<AddItem[]> {
  const lists = await Promise.all(pending.map((read) => read()))
  return lists.flat()
}
