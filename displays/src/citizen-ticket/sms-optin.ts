/**
 * `<luot-sms-optin>`: a text message instead of (or besides) a push, only with explicit consent:
 * the number is asked with a consent box, sent once, never shown again (the field empties), and
 * deleted by the server when the ticket ends.
 *
 * Properties: `token`, `locale`.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api } from '../../../shared/src/http/api-client.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type CitizenKey, citizenText } from '../../../shared/src/i18n/citizen.js';
import { citizenStyles } from './citizen-styles.js';

const onKey = (token: string) => `luot.sms.${token}`;
/** What the server accepts: a Vietnamese number, written with or without spaces, dots or dashes. */
const PHONE = /^(\+84|0)[1-9][0-9]{8,9}$/;

@customElement('luot-sms-optin')
export class SmsOptin extends LitElement {
  static override styles = [
    citizenStyles,
    css`
      :host { display: block; }
      form { display: grid; gap: 0.6rem; }
      label.field { display: grid; gap: 0.25rem; font-weight: 600; }
      label.consent { display: flex; gap: 0.6rem; align-items: flex-start; }
      input[type='checkbox'] { width: 1.25rem; height: 1.25rem; margin: 0.15rem 0 0; flex: none; }
    `,
  ];

  @property() token = '';
  @property() locale: Locale = 'vi';
  @state() private on = false;
  @state() private busy = false;
  @state() private error: CitizenKey | '' = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.on = localStorage.getItem(onKey(this.token)) !== null;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const phone = String(data.get('phone') ?? '').replace(/[\s.-]/g, '');
    if (!PHONE.test(phone)) {
      this.error = 'sms.invalid';
      return;
    }
    if (data.get('consent') !== 'yes') {
      this.error = 'sms.needConsent';
      return;
    }
    this.error = '';
    this.busy = true;
    try {
      await api('POST', `/api/tickets/${encodeURIComponent(this.token)}/sms`, {
        phone,
        consent: true,
        locale: this.locale,
      });
      form.reset();
      localStorage.setItem(onKey(this.token), '1');
      this.on = true;
    } catch (error) {
      const code = error instanceof ApiError ? error.code : '';
      this.error =
        code === 'validation_failed'
          ? 'sms.invalid'
          : code === 'already_exists'
            ? 'sms.once'
            : code === 'rate_limited'
              ? 'sms.tooMany'
              : 'notify.failed';
    } finally {
      this.busy = false;
    }
  }

  async #stop(): Promise<void> {
    await api('POST', `/api/tickets/${encodeURIComponent(this.token)}/sms/unsubscribe`).catch(() => null);
    localStorage.removeItem(onKey(this.token));
    this.on = false;
  }

  override render() {
    const t = (k: CitizenKey) => citizenText(this.locale, k);
    if (this.on) {
      return html`<p class="ok" role="status">${t('sms.on')}</p>
        <button class="secondary" @click=${this.#stop}>${t('sms.unsubscribe')}</button>`;
    }
    return html`<form @submit=${this.#submit} novalidate>
      <label class="field">${t('sms.phone')}
        <input type="tel" name="phone" inputmode="tel" autocomplete="tel" maxlength="16" /></label>
      <label class="consent"><input type="checkbox" name="consent" value="yes" />${t('sms.consent')}</label>
      ${this.error ? html`<p class="error" role="alert">${t(this.error)}</p>` : null}
      <div><button type="submit" ?disabled=${this.busy}>${t('sms.subscribe')}</button></div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'luot-sms-optin': SmsOptin;
  }
}
