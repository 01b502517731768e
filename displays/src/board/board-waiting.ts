/**
 * `<luot-board-waiting>`: how many people wait for each service, by its code and name, and
 * which open counters serve it now ("Quầy 1, 3"), or a clear "Chưa có quầy phục vụ" while
 * none does (from the live counters, so it follows every open and close). Long names wrap; when the services do not fit the panel's area they are paged (board-pager.ts),
 * one page per `turn` of the board, with "Trang 2/3" beside the heading.
 */
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ServiceName } from '../../../shared/src/api/services.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { displayText } from '../../../shared/src/i18n/displays.js';
import { servingCountersText } from '../../../shared/src/i18n/serving.js';
import type { PublicService } from '../../../shared/src/protocol.js';
import { servingCounterNumbers } from '../../../shared/src/serving-counters.js';
import { BoardPager } from './board-pager.js';
import type { BoardCounter } from './board-state.js';
import { panelStyles } from './board-styles.js';

/** A service as the board draws it, from GET /api/centers/:id/services or `services.changed` (an inactive one is left off). */
export type BoardService = ServiceName & Partial<Pick<PublicService, 'active'>>;

/** A person, drawn: the unit of the waiting count, read the same in any language. */
const person = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <circle cx="12" cy="7" r="4.2" /><path d="M3.5 22c0-5 3.8-8.5 8.5-8.5s8.5 3.5 8.5 8.5z" />
</svg>`;

@customElement('luot-board-waiting')
export class BoardWaiting extends LitElement {
  static override styles = [
    panelStyles,
    css`
      :host { display: grid; grid-template-rows: auto minmax(0, 1fr); gap: 1.2vmin; min-height: 0; min-width: 0;
        overflow: hidden; }
      ul { list-style: none; margin: 0; padding: 0; display: grid; align-content: start; gap: 1vmin 1.4vmin;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 60vmin), 1fr)); min-height: 0; overflow: hidden; }
      li { display: grid; grid-template-columns: auto minmax(0, 1fr) auto; align-items: center; gap: 1.6vmin;
        padding: 0.6vmin 1.4vmin; border-radius: 1vmin; background: #132f55; }
      /* As wide as two letters, so most names line up; a three-letter code takes a little more. */
      .code { min-width: calc(min(var(--code-chars, 1), 2) * 0.72em); text-align: center; font-weight: 800;
        font-size: 4.2vmin; line-height: 1.1; color: #ffd43b; }
      .about { display: grid; gap: 0.2vmin; min-width: 0; }
      .name { font-size: 3.8vmin; line-height: 1.12; overflow-wrap: break-word; }
      .serving { font-size: 3.4vmin; line-height: 1.2; color: #b8f2c8; overflow-wrap: break-word; }
      .serving.none { color: #ffc58a; font-weight: 600; }
      /* The count is a number and a person drawn beside it; "người chờ" is said to screen readers
         only, so the names keep the row's width and six services fit a 1080p board at 36 px. */
      .count { display: flex; align-items: center; gap: 0.6vmin; white-space: nowrap; line-height: 1.1; }
      .n { font-size: 5vmin; font-weight: 800; font-variant-numeric: tabular-nums; }
      .count svg { width: 3.6vmin; height: 3.6vmin; fill: #c9d6e8; flex: none; }
    `,
  ];

  @property({ attribute: false }) services: BoardService[] = [];
  @property({ attribute: false }) waiting: Record<number, number> = {};
  /** The center's counters as the board knows them live: who serves each service now. */
  @property({ attribute: false }) counters: BoardCounter[] = [];
  @property() locale: Locale = 'vi';
  /** The board's page turn: the page shown is this modulo the number of pages. */
  @property({ type: Number }) turn = 0;

  #pager = new BoardPager(this, () => this.renderRoot.querySelector('ul'));

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('services') || changed.has('waiting') || changed.has('counters') || changed.has('locale'))
      this.#pager.remeasure();
  }

  #serving(serviceId: number) {
    const serving = servingCounterNumbers(this.counters, serviceId);
    return html`<span class=${serving.length === 0 ? 'serving none' : 'serving'} data-serving>${servingCountersText(this.locale, serving)}</span>`;
  }

  override render() {
    const shown = this.services.filter((s) => s.active !== false);
    const [start, end] = this.#pager.range(this.turn, shown.length);
    const codeChars = Math.max(1, ...shown.map((s) => s.code.length));
    return html`<div class="bar">
        <h2 id="waiting">${displayText(this.locale, 'board.waiting')}</h2>
        ${
          this.#pager.count > 1
            ? html`<span class="page">${displayText(this.locale, 'board.page', {
                page: this.#pager.index(this.turn) + 1,
                pages: this.#pager.count,
              })}</span>`
            : nothing
        }
      </div>
      <ul aria-labelledby="waiting" style="--code-chars: ${codeChars}">
        ${shown.slice(start, end).map(
          (s) => html`<li data-service=${s.code}>
            <span class="code">${s.code}</span>
            <span class="about"><span class="name">${this.locale === 'en' ? s.nameEn : s.name}</span>
              ${this.#serving(s.id)}</span>
            <span class="count"><span class="n">${this.waiting[s.id] ?? 0}</span>${person}<span class="sr"> ${displayText(this.locale, 'board.waitingPeople')}</span></span>
          </li>`,
        )}
      </ul>`;
  }
}
