/**
 * `<luot-service-choice>`: the center's services as one radio group, each with why it cannot
 * be chosen right now (paused, outside ticket hours, no tickets left today, none left to take
 * remotely), greyed and disabled; each that can be taken says which counters serve it now, or
 * that none does yet (it can still be taken, with no wait promised). Fires `service-change`
 * with the chosen id.
 *
 * Properties: `services`, `selected`, `locale`.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { WireService } from '../../../shared/src/api/services.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type CitizenKey, citizenText } from '../../../shared/src/i18n/citizen.js';
import { servingCountersText } from '../../../shared/src/i18n/serving.js';
import { citizenStyles } from '../citizen-ticket/citizen-styles.js';
import { describeHours } from './issue-errors.js';

/** A service as GET /api/centers/:id/services lists it (the fields this page reads); `servingCounters` may be absent from an older server. */
export type ServiceOption = Pick<
  WireService,
  | 'id'
  | 'code'
  | 'name'
  | 'nameEn'
  | 'active'
  | 'issuingHours'
  | 'dailyQuota'
  | 'issuedToday'
  | 'issuingNow'
  | 'webIssuingNow'
> &
  Partial<Pick<WireService, 'servingCounters'>>;

export type ServiceChangeEvent = CustomEvent<{ serviceId: number }>;

function whyNot(service: ServiceOption): CitizenKey | null {
  if (service.webIssuingNow) return null;
  if (!service.active) return 'service.inactive';
  if (service.dailyQuota !== null && service.issuedToday >= service.dailyQuota) return 'service.quota';
  if (service.issuingNow) return 'service.webQuota';
  return 'service.closed';
}

@customElement('luot-service-choice')
export class ServiceChoice extends LitElement {
  static override styles = [
    citizenStyles,
    css`
      :host { display: block; }
      fieldset { border: 0; padding: 0; margin: 0; display: grid; gap: 0.5rem; }
      legend { font-weight: 700; font-size: 1.1rem; margin-bottom: 0.5rem; padding: 0; }
      label { display: flex; gap: 0.75rem; align-items: center; min-height: 3rem; padding: 0.5rem 0.75rem;
        background: #fff; border: 1px solid #5b6b7b; border-radius: 0.5rem; cursor: pointer; }
      label:has(input:checked) { border: 2px solid #0b5cad; background: #e8eef5; }
      label.off { background: #f1f1f1; border-style: dashed; color: #3d4852; cursor: not-allowed; }
      input { width: 1.3rem; height: 1.3rem; margin: 0; flex: none; }
      .code { font-weight: 800; color: #0b3d6e; min-width: 1.5rem; }
      .name { display: grid; }
      .why, .serving { font-size: 0.9rem; }
      .serving { color: #3d4852; }
      .serving.none { color: #8a1c00; font-weight: 600; }
    `,
  ];

  @property({ attribute: false }) services: ServiceOption[] = [];
  @property({ type: Number }) selected: number | null = null;
  @property() locale: Locale = 'vi';

  #pick(serviceId: number): void {
    this.dispatchEvent(
      new CustomEvent('service-change', { detail: { serviceId }, bubbles: true, composed: true }),
    );
  }

  #serving(service: ServiceOption) {
    const serving = service.servingCounters;
    if (!serving) return null;
    return html`<span class=${serving.length === 0 ? 'serving none' : 'serving'} data-serving>${servingCountersText(this.locale, serving)}</span>`;
  }

  override render() {
    const t = (k: CitizenKey, p?: Record<string, string>) => citizenText(this.locale, k, p);
    return html`<fieldset>
      <legend>${t('new.services')}</legend>
      ${this.services.map((s) => {
        const why = whyNot(s);
        const hours = why === 'service.closed' ? describeHours(this.locale, s.issuingHours) : '';
        return html`<label class=${why ? 'off' : ''}>
          <input type="radio" name="service" .value=${String(s.id)} ?disabled=${why !== null}
            .checked=${this.selected === s.id} @change=${() => this.#pick(s.id)} />
          <span class="code" aria-hidden="true">${s.code}</span>
          <span class="name">${this.locale === 'en' ? s.nameEn : s.name}
            ${why ? html`<span class="why">${t(why)}${hours ? ` (${hours})` : ''}</span>` : this.#serving(s)}</span>
        </label>`;
      })}
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'luot-service-choice': ServiceChoice;
  }
}
