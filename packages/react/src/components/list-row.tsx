import type { CSSProperties, FocusEventHandler, KeyboardEventHandler, ReactNode, Ref } from 'react'
import { flag } from '../render'
import { FileItem } from './FileItem'
import { RowFocusContext } from './row-focus'

/** What both ways of laying out the list (plain, or virtualized) need to draw a row. */
export interface RowsProps {
  ids: readonly string[]
  /** Index of the row in the Tab order (roving tabindex), -1 when there is none. */
  activeIndex: number
  itemClassName: string | undefined
  renderItem: ((id: string, index: number) => ReactNode) | undefined
  /** The list element's ARIA and keyboard handlers, put on the <ul> by whichever layout draws it. */
  listProps: { 'aria-label': string; onFocus: FocusEventHandler<HTMLElement>; onKeyDown: KeyboardEventHandler<HTMLElement> }
}

/**
 * One list item: its position in the whole list (aria-posinset / setsize, also when only some
 * rows are rendered) and whether its controls are in the Tab order.
 */
export function ListRow({
  id,
  index,
  count,
  active,
  itemClassName,
  renderItem,
  style,
  measureRef,
}: {
  id: string
  index: number
  count: number
  active: boolean
  itemClassName: string | undefined
  renderItem: RowsProps['renderItem']
  style?: CSSProperties
  measureRef?: Ref<HTMLLIElement>
}) {
  return (
    <li
      ref={measureRef}
      data-index={index}
      data-uplink-file-row=""
      data-active={flag(active)}
      aria-setsize={count}
      aria-posinset={index + 1}
      className={itemClassName}
      style={style}
    >
      <RowFocusContext.Provider value={active ? tabbable : notTabbable}>{renderItem ? renderItem(id, index) : <FileItem id={id} />}</RowFocusContext.Provider>
    </li>
  )
}

const tabbable = { tabbable: true }
const notTabbable = { tabbable: false }

const ulStyle: CSSProperties = { margin: 0, padding: 0 }

/** Every row, in the document's flow: for lists short enough that virtualizing would cost more than it saves. */
export function PlainRows({ ids, activeIndex, itemClassName, renderItem, listProps }: RowsProps) {
  return (
    <ul role="list" {...listProps} style={ulStyle}>
      {ids.map((id, index) => (
        <ListRow key={id} id={id} index={index} count={ids.length} active={index === activeIndex} itemClassName={itemClassName} renderItem={renderItem} />
      ))}
    </ul>
  )
}

/**
 * The first screenful of a long list at estimated positions, in a list as tall as all its rows
 * will be: what a long list shows on the server, while hydrating, and while the virtualizer's
 * code loads (it is a chunk of its own). Absolutely positioned like the virtualizer's rows, so
 * nothing jumps when it takes over.
 */
export function FirstScreenRows({ ids, activeIndex, itemClassName, renderItem, listProps, rowHeight, count }: RowsProps & { rowHeight: number; count: number }) {
  const shown = Math.min(ids.length, count)
  // The row in the Tab order is kept even when it is not among the first ones.
  const indexes = Array.from({ length: shown }, (_, i) => i)
  if (activeIndex >= shown) indexes.push(activeIndex)
  return (
    <ul role="list" {...listProps} style={{ ...ulStyle, position: 'relative', height: ids.length * rowHeight }}>
      {indexes.map((index) => (
        <ListRow
          key={ids[index]}
          id={ids[index]!}
          index={index}
          count={ids.length}
          active={index === activeIndex}
          itemClassName={itemClassName}
          renderItem={renderItem}
          style={positionedRow(index * rowHeight)}
        />
      ))}
    </ul>
  )
}

/** A virtualized row: taken out of the flow and moved to where it belongs. */
export const positionedRow = (start: number): CSSProperties => ({
  position: 'absolute',
  top: 0,
  insetInlineStart: 0,
  width: '100%',
  transform: `translateY(${start}px)`,
})
