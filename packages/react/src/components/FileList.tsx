import { type Range, defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual'
import { type CSSProperties, type FocusEvent, type KeyboardEvent, type ReactNode, useCallback, useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useMessages } from '../context'
import { useFileIds } from '../hooks/use-uploader-state'
import { type ClassNameProp, flag, resolveClassName } from '../render'
import { FileItem } from './FileItem'
import { RowFocusContext } from './row-focus'

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
  /** Rows rendered beyond the visible ones, above and below. */
  overscan?: number
}

/**
 * Layout the virtualizer needs and nothing else; sizes come from CSS custom properties, so
 * a stylesheet decides the height: `--uplink-file-list-max-height`.
 */
const scrollStyle: CSSProperties = { overflowY: 'auto', maxHeight: 'var(--uplink-file-list-max-height, 24rem)', position: 'relative' }
/** Height assumed before the list is measured (server render, first client render). */
const initialHeight = 480

const rowStyle = (start: number): CSSProperties => ({
  position: 'absolute',
  top: 0,
  insetInlineStart: 0,
  width: '100%',
  transform: `translateY(${start}px)`,
})

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
 * The files of the uploader in context, in the order they were added. Virtualized with
 * @tanstack/react-virtual: only the rows in view (plus overscan) are in the DOM, so 10,000
 * files scroll smoothly; each row still says its position (aria-posinset / setsize).
 *
 * Keyboard: the list is one Tab stop (roving tabindex). Tab enters on the first row, or on the
 * row focused last, wherever the list is scrolled (that row is always kept rendered); its
 * controls follow in the Tab order; Up / Down, Page Up / Page Down, Home / End move between
 * rows, scrolling them into view.
 */
export function FileList({ className, itemClassName, renderItem, empty, estimateRowHeight = 80, overscan = 6 }: FileListProps) {
  // Files arrive in slices (10,000 at once come in a few dozen store writes): the list follows
  // as a deferred update, which React renders in the background, interruptibly, and skips to
  // the latest ids when more arrive, so adding files never holds the main thread for a render.
  const ids = useDeferredValue(useFileIds())
  const messages = useMessages()
  const scrollRef = useRef<HTMLDivElement | null>(null)
  const [activeId, setActiveId] = useState<string | undefined>(undefined)
  const pendingFocus = useRef<string | undefined>(undefined)
  // Index of the row in the Tab order: the one focused last while it exists, else the first.
  const indexOf = useMemo(() => {
    let map: Map<string, number> | undefined
    return (id: string) => (map ??= new Map(ids.map((each, index) => [each, index]))).get(id) ?? -1
  }, [ids])
  const found = activeId === undefined ? -1 : indexOf(activeId)
  const activeIndex = found === -1 ? (ids.length > 0 ? 0 : -1) : found

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range)
      // The active row stays rendered even when scrolled away, so Tab can always land on it.
      if (activeIndex >= 0 && !indexes.includes(activeIndex)) return [...indexes, activeIndex].sort((a, b) => a - b)
      return indexes
    },
    [activeIndex],
  )
  // eslint-disable-next-line react-hooks/incompatible-library -- the list is not memoized by a compiler here
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateRowHeight,
    overscan,
    rangeExtractor,
    getItemKey: (index) => ids[index] ?? index,
    // Server and first client render: pretend a viewport so the first rows render at all.
    initialRect: { width: 0, height: initialHeight },
  })
  const measure = useCallback((node: HTMLLIElement | null) => virtualizer.measureElement(node), [virtualizer])

  // A row reached by the keyboard is focused once it is rendered (it may have been scrolled to).
  useLayoutEffect(() => {
    const id = pendingFocus.current
    if (id === undefined) return
    const row = rowOf(scrollRef.current, id)
    if (row) {
      pendingFocus.current = undefined
      row.focus({ preventScroll: true })
    }
  })

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
    virtualizer.scrollToIndex(next, { align: 'auto' })
    setActiveId(id)
    pendingFocus.current = id
    const row = rowOf(scrollRef.current, id)
    if (row) {
      pendingFocus.current = undefined
      row.focus({ preventScroll: true })
    }
  }

  const state: FileListState = { count: ids.length, empty: ids.length === 0 }
  // Before the scroll element exists (on the server, and in the first client render that
  // hydrates it) the virtualizer has no viewport: render the first screenful at estimated
  // positions, the same on both sides, so server HTML shows files and hydration matches.
  let rows: Array<{ key: string | number | bigint; index: number; start: number }> = virtualizer.getVirtualItems()
  if (rows.length === 0 && ids.length > 0) {
    const count = Math.min(ids.length, Math.ceil(initialHeight / estimateRowHeight) + overscan)
    rows = ids.slice(0, count).map((id, index) => ({ key: id, index, start: index * estimateRowHeight }))
  }

  return (
    <div
      ref={scrollRef}
      className={resolveClassName(className, state)}
      style={scrollStyle}
      tabIndex={-1}
      data-uplink-file-list=""
      data-empty={flag(state.empty)}
      data-count={ids.length}
    >
      {state.empty ? (
        <p data-uplink-file-list-empty="">{empty ?? messages.fileListEmpty}</p>
      ) : (
        <ul
          role="list"
          aria-label={messages.fileListLabel}
          onFocus={onFocus}
          onKeyDown={onKeyDown}
          style={{ position: 'relative', height: virtualizer.getTotalSize() || ids.length * estimateRowHeight, margin: 0, padding: 0 }}
        >
          {rows.map((row) => {
            const id = ids[row.index]!
            return (
              <li
                key={row.key}
                ref={measure}
                data-index={row.index}
                data-uplink-file-row=""
                data-active={flag(row.index === activeIndex)}
                aria-setsize={ids.length}
                aria-posinset={row.index + 1}
                className={itemClassName}
                style={rowStyle(row.start)}
              >
                <RowFocusContext.Provider value={row.index === activeIndex ? tabbable : notTabbable}>
                  {renderItem ? renderItem(id, row.index) : <FileItem id={id} />}
                </RowFocusContext.Provider>
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}

const tabbable = { tabbable: true }
const notTabbable = { tabbable: false }
