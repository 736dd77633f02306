import { type Range, defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual'
import { type RefObject, useCallback, useLayoutEffect } from 'react'
import { FirstScreenRows, ListRow, type RowsProps, positionedRow } from './list-row'

export interface VirtualRowsProps extends RowsProps {
  scrollRef: RefObject<HTMLDivElement | null>
  estimateRowHeight: number
  overscan: number
  /** Height assumed before the list is measured. */
  initialHeight: number
  /** Where the list's keyboard handling asks to bring a row into view (set while mounted). */
  scrollToIndex: { current: ((index: number) => void) | undefined }
  /** Focus the row the keyboard moved to, once it is rendered (called after every render). */
  focusPending: () => void
}

/**
 * A long list virtualized with @tanstack/react-virtual: only the rows in view (plus overscan)
 * are in the DOM, so 10,000 files scroll smoothly. Its own chunk: FileList loads it with
 * import() the first time a list is long enough to need it, so a page with short lists never
 * downloads the virtualizer.
 */
export default function VirtualRows(props: VirtualRowsProps) {
  const { ids, activeIndex, itemClassName, renderItem, listProps, scrollRef, estimateRowHeight, overscan, initialHeight, scrollToIndex, focusPending } = props
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
    // Where the list already is: it may have been scrolled while this chunk loaded (the
    // virtualizer would otherwise scroll it back to the top when it takes over).
    initialOffset: () => scrollRef.current?.scrollTop ?? 0,
  })
  const measure = useCallback((node: HTMLLIElement | null) => virtualizer.measureElement(node), [virtualizer])
  useLayoutEffect(() => {
    scrollToIndex.current = (index) => virtualizer.scrollToIndex(index, { align: 'auto' })
    return () => {
      scrollToIndex.current = undefined
    }
  }, [scrollToIndex, virtualizer])
  // The virtualizer re-renders this component (not the list) as it scrolls: a row the keyboard
  // scrolled to is focused here, once it exists.
  useLayoutEffect(focusPending)

  const rows = virtualizer.getVirtualItems()
  // Before the scroll element exists (the first client render) the virtualizer has no
  // viewport: the first screenful at estimated positions, as FileList drew it meanwhile.
  if (rows.length === 0 && ids.length > 0) {
    return <FirstScreenRows {...props} rowHeight={estimateRowHeight} count={Math.ceil(initialHeight / estimateRowHeight) + overscan} />
  }
  return (
    <ul role="list" {...listProps} style={{ position: 'relative', height: virtualizer.getTotalSize() || ids.length * estimateRowHeight, margin: 0, padding: 0 }}>
      {rows.map((row) => (
        <ListRow
          key={row.key as string | number}
          measureRef={measure}
          id={ids[row.index]!}
          index={row.index}
          count={ids.length}
          active={row.index === activeIndex}
          itemClassName={itemClassName}
          renderItem={renderItem}
          style={positionedRow(row.start)}
        />
      ))}
    </ul>
  )
}
