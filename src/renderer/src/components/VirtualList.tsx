import { useState, type ReactNode } from 'react'

/** Rows rendered above and below the visible window, so fast scrolling does not show gaps. */
const OVERSCAN = 8

/**
 * Windowed rendering for long lists (a witness may hold thousands of stems): only the rows in view, plus a
 * few, are in the DOM; a spacer of the full height keeps the scrollbar honest. Rows have a fixed height.
 */
export function VirtualList<T>({
  items,
  rowHeight,
  height,
  renderRow,
  testId,
}: {
  items: readonly T[]
  rowHeight: number
  /** Height of the scrolling viewport in pixels (the list is shorter when it has fewer rows). */
  height: number
  renderRow: (item: T, index: number) => ReactNode
  testId?: string
}) {
  const [scrollTop, setScrollTop] = useState(0)
  const total = items.length * rowHeight
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN)
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN)
  const rows: ReactNode[] = []
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={i} className="vrow-slot" style={{ top: i * rowHeight, height: rowHeight }}>
        {renderRow(items[i]!, i)}
      </div>,
    )
  }
  return (
    <div
      className="vlist"
      style={{ height: Math.min(height, total + 2) }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      data-testid={testId}
      data-rows={items.length}
    >
      <div style={{ height: total, position: 'relative' }}>{rows}</div>
    </div>
  )
}
