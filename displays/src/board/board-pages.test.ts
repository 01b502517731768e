import { describe, expect, it } from 'vitest';
import { type ItemBox, pageRanges } from './board-pages.js';

/** A one-column list: items of the given heights, `gap` px apart. */
function column(heights: number[], gap = 10): ItemBox[] {
  let top = 0;
  return heights.map((h) => {
    const box = { top, bottom: top + h };
    top += h + gap;
    return box;
  });
}

/** A grid of `columns` columns whose rows are `height` tall. */
function grid(count: number, columns: number, height: number, gap = 10): ItemBox[] {
  return Array.from({ length: count }, (_, i) => {
    const top = Math.floor(i / columns) * (height + gap);
    return { top, bottom: top + height };
  });
}

describe('pageRanges', () => {
  it('keeps everything on one page when it fits, and an empty list on one empty page', () => {
    expect(pageRanges(column([50, 50, 50]), 170)).toEqual([[0, 3]]);
    expect(pageRanges([], 500)).toEqual([[0, 0]]);
  });

  it('breaks before the first item that would run past the area', () => {
    // Tops 0, 60, 120, 180, 240: with 110 px, two a page.
    expect(pageRanges(column([50, 50, 50, 50, 50]), 110)).toEqual([
      [0, 2],
      [2, 4],
      [4, 5],
    ]);
  });

  it('pages items of different heights (wrapped names) by where they really end', () => {
    expect(pageRanges(column([40, 90, 40, 40, 90]), 150)).toEqual([
      [0, 2],
      [2, 4],
      [4, 5],
    ]);
  });

  it('never splits a grid row', () => {
    // 20 items, 3 columns, rows 100 px tall + 10 gap: 3 rows (9 items) in 320 px.
    const pages = pageRanges(grid(20, 3, 100), 320);
    expect(pages).toEqual([
      [0, 9],
      [9, 18],
      [18, 20],
    ]);
  });

  it('gives a row taller than the area a page of its own, and moves on', () => {
    expect(pageRanges(column([50, 300, 50]), 200)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(pageRanges(column([300, 50]), 200)).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  it('shows everything at once when the area is not laid out', () => {
    expect(pageRanges(column([50, 50]), 0)).toEqual([[0, 2]]);
  });
});
