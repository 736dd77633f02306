import { type RefObject, useLayoutEffect } from 'react'
import type { FileAction } from '../hooks/use-file-actions'
import { focusInRow, focusLost, nextControl } from './focus'

/**
 * When a control in this row was pressed and the status change it caused removed the
 * focused button (pause -> resume), put focus on the control that replaced it. Runs in the
 * commit that changed the status, so no frame passes with focus on <body>.
 */
export function useKeepFocusInRow(rowRef: RefObject<HTMLElement | null>, status: string | undefined): void {
  useLayoutEffect(() => {
    const row = rowRef.current
    const action = row?.dataset.uplinkFocusAfter as FileAction | undefined
    if (!row || !action) return
    if (!focusLost()) {
      // Focus is still somewhere sensible; forget the mark once the row has settled.
      if (row.contains(document.activeElement)) return
      delete row.dataset.uplinkFocusAfter
      return
    }
    delete row.dataset.uplinkFocusAfter
    focusInRow(row, nextControl[action])
  }, [rowRef, status])
}
