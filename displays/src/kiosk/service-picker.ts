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
  /* Every size is in em of the host's type, which follows the screen (20 px at 1366×768, 28 px
     at 1920×1080): the grid scales as one, and 20 services fit either screen in five columns of
     names wrapped to up to four lines, without scrolling (a citizen does not know to scroll a
     kiosk). Where even that does not fit (a phone, a 4:3 screen) the page scrolls rather than
     cut anything, and a word too long for its column breaks rather than run out of it. */
  static override styles = css`
    :host { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 12.5em), 1fr));
      align-content: start; gap: 0.6em; font-size: clamp(1.25rem, min(2.6vh, 1.46vw), 1.75rem); }
    button { display: flex; align-items: center; gap: 0.5em; min-height: 4.5em; padding: 0.4em 0.6em;
      font: inherit; font-weight: 600; line-height: 1.15; text-align: start; color: #fff; background: #0b5cad;
      border: 0; border-radius: 0.6em; box-shadow: 0 3px 0 #073a6e; cursor: pointer; touch-action: manipulation; }
    button:active { transform: translateY(2px); box-shadow: 0 1px 0 #073a6e; }
    button:focus-visible { outline: 4px solid #ffbf47; outline-offset: 3px; }
    /* A round badge for one or two letters; a longer code (BHX) stretches it into a pill at the
       same type size rather than spilling out of it. */
    .code { flex: none; box-sizing: border-box; display: grid; place-items: center; min-width: 2em; height: 2em;
      padding-inline: 0.2em; border-radius: 1em; background: #fff; color: #0b5cad; font-size: 1.25em;
      font-weight: 800; line-height: 1; white-space: nowrap; }
    .text { display: grid; gap: 0.2em; min-width: 0; overflow-wrap: anywhere; }
    .why, .serving { font-size: max(1rem, 0.7em); font-weight: 600; }
    .serving { color: #dbe9f8; }
    .serving.none { color: #ffe08a; }
    button:disabled { background: #d9dde3; color: #3d4450; box-shadow: none; cursor: not-allowed; }
    button:disabled .code { background: #eef0f3; color: #3d4450; }
    /* A standing (portrait) kiosk: wide columns whose rows share the height below the header,
       in type scaled to the screen, instead of a strip of small buttons at the top. */
    @media (orientation: portrait) {
      :host { grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr)); grid-auto-rows: minmax(8rem, 1fr);
        font-size: clamp(1.75rem, 3.6vw, 3.2rem); }
      button { gap: 1.5rem; padding: 1.25rem 2rem; }
      .why, .serving { font-size: max(1rem, 0.64em); }
    }
    /* A phone-sized screen: one column that scrolls, so each button only as tall as its text. */
    @media (orientation: portrait) and (max-width: 40rem) {
      :host { grid-auto-rows: auto; font-size: 1.5rem; }
      button { gap: 0.75rem; padding: 0.75rem 1rem; }
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
