import type { FileAction } from '../hooks/use-file-actions'

/**
 * Keeping focus where a keyboard user expects it when the control they pressed disappears
 * (pause turns into resume, a removed row unmounts). Plan before the action, restore after
 * React has committed (next frame), and only if focus was really lost.
 */
const ROW = '[data-uplink-file]'
const LIST = '[data-uplink-file-list]'

export const focusLost = () => {
  const active = document.activeElement
  return !active || active === document.body || !active.isConnected
}

const rowById = (scope: ParentNode, id: string) => scope.querySelector<HTMLElement>(`${ROW}[data-uplink-file-id="${CSS.escape(id)}"]`)

export function focusInRow(row: HTMLElement, preferred: readonly string[]): boolean {
  for (const action of preferred) {
    const control = row.querySelector<HTMLElement>(`[data-uplink-control="${action}"]:not([disabled])`)
    if (control) {
      control.focus()
      return true
    }
  }
  const any = row.querySelector<HTMLElement>('[data-uplink-control]:not([disabled])')
  ;(any ?? row).focus()
  return true
}

/** What to focus when this action hides the pressed control but the row stays. */
export const nextControl: Record<FileAction, FileAction[]> = {
  start: ['pause', 'cancel'],
  pause: ['resume', 'cancel'],
  resume: ['pause', 'cancel'],
  cancel: ['retry', 'remove'],
  retry: ['pause', 'cancel'],
  remove: ['remove'],
}

/** Call synchronously in the click handler, before the action; returns the restorer to run after. */
export function planFocus(control: HTMLElement, action: FileAction): () => void {
  const row = control.closest<HTMLElement>(ROW)
  const list = control.closest<HTMLElement>(LIST)
  const id = row?.dataset.uplinkFileId
  // Neighbours in display order: the next row, else the previous one (rows are wrapped by list items).
  const rows = list ? Array.from(list.querySelectorAll<HTMLElement>(ROW)) : []
  const index = row ? rows.indexOf(row) : -1
  const neighbours = [rows[index + 1], rows[index - 1]].flatMap((r) => (r?.dataset.uplinkFileId ? [r.dataset.uplinkFileId] : []))
  // The engine may change the status later (pause waits for requests to stop): the row's
  // own layout effect restores focus then, reading this mark (see useKeepFocusInRow).
  if (row) row.dataset.uplinkFocusAfter = action
  return () => {
    if (!focusLost()) return
    const scope: ParentNode = list ?? document
    const same = id ? rowById(scope, id) : null
    if (same) {
      focusInRow(same, nextControl[action])
      return
    }
    for (const neighbourId of neighbours) {
      const neighbour = rowById(scope, neighbourId)
      if (neighbour) {
        focusInRow(neighbour, [action])
        return
      }
    }
    const fallback = list?.isConnected ? list : document.querySelector<HTMLElement>('[data-uplink-focus-fallback]')
    fallback?.focus()
  }
}

/** Run after React commits and the browser lays out (virtualized rows may move). */
export const afterCommit = (fn: () => void) =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => fn()) : setTimeout(fn, 0)
