/**
 * `<luot-board-counters>`: what each open counter is doing now (the number it called or
 * serves, or ready), and which are paused. Closed counters are left out.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type DisplayMessageKey, displayText } from '../../../shared/src/i18n/displays.js';
import type { BoardCounter } from './board-state.js';

@customElement('luot-board-counters')
export class BoardCounters extends LitElement {
  static override styles = css`
    :host { display: grid; align-content: start; gap: 1.5vh; min-height: 0; }
    h2 { margin: 0; font-size: 3.4vh; font-weight: 600; color: #c9d6e8; text-transform: uppercase; letter-spacing: 0.05em; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: 1fr 1fr; gap: 1.2vh 1vw; }
    li { display: grid; gap: 0.3vh; padding: 1vh 1vw; border-radius: 1vh; background: #132f55; }
    .name { font-size: 3vh; color: #c9d6e8; }
    .now { font-size: 5.5vh; font-weight: 700; font-variant-numeric: tabular-nums; }
    .idle { font-size: 3.4vh; font-weight: 600; color: #b8f2c8; }
    li.paused { background: #2b2f3a; }
    li.paused .idle { color: #ffd7a8; }
    .empty { font-size: 3.4vh; color: #c9d6e8; margin: 0; }
  `;

  @property({ attribute: false }) counters: BoardCounter[] = [];
  @property() locale: Locale = 'vi';

  #t(key: DisplayMessageKey, params?: Record<string, string | number>): string {
    return displayText(this.locale, key, params);
  }

  override render() {
    const shown = this.counters.filter((c) => c.state !== 'closed');
    return html`<h2 id="counters">${this.#t('board.counters')}</h2>
      ${
        shown.length === 0
          ? html`<p class="empty">${this.#t('board.noOpenCounters')}</p>`
          : html`<ul aria-labelledby="counters">
              ${shown.map(
                (c) => html`<li class=${c.state} data-counter=${c.number}>
                  <span class="name">${this.#t('board.counterName', { number: c.number })}</span>
                  ${
                    c.state === 'paused'
                      ? html`<span class="idle">${this.#t('board.counterPaused')}</span>`
                      : c.ticket
                        ? html`<span class="now">${c.ticket.number}</span>`
                        : html`<span class="idle">${this.#t('board.counterReady')}</span>`
                  }
                </li>`,
              )}
            </ul>`
      }`;
  }
}
