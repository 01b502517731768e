/**
 * `<luot-board-counters>`: what each open counter is doing now (the number it called or
 * serves, or ready), and which are paused. Closed counters are left out. When the tiles do not
 * fit the panel's area they are paged (board-pager.ts), one page per `turn` of the board.
 */
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type DisplayMessageKey, displayText } from '../../../shared/src/i18n/displays.js';
import { BoardPager } from './board-pager.js';
import type { BoardCounter } from './board-state.js';
import { panelStyles } from './board-styles.js';

@customElement('luot-board-counters')
export class BoardCounters extends LitElement {
  static override styles = [
    panelStyles,
    css`
      :host { display: grid; grid-template-rows: auto minmax(0, 1fr); gap: 1.2vmin; min-height: 0; min-width: 0;
        overflow: hidden; }
      ul { list-style: none; margin: 0; padding: 0; display: grid; align-content: start; gap: 1vmin;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 22vmin), 1fr)); min-height: 0; overflow: hidden; }
      li { display: grid; gap: 0.2vmin; padding: 0.8vmin 1.2vmin; border-radius: 1vmin; background: #132f55; min-width: 0;
        container-type: inline-size; }
      .name { font-size: 3.6vmin; line-height: 1.2; color: #c9d6e8; overflow-wrap: break-word; }
      /* One height for a number and a word, so every tile of a row is alike; a long number (a
         three-letter code) or word shrinks to its tile rather than wrap or spill. */
      .value { display: flex; align-items: center; min-height: 1.15em; font-size: 4.6vmin; line-height: 1.15;
        font-weight: 700; font-variant-numeric: tabular-nums; white-space: nowrap; }
      .now { font-size: min(1em, calc(100cqw / (var(--chars) * 0.7))); }
      .idle { font-size: min(0.74em, calc(100cqw / 5.2)); font-weight: 600; color: #b8f2c8; }
      li.paused { background: #2b2f3a; }
      li.paused .idle { color: #ffd7a8; }
      .empty { font-size: 3.6vmin; color: #c9d6e8; margin: 0; }
    `,
  ];

  @property({ attribute: false }) counters: BoardCounter[] = [];
  @property() locale: Locale = 'vi';
  /** The board's page turn: the page shown is this modulo the number of pages. */
  @property({ type: Number }) turn = 0;

  #pager = new BoardPager(this, () => this.renderRoot.querySelector('ul'));

  #t(key: DisplayMessageKey, params?: Record<string, string | number>): string {
    return displayText(this.locale, key, params);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('counters') || changed.has('locale')) this.#pager.remeasure();
  }

  override render() {
    const shown = this.counters.filter((c) => c.state !== 'closed');
    const [start, end] = this.#pager.range(this.turn, shown.length);
    return html`<div class="bar">
        <h2 id="counters">${this.#t('board.counters')}</h2>
        ${
          this.#pager.count > 1 && shown.length > 0
            ? html`<span class="page">${this.#t('board.page', {
                page: this.#pager.index(this.turn) + 1,
                pages: this.#pager.count,
              })}</span>`
            : nothing
        }
      </div>
      ${
        shown.length === 0
          ? html`<p class="empty">${this.#t('board.noOpenCounters')}</p>`
          : html`<ul aria-labelledby="counters">
              ${shown.slice(start, end).map(
                (c) => html`<li class=${c.state} data-counter=${c.number}>
                  <span class="name">${this.#t('board.counterName', { number: c.number })}</span>
                  <span class="value">${
                    c.state === 'paused'
                      ? html`<span class="idle">${this.#t('board.counterPaused')}</span>`
                      : c.ticket
                        ? html`<span class="now" style="--chars: ${Math.max(4, c.ticket.number.length)}">${c.ticket.number}</span>`
                        : html`<span class="idle">${this.#t('board.counterReady')}</span>`
                  }</span>
                </li>`,
              )}
            </ul>`
      }`;
  }
}
