import { createContext, useContext } from 'react'

/**
 * Roving tabindex in the file list: one row (the first, or the one last focused) is in the
 * Tab order with its controls; every other row and its controls are reachable with the arrow
 * keys. Outside a list everything is tabbable.
 */
export interface RowFocus {
  tabbable: boolean
}

export const RowFocusContext = createContext<RowFocus>({ tabbable: true })

/** `tabIndex` for a row's focusable elements: 0 in the active row (or outside a list), -1 elsewhere. */
export function useRowTabIndex(): 0 | -1 {
  return useContext(RowFocusContext).tabbable ? 0 : -1
}
