import { type CSSProperties, type ComponentType, type FocusEvent, type KeyboardEvent, type ReactNode, Suspense, lazy, useCallback, useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useMessages } from '../context'
import { useFileIds } from '../hooks/use-uploader-state'
import { type ClassNameProp, flag, resolveClassName } from '../render'
import { FirstScreenRows, PlainRows, type RowsProps } from './list-row'
import type { VirtualRowsProps } from './virtual-rows'

export interface FileListState {
  count: number
  empty: boolean
}

export interface FileListProps {
  className?: ClassNameProp<FileListState>
  /** Class for each row's list item. */
  itemClassName?: string
  /**
   * Render a row's content (default: <FileItem id={id} />). Put `data-uplink-file` and
   * `data-uplink-file-id` on your row's root and give it `tabIndex={useRowTabIndex()}` to take part
   * in the list's keyboard navigation (FileItem does).
   */
  renderItem?: (id: string, index: number) => ReactNode
  /** Shown when there are no files (default: messages.fileListEmpty). */
  empty?: ReactNode
  /** First guess at a row's height in px; rows are measured once rendered. */
  estimateRowHeight?: number
  /** Rows rendered beyond the visible ones, above and below (virtualized lists). */
  overscan?: number
  /**
   * Lists longer than this are virtualized (only rows in view are in the DOM); shorter ones
   * render every row. The virtualizer is a chunk of its own, loaded the first time a list
   * gets this long. Default 50.
   */
  virtualizeFrom?: number
}

/**
 * Layout the virtualizer needs and nothing else; sizes come from CSS custom properties, so
 * a stylesheet decides the height: `--uplink-file-list-max-height`.
 */
const scrollStyle: CSSProperties = { overflowY: 'auto', maxHeight: 'var(--uplink-file-list-max-height, 24rem)', position: 'relative' }
/** Height assumed before the list is measured (server render, first client render). */
const initialHeight = 480

/**
 * The virtualizer (@tanstack/react-virtual and its rows), loaded on first need. Should its chunk
 * fail to load (offline, a deploy that replaced it), the list renders every row instead:
 * slower for a long list, but every file stays visible and the page keeps working.
 */
export const loadVirtualRows = (
  load: () => Promise<{ default: ComponentType<VirtualRowsProps> }> = () => import('./virtual-rows'),
): Promise<{ default: ComponentType<VirtualRowsProps> }> => load().catch(() => ({ default: PlainRows }))
const VirtualRows = lazy(() => loadVirtualRows())

const ROW = '[data-uplink-file]'
const rowOf = (scope: HTMLElement | null, id: string) => scope?.querySelector<HTMLElement>(`${ROW}[data-uplink-file-id="${CSS.escape(id)}"]`) ?? null

/** Keys that move between rows, and where they go from `index` among `count` rows (a page is `page` rows). */
function target(key: string, index: number, count: number, page: number): number | undefined {
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, index + 1)
    case 'ArrowUp':
      return Math.max(0, index - 1)
    case 'Home':
      return 0
    case 'End':
      return count - 1
    case 'PageDown':
      return Math.min(count - 1, index + page)
    case 'PageUp':
      return Math.max(0, index - page)
    default:
      return undefined
  }
}

/**
 * The files of the uploader in context, in the order they were added. A list longer than
 * `virtualizeFrom` is virtualized with @tanstack/react-virtual (loaded on first need): only the
 * rows in view (plus overscan) are in the DOM, so 10,000 files scroll smoothly; each row still
 * says its position (aria-posinset / setsize). Shorter lists render every row, and a page whose
 * lists stay short never loads the virtualizer.
 *
 * Keyboard: the list is one Tab stop (roving tabindex). Tab enters on the first row, or on the
 * row focused last, wherever the list is scrolled (that row is always kept rendered); its
 * controls follow in the Tab order; Up / Down, Page Up / Page Down, Home / End move between
 * rows, scrolling them into view.
 */
export function FileList({ className, itemClassName, renderItem, empty, estimateRowHeight = 80, overscan = 6, virtualizeFrom = 50 }: FileListProps) {
  // Files arrive in slices (10,000 at once come in a few dozen store writes): the list follows
  // as a deferred update, which React renders in the background, interruptibly, and skips to
  // the latest ids when more arrive, so adding files never holds the main thread for a render.
  const ids = useDeferredValue(useFileIds())
  const messages = useMessages()
  const scrollRef = useRef<HTMLDivElement | null>(null)
  const [activeId, setActiveId] = useState<string | undefined>(undefined)
  const pendingFocus = useRef<string | undefined>(undefined)
  /** Set by the virtualized rows while they are mounted: brings a row into view. */
  const scrollToIndex = useRef<((index: number) => void) | undefined>(undefined)
  // Once virtualized, a list stays so until it is emptied: a list shrinking and growing around
  // the threshold (removing files one by one) does not swap every row's element back and forth.
  const [virtualized, setVirtualized] = useState(false)
  if (ids.length > virtualizeFrom && !virtualized) setVirtualized(true)
  if (ids.length === 0 && virtualized) setVirtualized(false)
  // Index of the row in the Tab order: the one focused last while it exists, else the first.
  const indexOf = useMemo(() => {
    let map: Map<string, number> | undefined
    return (id: string) => (map ??= new Map(ids.map((each, index) => [each, index]))).get(id) ?? -1
  }, [ids])
  const found = activeId === undefined ? -1 : indexOf(activeId)
  const activeIndex = found === -1 ? (ids.length > 0 ? 0 : -1) : found

  // A row reached by the keyboard is focused once it is rendered (it may have been scrolled to).
  const focusPending = useCallback(() => {
    const id = pendingFocus.current
    if (id === undefined) return
    const row = rowOf(scrollRef.current, id)
    if (row) {
      pendingFocus.current = undefined
      row.focus({ preventScroll: true })
    }
  }, [])
  useLayoutEffect(focusPending)

  const onFocus = (event: FocusEvent<HTMLElement>) => {
    const row = (event.target as Element).closest<HTMLElement>(ROW)
    const id = row?.dataset.uplinkFileId
    if (id !== undefined && id !== activeId) setActiveId(id)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return
    const from = (event.target as Element).closest<HTMLElement>(ROW)?.dataset.uplinkFileId
    if (from === undefined) return
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? initialHeight) / estimateRowHeight))
    const next = target(event.key, indexOf(from), ids.length, page)
    if (next === undefined) return
    event.preventDefault()
    const id = ids[next]!
    setActiveId(id)
    // Virtualized, the virtualizer scrolls to the row (which may not exist yet); otherwise
    // focusing the row scrolls it into view. A row not rendered yet is focused once it is.
    const scroll = scrollToIndex.current
    scroll?.(next)
    pendingFocus.current = id
    const row = rowOf(scrollRef.current, id)
    if (row) {
      pendingFocus.current = undefined
      row.focus(scroll ? { preventScroll: true } : undefined)
    }
  }

  const state: FileListState = { count: ids.length, empty: ids.length === 0 }
  const rows: RowsProps = { ids, activeIndex, itemClassName, renderItem, listProps: { 'aria-label': messages.fileListLabel, onFocus, onKeyDown } }
  const firstScreen = <FirstScreenRows {...rows} rowHeight={estimateRowHeight} count={Math.ceil(initialHeight / estimateRowHeight) + overscan} />

  return (
    <div
      ref={scrollRef}
      className={resolveClassName(className, state)}
      style={scrollStyle}
      tabIndex={-1}
      data-uplink-file-list=""
      data-empty={flag(state.empty)}
      data-count={ids.length}
      data-virtualized={flag(virtualized)}
    >
      {state.empty ? (
        <p data-uplink-file-list-empty="">{empty ?? messages.fileListEmpty}</p>
      ) : virtualized ? (
        // On the server, while hydrating and while the chunk loads: the first screenful, at
        // the positions the virtualizer will give them.
        <Suspense fallback={firstScreen}>
          <VirtualRows
            {...rows}
            scrollRef={scrollRef}
            estimateRowHeight={estimateRowHeight}
            overscan={overscan}
            initialHeight={initialHeight}
            scrollToIndex={scrollToIndex}
            focusPending={focusPending}
          />
        </Suspense>
      ) : (
        <PlainRows {...rows} />
      )}
    </div>
  )
}
