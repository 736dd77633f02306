import { useVirtualizer } from '@tanstack/react-virtual'
import { type CSSProperties, type ReactNode, useCallback, useDeferredValue, useRef } from 'react'
import { useMessages } from '../context'
import { useFileIds } from '../hooks/use-uploader-state'
import { type ClassNameProp, flag, resolveClassName } from '../render'
import { FileItem } from './FileItem'

export interface FileListState {
  count: number
  empty: boolean
}

export interface FileListProps {
  className?: ClassNameProp<FileListState>
  /** Class for each row's list item. */
  itemClassName?: string
  /** Render a row's content (default: <FileItem id={id} />). */
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

/**
 * The files of the uploader in context, in the order they were added. Virtualized with
 * @tanstack/react-virtual: only the rows in view (plus overscan) are in the DOM, so
 * 10,000 files scroll smoothly; each row still says its position (aria-posinset / setsize).
 */
export function FileList({ className, itemClassName, renderItem, empty, estimateRowHeight = 72, overscan = 6 }: FileListProps) {
  // Files arrive in slices (10,000 at once come in a few dozen store writes): the list follows
  // as a deferred update, which React renders in the background, interruptibly, and skips to
  // the latest ids when more arrive, so adding files never holds the main thread for a render.
  const ids = useDeferredValue(useFileIds())
  const messages = useMessages()
  const scrollRef = useRef<HTMLDivElement | null>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- the list is not memoized by a compiler here
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateRowHeight,
    overscan,
    getItemKey: (index) => ids[index] ?? index,
    // Server and first client render: pretend a viewport so the first rows render at all.
    initialRect: { width: 0, height: initialHeight },
  })
  const measure = useCallback((node: HTMLLIElement | null) => virtualizer.measureElement(node), [virtualizer])
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
        <ul role="list" aria-label={messages.fileListLabel} style={{ position: 'relative', height: virtualizer.getTotalSize() || ids.length * estimateRowHeight, margin: 0, padding: 0 }}>
          {rows.map((row) => {
            const id = ids[row.index]!
            return (
              <li
                key={row.key}
                ref={measure}
                data-index={row.index}
                data-uplink-file-row=""
                aria-setsize={ids.length}
                aria-posinset={row.index + 1}
                className={itemClassName}
                style={rowStyle(row.start)}
              >
                {renderItem ? renderItem(id, row.index) : <FileItem id={id} />}
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
