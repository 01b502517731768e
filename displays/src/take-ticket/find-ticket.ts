/**
 * `<luot-find-ticket>`: "Tìm lại số của bạn" on /ticket/new (issue 11). A citizen who lost the
 * ticket page (another phone, a cleared browser) gives the ticket's number and the phone they
 * gave for text messages; the server answers with the token only when both match today's ticket
 * at this center. Then on to the ticket's own page, remembered on this device. The phone is sent
 * once and never kept here.
 *
 * Properties: `centerId`, `locale`.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FoundTicket } from '../../../shared/src/api/tickets.js';
import { ApiError, api } from '../../../shared/src/http/api-client.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type CitizenKey, citizenText } from '../../../shared/src/i18n/citizen.js';
import { normalizeVnPhone } from '../../../shared/src/vn-phone.js';
import { citizenStyles } from '../citizen-ticket/citizen-styles.js';
import { rememberTicket } from '../citizen-ticket/remembered-tickets.js';

const NUMBER = /^[A-Za-z]{1,3}[0-9]{1,4}$/;

@customElement('luot-find-ticket')
export class FindTicket extends LitElement {
  static override styles = [
    citizenStyles,
    css`
      :host { display: block; }
      form { display: grid; gap: 0.6rem; }
      label { display: grid; gap: 0.25rem; font-weight: 600; }
    `,
  ];

  @property({ type: Number }) centerId = 0;
  @property() locale: Locale = 'vi';
  @state() private busy = false;
  @state() private error: CitizenKey | '' = '';

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const number = String(data.get('number') ?? '').trim();
    const phone = String(data.get('phone') ?? '').trim();
    if (!NUMBER.test(number)) {
      this.error = 'find.invalidNumber';
      return;
    }
    if (normalizeVnPhone(phone) === null) {
      this.error = 'find.invalidPhone';
      return;
    }
    this.error = '';
    this.busy = true;
    try {
      const found = await api<FoundTicket>('POST', `/api/centers/${this.centerId}/tickets/lookup`, {
        number,
        phone,
      });
      rememberTicket({ token: found.token, number: found.number, centerId: this.centerId });
      location.assign(`/ticket/?t=${encodeURIComponent(found.token)}`);
    } catch (error) {
      this.busy = false;
      const code = error instanceof ApiError ? error.code : '';
      this.error =
        code === 'not_found'
          ? 'find.notFound'
          : code === 'rate_limited'
            ? 'find.tooMany'
            : code === 'offline'
              ? 'error.offline'
              : code === 'validation_failed'
                ? 'find.invalidPhone'
                : 'find.failed';
    }
  }

  override render() {
    const t = (k: CitizenKey) => citizenText(this.locale, k);
    return html`<section class="card" aria-labelledby="find-title">
      <h2 id="find-title">${t('find.title')}</h2>
      <p>${t('find.intro')}</p>
      <form @submit=${this.#submit} novalidate>
        <label>${t('find.number')}
          <input name="number" autocomplete="off" autocapitalize="characters" maxlength="7" /></label>
        <label>${t('find.phone')}
          <input type="tel" name="phone" inputmode="tel" autocomplete="tel" maxlength="20" /></label>
        ${this.error ? html`<p class="error" role="alert">${t(this.error)}</p>` : null}
        <div><button type="submit" ?disabled=${this.busy}>${t(this.busy ? 'find.busy' : 'find.submit')}</button></div>
      </form>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'luot-find-ticket': FindTicket;
  }
}
