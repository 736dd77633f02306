import type { Uploader } from '@uplink/core'
import { useCallback } from 'react'
import { useUplinkContext } from '../context'

/** A file to add, with its path inside a dropped folder when there was one. */
export interface AddItem {
  file: File
  name: string
  relativePath?: string
}

export type AddResult = ReturnType<Uploader['addFiles']>

/**
 * Adds files to the uploader in context. Call it from event handlers: it starts uploads,
 * so never from render or effects.
 */
export function useAddFiles(): (items: ReadonlyArray<File | AddItem>) => AddResult {
  const { uploader } = useUplinkContext()
  return useCallback((items) => addItems(uploader, items), [uploader])
}

export function addItems(uploader: Uploader, items: ReadonlyArray<File | AddItem>): AddResult {
  return uploader.addFiles(
    items.map((item) => {
      if (!(item instanceof Blob)) return item.relativePath ? item : { file: item.file, name: item.name }
      const relativePath = item.webkitRelativePath || undefined
      return { file: item, name: item.name, ...(relativePath ? { relativePath } : {}) }
    }),
  )
}
