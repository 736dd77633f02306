import type { AddItem } from '../hooks/use-add-files'

/**
 * Reading dropped folders, with each file's path relative to the dropped folder
 * ("photos/2024/a.jpg"). A chunk of its own: collect-dropped-files.ts loads it with the first
 * folder dropped, so a page where people only drop files never downloads it.
 */

// Minimal shapes of the two directory APIs (not all are in TypeScript's DOM lib).
export interface EntryLike {
  isFile: boolean
  isDirectory: boolean
  name: string
  file?(success: (file: File) => void, failure?: (error: unknown) => void): void
  createReader?(): { readEntries(success: (entries: EntryLike[]) => void, failure?: (error: unknown) => void): void }
}
export interface HandleLike {
  kind: 'file' | 'directory'
  name: string
  getFile?(): Promise<File>
  values?(): AsyncIterable<HandleLike>
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
