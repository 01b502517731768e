/**
 * `<luot-board-clock>`: the date and time in the hall, by the server's clock (the box's own
 * may be off), in the center's time zone. Ticks by itself once a second.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';

const TAGS: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };

@customElement('luot-board-clock')
export class BoardClock extends LitElement {
  static override styles = css`
    :host { display: grid; justify-items: end; line-height: 1.1; white-space: nowrap; }
    .time { font-size: 6vmin; font-weight: 700; font-variant-numeric: tabular-nums; }
    .date { font-size: 3.4vmin; }
  `;

  /** Server time minus local time, in ms. */
  @property({ type: Number }) offsetMs = 0;
  @property() locale: Locale = 'vi';
  @property() timeZone = 'Asia/Ho_Chi_Minh';
  @state() private now = Date.now();
  #timer: ReturnType<typeof setInterval> | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => (this.now = Date.now()), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  override render() {
    const at = new Date(this.now + this.offsetMs);
    const tag = TAGS[this.locale];
    const time = at.toLocaleTimeString(tag, {
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
      timeZone: this.timeZone,
    });
    const date = at.toLocaleDateString(tag, {
      weekday: 'long',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: this.timeZone,
    });
    return html`<time datetime=${at.toISOString()}><span class="time">${time}</span><br /><span class="date">${date}</span></time>`;
  }
}
