/**
 * `<luot-kiosk-services>`: the center's services as big touch buttons. A service that is not
 * issuing now is greyed and disabled, with the reason inside its button so a screen reader
 * says it too. Each that issues says which counters serve it now, or that none does yet (it
 * still issues: the ticket keeps its place). Fires `service-chosen` with `{ serviceId }`.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { servingCountersText } from '../../../shared/src/i18n/serving.js';
import { type KioskService, serviceName, unavailableReason } from './kiosk-state.js';

export type ServiceChosenEvent = CustomEvent<{ serviceId: number }>;

@customElement('luot-kiosk-services')
export class KioskServices extends LitElement {
  static override styles = css`
    :host { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1.25rem; }
    button { display: flex; align-items: center; gap: 1.25rem; min-height: 7rem; padding: 1rem 1.5rem;
      font: inherit; font-size: 1.75rem; font-weight: 600; text-align: start; color: #fff; background: #0b5cad;
      border: 0; border-radius: 1rem; box-shadow: 0 3px 0 #073a6e; cursor: pointer; touch-action: manipulation; }
    button:active { transform: translateY(2px); box-shadow: 0 1px 0 #073a6e; }
    button:focus-visible { outline: 4px solid #ffbf47; outline-offset: 3px; }
    .code { flex: none; display: grid; place-items: center; width: 4.5rem; height: 4.5rem; border-radius: 50%;
      background: #fff; color: #0b5cad; font-size: 2.2rem; font-weight: 800; }
    .text { display: grid; gap: 0.3rem; }
    .why, .serving { font-size: 1.2rem; font-weight: 600; }
    .serving { color: #dbe9f8; }
    .serving.none { color: #ffe08a; }
    button:disabled { background: #d9dde3; color: #3d4450; box-shadow: none; cursor: not-allowed; }
    button:disabled .code { background: #eef0f3; color: #3d4450; }
    /* A standing (portrait) kiosk: two wide columns whose rows share the height below the
       header, in type scaled to the screen, instead of a strip of small buttons at the top. */
    @media (orientation: portrait) {
      :host { grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr)); grid-auto-rows: minmax(8rem, 1fr); }
      button { font-size: clamp(1.75rem, 3.6vw, 3.2rem); gap: 1.5rem; padding: 1.25rem 2rem; }
      .code { width: clamp(4.5rem, 9vw, 8rem); height: clamp(4.5rem, 9vw, 8rem); font-size: clamp(2.2rem, 4.6vw, 4rem); }
      .why, .serving { font-size: clamp(1.2rem, 2.3vw, 2rem); }
    }
  `;

  @property({ attribute: false }) services: KioskService[] = [];
  @property() locale: Locale = 'vi';
  /** Offline: nothing can be taken, whatever the list says. */
  @property({ type: Boolean }) disabled = false;

  #choose(serviceId: number): void {
    this.dispatchEvent(
      new CustomEvent('service-chosen', { detail: { serviceId }, bubbles: true, composed: true }),
    );
  }

  #serving(service: KioskService) {
    const serving = service.servingCounters;
    if (!serving) return null;
    return html`<span class=${serving.length === 0 ? 'serving none' : 'serving'} data-serving>${servingCountersText(this.locale, serving)}</span>`;
  }

  override render() {
    return this.services.map((service) => {
      const why = unavailableReason(service, this.locale);
      return html`<button data-service=${service.code} ?disabled=${this.disabled || why !== null}
        @click=${() => this.#choose(service.id)}>
        <span class="code" aria-hidden="true">${service.code}</span>
        <span class="text"><span>${serviceName(service, this.locale)}</span>
          ${why ? html`<span class="why">${why}</span>` : this.#serving(service)}</span>
      </button>`;
    });
  }
}
