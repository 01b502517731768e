/**
 * Layout checks for the browser suites, read from the DOM as the screen shows it (shadow roots
 * included): the box of each named area, text boxes that overlap or fall outside the viewport,
 * get clipped by their container or spill out of the box that holds them, and what is on top
 * at a point. Each returns plain data
 * for the test to assert on, so a failure names the texts involved.
 */
import type { Page } from 'playwright-core';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * An area as a path through shadow roots: each step is a selector inside the previous step's
 * shadow root (the first inside the document); the last step may match several elements.
 */
export type AreaPath = string[];

export interface LayoutProblems {
  /** Two text boxes drawn over each other. */
  overlapping: string[];
  /** Text outside the viewport. */
  outside: string[];
  /** Text hidden in part by a container that clips its overflow (ellipsis, overflow: hidden). */
  clipped: string[];
  /**
   * Text drawn past the border box of the box that holds it, one that does not clip: a code
   * wider than its round badge, a word wider than its grid cell or button. The holder is the
   * text's nearest ancestor laid out as a box (inline elements are skipped: an inline span is
   * as wide as its text and never overflows). Its own sizing (a width or height set, a grid
   * track, a shrunk flex item) is what the text spills out of. Not seen: an element that is a
   * grid or flex item of the badge (a <b> in a grid badge is made a block as wide as its text),
   * since it holds its text, and boxes spilling out of boxes are not text problems.
   */
  overflowing: string[];
}

/**
 * The box around everything an area draws: the matched elements and all their visible
 * descendants, so content spilling out of a short host still counts. Null when nothing shows.
 */
export async function areaBox(page: Page, path: AreaPath): Promise<Box | null> {
  return page.evaluate((steps) => {
    const kids = (root: Element | ShadowRoot): Element[] => [
      ...root.children,
      ...(root instanceof Element && root.shadowRoot ? root.shadowRoot.children : []),
    ];
    let roots: (Document | ShadowRoot)[] = [document];
    let found: Element[] = [];
    steps.forEach((step, i) => {
      found = roots.flatMap((r) => [...r.querySelectorAll(step)]);
      if (i < steps.length - 1) roots = found.flatMap((e) => (e.shadowRoot ? [e.shadowRoot] : []));
    });
    const rects: DOMRect[] = [];
    const walk = (e: Element) => {
      if (!e.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return;
      const r = e.getBoundingClientRect();
      if (r.width > 1 && r.height > 1) rects.push(r);
      for (const k of kids(e)) walk(k);
    };
    for (const e of found) walk(e);
    if (rects.length === 0) return null;
    const x = Math.min(...rects.map((r) => r.left));
    const y = Math.min(...rects.map((r) => r.top));
    const right = Math.max(...rects.map((r) => r.right));
    const bottom = Math.max(...rects.map((r) => r.bottom));
    return { x, y, width: right - x, height: bottom - y };
  }, path);
}

/** Whether two boxes share more than a hair (a pixel of anti-aliasing is not an overlap). */
export function overlaps(a: Box, b: Box, tolerance = 1): boolean {
  return (
    Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > tolerance &&
    Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > tolerance
  );
}

export function inside(inner: Box, outer: Box, tolerance = 1): boolean {
  return (
    inner.x >= outer.x - tolerance &&
    inner.y >= outer.y - tolerance &&
    inner.x + inner.width <= outer.x + outer.width + tolerance &&
    inner.y + inner.height <= outer.y + outer.height + tolerance
  );
}

export interface TextProblemOptions {
  /**
   * The page scrolls down (a long staff page): text below or above the viewport is reachable,
   * so only text beyond its left or right edge counts as outside. The board never scrolls.
   */
  scrollsVertically?: boolean;
}

/**
 * Every visible text on the page, line by line (Range client rects), checked against the
 * others, the viewport, each ancestor that clips its overflow, and the box that holds it.
 */
export async function textProblems(page: Page, options: TextProblemOptions = {}): Promise<LayoutProblems> {
  return page.evaluate((scrollsVertically) => {
    type Line = { text: string; node: number; r: DOMRect };
    const lines: Line[] = [];
    const clipped: string[] = [];
    const overflowing: string[] = [];
    let node = 0;
    const clips = (e: Element) => {
      const s = getComputedStyle(e);
      return s.overflowX !== 'visible' || s.overflowY !== 'visible';
    };
    const parentOf = (e: Element): Element | null =>
      e.parentElement ?? ((e.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
    /** Inside a box clipped away to a pixel: text for screen readers, never drawn. */
    const screenReaderOnly = (e: Element): boolean => {
      for (let a: Element | null = e; a; a = parentOf(a)) {
        const r = a.getBoundingClientRect();
        if (getComputedStyle(a).clipPath !== 'none' || (clips(a) && (r.width <= 2 || r.height <= 2)))
          return true;
      }
      return false;
    };
    /** The text's nearest ancestor with a box of its own: inline (and contents) ones have none. */
    const holderOf = (owner: Element): Element | null => {
      for (let a: Element | null = owner; a; a = parentOf(a)) {
        const display = getComputedStyle(a).display;
        if (display !== 'inline' && display !== 'contents') return a;
      }
      return null;
    };
    /**
     * A line's rect is the font's content area (ascent to descent), which overhangs a line box
     * set tighter than it (line-height 1) by half the difference above and below, by design.
     */
    const overhang = (owner: Element, r: DOMRect): number => {
      const lineHeight = Number.parseFloat(getComputedStyle(owner).lineHeight); // NaN for 'normal'
      return Number.isNaN(lineHeight) ? 0 : Math.max(0, (r.height - lineHeight) / 2);
    };
    const walk = (root: Node) => {
      for (const child of root.childNodes) {
        if (child instanceof Text) {
          const text = child.data.trim();
          const owner = child.parentElement;
          if (!text || !owner?.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
          if (screenReaderOnly(owner)) continue;
          const range = document.createRange();
          range.selectNodeContents(child);
          const id = node++;
          const holder = holderOf(owner);
          // A holder that clips hides what spills out of it: the clipped list names that text.
          const box =
            holder && holder !== document.documentElement && !clips(holder)
              ? holder.getBoundingClientRect()
              : null;
          for (const r of range.getClientRects()) {
            if (r.width <= 1 || r.height <= 1) continue;
            lines.push({ text, node: id, r });
            const slack = 1 + (box ? overhang(owner, r) : 0);
            if (
              box &&
              holder &&
              (r.left < box.left - 1 ||
                r.right > box.right + 1 ||
                r.top < box.top - slack ||
                r.bottom > box.bottom + slack)
            )
              overflowing.push(`"${text}" past <${holder.localName} class="${holder.className}">`);
            for (let a: Element | null = owner; a; a = parentOf(a)) {
              if (a === document.documentElement || !clips(a)) continue;
              const c = a.getBoundingClientRect();
              if (c.width <= 1 && c.height <= 1) break; // a screen-reader-only box
              if (
                r.left < c.left - 1 ||
                r.right > c.right + 1 ||
                r.top < c.top - 1 ||
                r.bottom > c.bottom + 1
              ) {
                clipped.push(`"${text}" by <${a.localName} class="${a.className}">`);
                break;
              }
            }
          }
        } else if (child instanceof Element) {
          if (child.localName === 'script' || child.localName === 'style') continue;
          if (child.shadowRoot) walk(child.shadowRoot);
          walk(child);
        }
      }
    };
    walk(document.body);
    const overlapping: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      for (let j = i + 1; j < lines.length; j++) {
        const a = lines[i]!;
        const b = lines[j]!;
        if (a.node === b.node) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        // A line's box is the font's whole ascent and descent: stacked lines set tight (large
        // type, line-height near 1) share a sliver of it with no glyph touching another.
        const sliver = Math.max(1, 0.2 * Math.min(a.r.height, b.r.height));
        if (w > 1 && h > sliver) overlapping.push(`"${a.text}" × "${b.text}"`);
      }
    }
    const outside = lines
      .filter(
        (l) =>
          l.r.left < -1 ||
          l.r.right > innerWidth + 1 ||
          (!scrollsVertically && (l.r.top < -1 || l.r.bottom > innerHeight + 1)),
      )
      .map((l) => `"${l.text}"`);
    return { overlapping, outside, clipped: [...new Set(clipped)], overflowing: [...new Set(overflowing)] };
  }, options.scrollsVertically ?? false);
}

/**
 * Whether the element at `path` is what a person sees over its whole box: at its center and at
 * eight points around it (15 % in from each edge), the topmost element (followed down through
 * shadow roots) is it or inside it. A panel covering half of it fails.
 */
export async function isOnTop(page: Page, path: AreaPath): Promise<boolean> {
  return page.evaluate((steps) => {
    let root: Document | ShadowRoot = document;
    let target: Element | null = null;
    for (const step of steps) {
      target = root.querySelector(step);
      if (!target) return false;
      if (target.shadowRoot) root = target.shadowRoot;
    }
    if (!target) return false;
    const r = target.getBoundingClientRect();
    const at = (fx: number, fy: number) => {
      const x = r.left + r.width * fx;
      const y = r.top + r.height * fy;
      let hit = document.elementFromPoint(x, y);
      while (hit?.shadowRoot) {
        const deeper = hit.shadowRoot.elementFromPoint(x, y);
        if (!deeper || deeper === hit) break;
        hit = deeper;
      }
      return hit !== null && (hit === target || target!.contains(hit));
    };
    const stops = [0.15, 0.5, 0.85];
    return stops.every((fx) => stops.every((fy) => at(fx, fy)));
  }, path);
}
