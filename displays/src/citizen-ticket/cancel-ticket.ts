/**
 * `<luot-cancel-ticket>`: "Hủy số", then a confirmation in place (no browser dialog) with
 * "Xác nhận hủy số" and "Giữ số". Fires `cancel-ticket` once confirmed; focus moves to the
 * safe choice when asking, and back when the citizen keeps the ticket.
 *
 * Properties: `number`, `locale`, `busy`.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { citizenText } from '../../../shared/src/i18n/citizen.js';
import { citizenStyles } from './citizen-styles.js';

export type CancelTicketEvent = CustomEvent<void>;

@customElement('luot-cancel-ticket')
export class CancelTicket extends LitElement {
  static override styles = [
    citizenStyles,
    css`
      :host { display: block; }
      .ask { border: 2px solid #a4000f; }
    `,
  ];

  @property() number = '';
  @property() locale: Locale = 'vi';
  @property({ type: Boolean }) busy = false;
  @state() private asking = false;
  @query('button.secondary') private keepButton?: HTMLButtonElement;
  @query('button.start') private startButton?: HTMLButtonElement;

  async #ask(asking: boolean): Promise<void> {
    this.asking = asking;
    await this.updateComplete;
    (asking ? this.keepButton : this.startButton)?.focus();
  }

  #confirm(): void {
    this.dispatchEvent(new CustomEvent('cancel-ticket', { bubbles: true, composed: true }));
  }

  override render() {
    const t = (k: Parameters<typeof citizenText>[1], p?: Record<string, string>) =>
      citizenText(this.locale, k, p);
    if (!this.asking) {
      return html`<button class="secondary start" @click=${() => this.#ask(true)}>${t('cancel.action')}</button>`;
    }
    return html`<div class="card ask" role="group" aria-label=${t('cancel.action')}>
      <p>${t('cancel.question', { number: this.number })}</p>
      <div class="row">
        <button class="danger" ?disabled=${this.busy} @click=${this.#confirm}>${t('cancel.confirm')}</button>
        <button class="secondary" @click=${() => this.#ask(false)}>${t('cancel.keep')}</button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'luot-cancel-ticket': CancelTicket;
  }
}
