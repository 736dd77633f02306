import type { Uploader } from '@uplink/core'
import { useCallback } from 'react'
import { useUplinkContext } from '../context'
import type { BlobRegistry } from '../blob-registry'

/** A file to add, with its path inside a dropped folder when there was one. */
export interface AddItem {
  file: File
  name: string
  relativePath?: string
}

export type AddResult = ReturnType<Uploader['addFiles']>

/**
 * Adds files to the uploader in context and remembers each accepted file's Blob (for
 * thumbnails). Call it from event handlers: it starts uploads, so never from render or effects.
 */
export function useAddFiles(): (items: ReadonlyArray<File | AddItem>) => AddResult {
  const { uploader, blobs } = useUplinkContext()
  return useCallback((items) => addAndRemember(uploader, blobs, items), [uploader, blobs])
}

export function addAndRemember(uploader: Uploader, blobs: BlobRegistry, items: ReadonlyArray<File | AddItem>): AddResult {
  const normalized = items.map((item) =>
    item instanceof Blob ? { file: item, name: item.name, relativePath: item.webkitRelativePath || undefined } : item,
  )
  const result = uploader.addFiles(normalized.map(({ file, name, relativePath }) => ({ file, name, ...(relativePath ? { relativePath } : {}) })))
  // The engine returns ids of accepted files in input order; match them back to their Blobs.
  const waiting = new Map<string, Blob[]>()
  for (const item of normalized) {
    const key = `${item.relativePath ?? ''}|${item.name}|${item.file.size}`
    waiting.set(key, [...(waiting.get(key) ?? []), item.file])
  }
  const files = uploader.store.getState().files
  for (const id of result.ids) {
    const file = files[id]
    if (!file) continue
    const key = `${file.relativePath ?? ''}|${file.name}|${file.size}`
    const blob = waiting.get(key)?.shift()
    if (blob) blobs.set(id, blob)
  }
  return result
}
