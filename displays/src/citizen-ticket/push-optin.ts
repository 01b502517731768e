/**
 * `<luot-push-optin>`: Web Push in one tap ("Bật thông báo"), and off again for this ticket.
 * Says plainly when the browser cannot or will not show notifications, and (always) that an
 * iPhone delivers them only to a page added to the Home Screen.
 *
 * Properties: `token`, `publicKey`, `locale`.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../../shared/src/http/api-client.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type CitizenKey, citizenText } from '../../../shared/src/i18n/citizen.js';
import { citizenStyles } from './citizen-styles.js';
import { currentEndpoint, PushRefused, pushAvailability, subscribeBrowser } from './push-subscription.js';

type PushState = 'off' | 'enabling' | 'on' | 'denied' | 'unsupported' | 'failed';

const onKey = (token: string) => `luot.push.${token}`;

@customElement('luot-push-optin')
export class PushOptin extends LitElement {
  static override styles = [citizenStyles, css`:host { display: grid; gap: 0.5rem; }`];

  @property() token = '';
  @property() publicKey = '';
  @property() locale: Locale = 'vi';
  @state() private state: PushState = 'off';

  override connectedCallback(): void {
    super.connectedCallback();
    const availability = pushAvailability();
    if (availability !== 'available') this.state = availability;
    else if (localStorage.getItem(onKey(this.token))) this.state = 'on';
  }

  async #enable(): Promise<void> {
    this.state = 'enabling';
    try {
      const subscription = await subscribeBrowser(this.publicKey);
      await api('POST', `/api/tickets/${encodeURIComponent(this.token)}/push`, {
        ...subscription,
        locale: this.locale,
      });
      localStorage.setItem(onKey(this.token), '1');
      this.state = 'on';
    } catch (error) {
      this.state = error instanceof PushRefused && error.reason !== 'failed' ? error.reason : 'failed';
    }
  }

  async #disable(): Promise<void> {
    const endpoint = await currentEndpoint().catch(() => null);
    if (endpoint) {
      await api('POST', `/api/tickets/${encodeURIComponent(this.token)}/push/unsubscribe`, {
        endpoint,
      }).catch(() => null);
    }
    localStorage.removeItem(onKey(this.token));
    this.state = 'off';
  }

  override render() {
    const t = (k: CitizenKey) => citizenText(this.locale, k);
    const message: Partial<Record<PushState, CitizenKey>> = {
      on: 'notify.on',
      denied: 'notify.denied',
      unsupported: 'notify.unsupported',
      failed: 'notify.failed',
      enabling: 'notify.enabling',
    };
    const key = message[this.state];
    return html`
      ${key ? html`<p role="status" class=${this.state === 'on' ? 'ok' : 'note'}>${t(key)}</p>` : null}
      ${
        this.state === 'on'
          ? html`<div><button class="secondary" @click=${this.#disable}>${t('notify.disable')}</button></div>`
          : this.state !== 'unsupported'
            ? html`<div><button ?disabled=${this.state === 'enabling' || !this.publicKey} @click=${this.#enable}>${t('notify.enable')}</button></div>`
            : null
      }
      <p class="note">${t('notify.ios')}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'luot-push-optin': PushOptin;
  }
}
