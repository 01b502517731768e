/**
 * Where a list that does not fit its area breaks into pages: a pure function over the items'
 * measured boxes, so the rule is tested without a browser. A page ends before the first row
 * that would run past the area's height; a row (items sharing a top, as in a grid) is never
 * split; a row taller than the whole area still gets a page of its own.
 */

/** An item's vertical extent, in the list's coordinates (px from the list's top). */
export interface ItemBox {
  top: number;
  bottom: number;
}

/** [start, end) index ranges, one per page, covering every item in order. */
export type PageRanges = [number, number][];

/** Items whose tops differ by less than this are on the same row (sub-pixel layout). */
const SAME_ROW_PX = 1;

export function pageRanges(items: readonly ItemBox[], available: number): PageRanges {
  if (items.length === 0) return [[0, 0]];
  // Not laid out (hidden, or before the first layout): one page, nothing dropped.
  if (!(available > 0)) return [[0, items.length]];
  const pages: PageRanges = [];
  let start = 0;
  for (let i = 1; i < items.length; i++) {
    const pageTop = items[start]!.top;
    if (items[i]!.bottom - pageTop <= available + 0.5) continue;
    // Break at the start of this item's row, unless that row began the page.
    let rowStart = i;
    while (rowStart > start && Math.abs(items[rowStart - 1]!.top - items[i]!.top) < SAME_ROW_PX) rowStart--;
    if (rowStart === start) continue; // one row taller than the area: it keeps its page
    pages.push([start, rowStart]);
    start = rowStart;
  }
  pages.push([start, items.length]);
  return pages;
}
