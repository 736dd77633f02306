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

/** Read any slice of the uploader state; re-renders only when that slice changes. */
export function useUploaderState<T>(selector: (state: UploaderState) => T): T {
  return useStore(useUploader().store, selector)
}

export function useFileIds(): string[] {
  return useUploaderState(selectFileIds)
}

export function useFile(id: string): UploadFileState | undefined {
  const selector = useCallback((state: UploaderState) => selectFile(id)(state), [id])
  return useUploaderState(selector)
}

export function useTotals(): UploadTotals {
  return useStore(useUploader().store, useShallow(selectTotals))
}
