/**
 * `<luot-board-calls>`: the last called tickets and their counters, newest first and largest;
 * a call received live is highlighted until its `freshUntil`. The newest fresh call is also
 * put in a polite live region for screen readers.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type DisplayMessageKey, displayText } from '../../../shared/src/i18n/displays.js';
import type { BoardCall } from './board-state.js';

@customElement('luot-board-calls')
export class BoardCalls extends LitElement {
  static override styles = css`
    :host { display: grid; align-content: start; gap: 1.5vh; min-height: 0; }
    h2 { margin: 0; font-size: 3.4vh; font-weight: 600; color: #c9d6e8; text-transform: uppercase; letter-spacing: 0.05em; }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 1.2vh; }
    li { display: grid; grid-template-columns: 1fr auto auto; align-items: center; gap: 2vw;
      padding: 0.6vh 1.6vw; border-radius: 1vh; background: #132f55; font-size: 6.5vh; font-weight: 700; line-height: 1.15; }
    li.latest { font-size: 13vh; padding: 1.5vh 1.6vw; }
    li.fresh { background: #ffd43b; color: #111; }
    li.fresh.latest { animation: pulse 1s ease-in-out 3; }
    .number { font-variant-numeric: tabular-nums; letter-spacing: 0.03em; }
    .counter { white-space: nowrap; }
    .arrow { font-weight: 400; opacity: 0.8; }
    .recall { display: block; font-size: 0.35em; font-weight: 600; }
    .empty { font-size: 4vh; color: #c9d6e8; margin: 2vh 0; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    @keyframes pulse { 50% { transform: scale(1.03); } }
    @media (prefers-reduced-motion: reduce) { li.fresh.latest { animation: none; } }
  `;

  @property({ attribute: false }) calls: BoardCall[] = [];
  @property() locale: Locale = 'vi';
  /** Local time the highlight is judged against; the board updates it when a highlight ends. */
  @property({ type: Number }) now = 0;

  #t(key: DisplayMessageKey, params?: Record<string, string | number>): string {
    return displayText(this.locale, key, params);
  }

  override render() {
    const latest = this.calls[0];
    const announced =
      latest && latest.freshUntil > this.now
        ? this.#t('board.callTo', { number: latest.number, counter: latest.counterNumber })
        : '';
    return html`<h2 id="calls">${this.#t('board.calls')}</h2>
      <div class="sr" role="status" aria-live="polite">${announced}</div>
      ${
        this.calls.length === 0
          ? html`<p class="empty">${this.#t('board.noCalls')}</p>`
          : html`<ol aria-labelledby="calls">
              ${this.calls.map((call, i) => {
                const fresh = call.freshUntil > this.now;
                return html`<li class="${i === 0 ? 'latest' : ''} ${fresh ? 'fresh' : ''}" ?data-fresh=${fresh}>
                  <span class="number">${call.number}</span>
                  <span class="arrow" aria-hidden="true">→</span>
                  <span class="counter">${this.#t('board.counterName', { number: call.counterNumber })}
                    ${call.recall ? html`<span class="recall">${this.#t('board.recall')}</span>` : nothing}</span>
                </li>`;
              })}
            </ol>`
      }`;
  }
}
