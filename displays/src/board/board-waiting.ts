/** `<luot-board-waiting>`: how many people wait for each service, by its code and name. */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { displayText } from '../../../shared/src/i18n/displays.js';

export interface BoardService {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  /** An inactive service takes no tickets: left off the board. */
  active?: boolean;
}

@customElement('luot-board-waiting')
export class BoardWaiting extends LitElement {
  static override styles = css`
    :host { display: block; }
    h2 { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(40vw, 1fr)); gap: 1vh 1vw; }
    li { display: flex; align-items: baseline; gap: 0.8vw; min-width: 0; padding: 0.8vh 1vw; border-radius: 1vh; background: #132f55; font-size: 2.8vh; }
    .code { font-weight: 800; font-size: 3.4vh; color: #ffd43b; }
    .name { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .count { font-weight: 700; white-space: nowrap; }
  `;

  @property({ attribute: false }) services: BoardService[] = [];
  @property({ attribute: false }) waiting: Record<number, number> = {};
  @property() locale: Locale = 'vi';

  override render() {
    return html`<h2 id="waiting">${displayText(this.locale, 'board.waiting')}</h2>
      <ul aria-labelledby="waiting">
        ${this.services
          .filter((s) => s.active !== false)
          .map(
            (s) => html`<li data-service=${s.code}>
            <span class="code">${s.code}</span>
            <span class="name">${this.locale === 'en' ? s.nameEn : s.name}</span>
            <span class="count">${displayText(this.locale, 'board.waitingCount', { count: this.waiting[s.id] ?? 0 })}</span>
          </li>`,
          )}
      </ul>`;
  }
}
