/**
 * `<luot-kiosk-priority>`: "Không ưu tiên" or one of the priority kinds, each a big button
 * that takes the ticket at once (one tap fewer for the people priority is for). Priority is
 * claimed here and checked by a clerk at the counter. Fires `priority-chosen` with
 * `{ priority }` (null: none) and `back`.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type KioskMessageKey, kioskText } from '../../../shared/src/i18n/kiosk.js';
import { PRIORITIES, type Priority } from '../../../shared/src/protocol.js';
import { PRIORITY_KEYS } from './kiosk-state.js';

export type PriorityChosenEvent = CustomEvent<{ priority: Priority | null }>;

@customElement('luot-kiosk-priority')
export class KioskPriority extends LitElement {
  static override styles = css`
    :host { display: grid; gap: 1.25rem; }
    h2 { margin: 0; font-size: 2.2rem; }
    .service { margin: 0; font-size: 1.5rem; color: #333; }
    .choices { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; }
    button { min-height: 6rem; padding: 1rem 1.5rem; font: inherit; font-size: 1.7rem; font-weight: 600;
      border-radius: 1rem; border: 3px solid #0b5cad; background: #fff; color: #0b3d6e; cursor: pointer;
      touch-action: manipulation; }
    button.none { grid-column: 1 / -1; background: #0b5cad; color: #fff; }
    button:focus-visible { outline: 4px solid #ffbf47; outline-offset: 3px; }
    button:disabled { opacity: 0.5; cursor: wait; }
    .note { margin: 0; font-size: 1.3rem; color: #333; }
    .back { justify-self: start; min-height: 4.5rem; border-color: #555; color: #1a1a1a; }
  `;

  @property() serviceName = '';
  @property() locale: Locale = 'vi';
  /** While the ticket is being taken: no second tap. */
  @property({ type: Boolean }) busy = false;

  #fire(name: 'priority-chosen' | 'back', detail?: { priority: Priority | null }): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  override render() {
    const t = (k: KioskMessageKey) => kioskText(this.locale, k);
    return html`
      <h2>${t('priority.question')}</h2>
      <p class="service">${this.serviceName}</p>
      <div class="choices" role="group" aria-label=${t('priority.title')}>
        <button class="none" ?disabled=${this.busy} @click=${() => this.#fire('priority-chosen', { priority: null })}>
          ${t('priority.none')}</button>
        ${PRIORITIES.map(
          (p) => html`<button data-priority=${p} ?disabled=${this.busy}
            @click=${() => this.#fire('priority-chosen', { priority: p })}>${t(PRIORITY_KEYS[p])}</button>`,
        )}
      </div>
      <p class="note">${t('priority.note')}</p>
      <button class="back" ?disabled=${this.busy} @click=${() => this.#fire('back')}>${t('action.back')}</button>`;
  }
}
