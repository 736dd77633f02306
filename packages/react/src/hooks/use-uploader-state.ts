import {
  type UploadFileState,
  type UploadTotals,
  type UploaderState,
  selectFile,
  selectFileIds,
  selectTotals,
} from '@uplink/core'
import { useCallback } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { useUploader } from '../context'

/** Read any slice of the uploader state; re-renders only when that slice changes (Object.is). */
export function useUploaderState<T>(selector: (state: UploaderState) => T): T {
  return useStore(useUploader().store, selector)
}

/** Like useUploaderState, for selectors that build a new object or array each time. */
export function useUploaderStateShallow<T>(selector: (state: UploaderState) => T): T {
  return useStore(useUploader().store, useShallow(selector))
}

/** File ids in the order they were added; changes only when files come or go. */
export function useFileIds(): string[] {
  return useUploaderState(selectFileIds)
}

/** One file; re-renders when that file changes, not when others do. */
export function useFile(id: string): UploadFileState | undefined {
  const selector = useCallback((state: UploaderState) => selectFile(id)(state), [id])
  return useUploaderState(selector)
}

/**
 * Totals over all files (counts per status incl. failed and cancelled, bytes, speed, time left),
 * as core keeps them: updated as files change, never recounted by walking every file.
 */
export function useTotals(): UploadTotals {
  return useUploaderState(selectTotals)
}

/** Whether the browser reports a network connection (the engine waits while offline). */
export function useOnline(): boolean {
  return useUploaderState((state) => state.online)
}
