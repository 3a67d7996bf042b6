/**
 * Which rows a virtualised table draws: only those in (or just beyond) the visible window, so that
 * the DOM holds a few dozen rows whether the table has 50 or 50,000. Rows have one fixed height,
 * except at most one expanded row that is taller by a fixed amount (its JSON pane scrolls inside).
 */
export interface Viewport {
  /** First row index to draw. */
  start: number;
  /** One past the last row index to draw. */
  end: number;
  /** Pixels above the first drawn row (the spacer that keeps the scrollbar honest). */
  offsetTop: number;
  /** Total height of all rows in pixels. */
  totalHeight: number;
}

export interface Expanded {
  index: number;
  /** Extra pixels the expanded row takes beyond `rowHeight`. */
  extra: number;
}

/** Pixel offset of the top of row `i`. */
export function rowTop(i: number, rowHeight: number, expanded?: Expanded): number {
  return i * rowHeight + (expanded && i > expanded.index ? expanded.extra : 0);
}

/** Index of the row covering pixel `y` (clamped to the table). */
function rowAt(y: number, rowCount: number, rowHeight: number, expanded?: Expanded): number {
  let i = Math.floor(y / rowHeight);
  if (expanded && i > expanded.index) {
    const expandedBottom = rowTop(expanded.index, rowHeight) + rowHeight + expanded.extra;
    i = y < expandedBottom ? expanded.index : expanded.index + 1 + Math.floor((y - expandedBottom) / rowHeight);
  }
  return Math.max(0, Math.min(rowCount - 1, i));
}

/**
 * @param rowCount rows in the (filtered) table
 * @param rowHeight fixed height of a collapsed row in pixels
 * @param scrollTop the scroller's scrollTop
 * @param viewHeight the scroller's visible height
 * @param overscan extra rows drawn above and below so that fast scrolling does not show blanks
 */
export function viewportFor(rowCount: number, rowHeight: number, scrollTop: number, viewHeight: number,
  expanded?: Expanded, overscan = 10): Viewport {
  if (rowCount === 0 || rowHeight <= 0) return { start: 0, end: 0, offsetTop: 0, totalHeight: 0 };
  const ex = expanded && expanded.index < rowCount ? expanded : undefined;
  const totalHeight = rowCount * rowHeight + (ex ? ex.extra : 0);
  const top = Math.max(0, Math.min(scrollTop, Math.max(0, totalHeight - viewHeight)));
  const first = rowAt(top, rowCount, rowHeight, ex);
  const last = rowAt(top + Math.max(viewHeight, 0), rowCount, rowHeight, ex);
  const start = Math.max(0, first - overscan);
  const end = Math.min(rowCount, last + 1 + overscan);
  return { start, end, offsetTop: rowTop(start, rowHeight, ex), totalHeight };
}
