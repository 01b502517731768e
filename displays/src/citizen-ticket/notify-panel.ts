/**
 * `<luot-notify-panel>`: how the citizen asks to be told when their turn nears and comes:
 * Web Push, and SMS where the deployment has a provider. Reads what is offered from
 * GET /api/push/config.
 *
 * Properties: `token`, `locale`.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PushConfig } from '../../../shared/src/api/tickets.js';
import { api } from '../../../shared/src/http/api-client.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { citizenText } from '../../../shared/src/i18n/citizen.js';
import { citizenStyles } from './citizen-styles.js';
import './push-optin.js';
import './sms-optin.js';

@customElement('luot-notify-panel')
export class NotifyPanel extends LitElement {
  static override styles = [
    citizenStyles,
    css`
      :host { display: block; }
      section { display: grid; gap: 0.75rem; }
      h3 { font-size: 1.05rem; margin: 0.5rem 0 0; }
    `,
  ];

  @property() token = '';
  @property() locale: Locale = 'vi';
  @state() private config: PushConfig | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    api<PushConfig>('GET', '/api/push/config').then(
      (config) => (this.config = config),
      () => (this.config = null),
    );
  }

  override render() {
    const config = this.config;
    if (!config) return null;
    const t = (k: Parameters<typeof citizenText>[1], p?: Record<string, number>) =>
      citizenText(this.locale, k, p);
    return html`<section class="card" aria-labelledby="notify-title">
      <h2 id="notify-title">${t('notify.title')}</h2>
      <p>${t('notify.intro', { ahead: config.ahead })}</p>
      <luot-push-optin .token=${this.token} .publicKey=${config.publicKey} .locale=${this.locale}></luot-push-optin>
      ${
        config.sms
          ? html`<h3>${t('sms.title')}</h3><luot-sms-optin .token=${this.token} .locale=${this.locale}></luot-sms-optin>`
          : null
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'luot-notify-panel': NotifyPanel;
  }
}
