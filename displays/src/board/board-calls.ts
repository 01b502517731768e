/**
 * `<luot-board-calls>`: the last called tickets and their counters, newest first and largest;
 * a call received live is highlighted until its `freshUntil`. The newest fresh call is also
 * put in a polite live region for screen readers.
 *
 * The list has a fixed slot for each of the MAX_CALLS calls, sized from the area it is given
 * (container units), so a seventh call never pushes anything out of it and the type is as large
 * as the area allows; a long number shrinks to fit its slot's width. A wide area (a portrait TV)
 * puts the older calls in two columns, which leaves the newest more height.
 *
 * A transfer takes its old number's row: "A010 → E003", and the new service's name under it
 * in the newest row (issue 11 item 17), so a citizen holding the paper ticket learns the number
 * they will be called by. Every row says it in full for screen readers.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type DisplayMessageKey, displayText } from '../../../shared/src/i18n/displays.js';
import type { BoardCall } from './board-state.js';
import { panelStyles } from './board-styles.js';
import type { BoardService } from './board-waiting.js';

/** A circling arrow, drawn: a recall among the older calls (no font needed for a symbol). */
const recalledMark = html`<svg class="recalled" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <path d="M20 12a8 8 0 1 1-2.34-5.66" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" />
  <path d="M20 3v6h-6z" fill="currentColor" />
</svg>`;

@customElement('luot-board-calls')
export class BoardCalls extends LitElement {
  static override styles = [
    panelStyles,
    css`
      :host { display: grid; grid-template-rows: auto minmax(0, 1fr); gap: 1.2vmin; min-height: 0; min-width: 0;
        overflow: hidden; }
      .frame { container-type: size; min-height: 0; }
      ol { list-style: none; margin: 0; padding: 0; height: 100%; display: grid; gap: 1.2vmin;
        grid-template-columns: minmax(0, 1fr); grid-template-rows: minmax(0, 34fr) repeat(6, minmax(0, 10fr));
        --row-font: min(6.2cqh, 7.2cqw); --row-width: 100cqw; }
      li { display: grid; grid-template-columns: auto minmax(0, 1fr); align-items: center; column-gap: 2vmin;
        min-width: 0; padding: 0 2.4vmin; border-radius: 1vmin; background: #132f55; font-size: var(--row-font);
        font-weight: 700; line-height: 1.15; }
      .number { font-variant-numeric: tabular-nums; letter-spacing: 0.02em; white-space: nowrap;
        /* Shrinks with the number's length (about 0.72 em a character) to fit its slot. */
        font-size: min(1em, calc(var(--row-width) * 0.45 / (var(--chars) * 0.72))); }
      /* The counter's name (its length varies by language) shrinks the same way to its share. */
      .where { justify-self: end; display: flex; align-items: center; gap: 0.3em; white-space: nowrap;
        font-size: min(1em, calc(var(--row-width) * var(--where-share, 0.5) / (var(--where-chars) * 0.66))); }
      .recalled { width: 0.9em; height: 0.9em; flex: none; }
      .to { font-variant-numeric: tabular-nums; color: #ffd43b; }
      /* A transfer to a named counter: "· Quầy 5" after the new number, in the same colour. */
      .to-counter { color: #ffd43b; font-weight: 600; }
      /* The newest row, a transfer: "A010 → E003" on one line sized to the slot's width, the new
         service's name under it (it may wrap once). */
      li.latest .line { display: flex; align-items: baseline; gap: 0.3em; white-space: nowrap; line-height: 1.05;
        font-size: min(1.2em, calc(var(--row-width) * 0.9 / (var(--line-chars) * 0.72))); }
      li.latest .line .number, li.latest .line .where { font-size: 1em; }
      .service { font-size: max(3.4vmin, 0.36em); font-weight: 600; line-height: 1.2; text-align: center;
        overflow-wrap: anywhere; max-width: 100%; color: #c9d6e8; }
      .arrow { font-weight: 400; opacity: 0.8; }
      .recall { font-size: max(3.4vmin, 0.42em); font-weight: 700; text-transform: uppercase; white-space: nowrap;
        padding: 0.1em 0.5em; border-radius: 0.4em; background: #ffd43b; color: #111; }
      li.latest { display: flex; flex-direction: column; justify-content: center; align-items: center; gap: 0.4vmin;
        padding: 1vmin 2.4vmin; font-size: min(9.5cqh, 11.5cqw); --where-share: 0.9; }
      li.latest .number { line-height: 1.05; font-size: min(1.75em, calc(var(--row-width) * 0.9 / (var(--chars) * 0.72))); }
      li.fresh { background: #ffd43b; color: #111; }
      li.fresh .recall { background: #111; color: #ffd43b; }
      li.fresh.latest { animation: flash 1s ease-in-out 3; }
      .empty { font-size: 4vmin; color: #c9d6e8; margin: 2vmin 0; }
      /* A glow, not a scale: nothing moves over its neighbours. */
      @keyframes flash { 50% { box-shadow: 0 0 0 0.8vmin #fff8; } }
      @media (prefers-reduced-motion: reduce) { li.fresh.latest { animation: none; } }
      @container (min-aspect-ratio: 4/3) {
        ol { grid-template-columns: repeat(2, minmax(0, 1fr)); grid-template-rows: minmax(0, 40fr) repeat(3, minmax(0, 14fr));
          --row-font: min(8.4cqh, 3.6cqw); --row-width: 50cqw; }
        li.latest { grid-column: 1 / -1; font-size: min(13cqh, 9cqw); }
        li.latest .number { font-size: min(1.75em, calc(100cqw * 0.9 / (var(--chars) * 0.72))); }
        li.latest .line { font-size: min(1.2em, calc(100cqw * 0.9 / (var(--line-chars) * 0.72))); }
      }
    `,
  ];

  @property({ attribute: false }) calls: BoardCall[] = [];
  /** The center's services, for the name of the service a transfer went to. */
  @property({ attribute: false }) services: BoardService[] = [];
  @property() locale: Locale = 'vi';
  /** Local time the highlight is judged against; the board updates it when a highlight ends. */
  @property({ type: Number }) now = 0;

  #t(key: DisplayMessageKey, params?: Record<string, string | number>): string {
    return displayText(this.locale, key, params);
  }

  /**
   * One call. The newest says "Gọi lại" in full when it is a recall; an older row has no room
   * for it in every language, so it shows a drawn mark and keeps the words for screen readers.
   */
  #serviceName(serviceId: number): string {
    const service = this.services.find((s) => s.id === serviceId);
    if (!service) return '';
    return this.locale === 'en' ? service.nameEn : service.name;
  }

  /**
   * A transfer: the old number, an arrow, the new number, and the counter when the transfer
   * named one ("A010 → E003 · Quầy 5"); the new service's name in the newest row.
   */
  #transferRow(call: BoardCall, to: NonNullable<BoardCall['transferredTo']>, latest: boolean) {
    const service = this.#serviceName(to.serviceId);
    const counter =
      to.counterNumber === undefined ? '' : this.#t('board.counterName', { number: to.counterNumber });
    const said = counter
      ? this.#t('board.transferredToCounter', {
          from: call.number,
          to: to.number,
          service,
          counter: to.counterNumber!,
        })
      : this.#t('board.transferred', { from: call.number, to: to.number, service });
    const number = html`<span class="number" aria-hidden="true" style="--chars: ${Math.max(4, call.number.length)}"
      >${call.number}</span>`;
    const toChars = to.number.length + (counter ? counter.length + 3 : 0);
    const where = html`<span class="where" aria-hidden="true" style="--where-chars: ${2 + toChars}"
      ><span class="arrow">→</span> <span class="to">${to.number}</span>${
        counter ? html` <span class="to-counter">· ${counter}</span>` : nothing
      }</span>`;
    if (!latest) {
      return html`<li class="transfer" data-transfer=${to.number}><span class="sr">${said}</span>${number}${where}</li>`;
    }
    const lineChars = call.number.length + toChars + 3;
    return html`<li class="latest transfer" data-transfer=${to.number}>
      <span class="sr">${said}</span>
      <span class="line" style="--line-chars: ${Math.max(9, lineChars)}">${number}${where}</span>
      ${service ? html`<span class="service" aria-hidden="true">${service}</span>` : nothing}
    </li>`;
  }

  #row(call: BoardCall, latest: boolean) {
    if (call.transferredTo) return this.#transferRow(call, call.transferredTo, latest);
    const fresh = call.freshUntil > this.now;
    const counter = this.#t('board.counterName', { number: call.counterNumber });
    const recall = this.#t('board.recall');
    // Characters the counter's side takes, for the shrink-to-fit above: arrow, name, recall.
    const whereChars = 2 + counter.length + (call.recall ? (latest ? recall.length * 0.5 + 1.5 : 1.5) : 0);
    return html`<li class="${latest ? 'latest' : ''} ${fresh ? 'fresh' : ''}" ?data-fresh=${fresh}>
      <span class="number" style="--chars: ${Math.max(4, call.number.length)}">${call.number}</span>
      <span class="where" style="--where-chars: ${whereChars}"><span class="arrow" aria-hidden="true">→</span>
        <span class="counter">${counter}</span>
        ${
          !call.recall
            ? nothing
            : latest
              ? html`<span class="recall">${recall}</span>`
              : html`${recalledMark}<span class="sr">${recall}</span>`
        }</span>
    </li>`;
  }

  override render() {
    const latest = this.calls[0];
    const announced =
      latest && latest.freshUntil > this.now
        ? this.#t('board.callTo', { number: latest.number, counter: latest.counterNumber })
        : '';
    return html`<div class="bar"><h2 id="calls">${this.#t('board.calls')}</h2></div>
      <div class="sr" role="status" aria-live="polite">${announced}</div>
      ${
        this.calls.length === 0
          ? html`<p class="empty">${this.#t('board.noCalls')}</p>`
          : html`<div class="frame"><ol aria-labelledby="calls">
              ${this.calls.map((call, i) => this.#row(call, i === 0))}
            </ol></div>`
      }`;
  }
}
