/**
 * A Lit reactive controller that pages a list to fit its own area on the board. When the items
 * or the area change, the host renders every item once, this measures where each falls
 * (board-pages.ts decides the breaks), and the host then renders only the current page. Both
 * renders run in the same task, before the screen paints, so nothing flickers. The host gives
 * its list a fixed height (a grid track, overflow hidden), so a page never changes the size
 * it is measured against.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type PageRanges, pageRanges } from './board-pages.js';

export class BoardPager implements ReactiveController {
  #pages: PageRanges = [[0, 0]];
  #measuring = true;
  #observer: ResizeObserver | null = null;
  #observed: HTMLElement | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** The list element whose children are the items, once rendered. */
    private readonly list: () => HTMLElement | null | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer = new ResizeObserver(() => this.remeasure());
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#observed = null;
  }

  /** Lay every item out again and page them: call in the host's willUpdate when items change. */
  remeasure(): void {
    if (this.#measuring) return;
    this.#measuring = true;
    this.host.requestUpdate();
  }

  get count(): number {
    return this.#pages.length;
  }

  /** The page shown at this turn of the board (turns count up forever). */
  index(turn: number): number {
    return this.#measuring ? 0 : turn % this.#pages.length;
  }

  /** The [start, end) of the items to render at this turn: all of them while measuring. */
  range(turn: number, total: number): [number, number] {
    if (this.#measuring) return [0, total];
    return this.#pages[this.index(turn)] ?? [0, total];
  }

  hostUpdated(): void {
    const list = this.list();
    if (!list) return;
    if (list !== this.#observed) {
      // A new list element (after the empty state, say): watch it, and forget the old one.
      if (this.#observed) this.#observer?.unobserve(this.#observed);
      this.#observer?.observe(list);
      this.#observed = list;
    }
    if (!this.#measuring) return;
    const origin = list.getBoundingClientRect().top;
    const boxes = [...list.children].map((item) => {
      const r = item.getBoundingClientRect();
      return { top: r.top - origin, bottom: r.bottom - origin };
    });
    this.#pages = pageRanges(boxes, list.clientHeight);
    this.#measuring = false;
    this.host.requestUpdate();
  }
}
