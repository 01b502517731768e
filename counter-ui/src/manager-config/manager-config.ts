/**
 * `<luot-manager-config>`: the /manager/config page (issue 5). Signs a manager or admin in,
 * picks the center (`?center=ID`, else their first), and shows one section at a time: center
 * settings, services, counters, users, paired devices. Each section's form reports its own errors; after a
 * save the page reloads the configuration.
 */

import { css, html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Configuration } from '../../../shared/src/api/config.js';
import type { SignedInUser } from '../../../shared/src/api/users.js';
import { ApiError, api } from '../../../shared/src/http/api-client.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type ConfigKey, translateConfig } from '../../../shared/src/i18n/config.js';
import { LocaleController } from '../../../shared/src/i18n/locale-controller.js';
import type { PublicCenter } from '../../../shared/src/protocol.js';
import { StaffSessionController } from '../controllers/staff-session-controller.js';
import '../clerk-console/sign-in-form.js';
import './center-editor.js';
import './counter-editor.js';
import './device-editor.js';
import './service-editor.js';
import './user-editor.js';
import '../staff-nav/staff-nav.js';

const SECTIONS = ['center', 'services', 'counters', 'users', 'devices'] as const;
type Section = (typeof SECTIONS)[number];

@customElement('luot-manager-config')
export class ManagerConfig extends LitElement {
  static override styles = css`
    :host { display: block; font-family: system-ui, 'Segoe UI', Roboto, sans-serif; color: #1a1a1a; }
    nav { display: flex; gap: 0.5rem; padding: 0.75rem 1rem 0; flex-wrap: wrap; }
    nav button { font: inherit; font-weight: 600; padding: 0.5rem 1rem; border: 1px solid #0b5cad; border-radius: 0.25rem; background: #fff; color: #0b5cad; cursor: pointer; }
    nav button[aria-current='page'] { background: #0b5cad; color: #fff; }
    main { padding: 0 1rem 1rem; }
    .banner { padding: 0.6rem 1rem; background: #a4000f; color: #fff; }
  `;

  readonly #lang = new LocaleController(this);
  private get locale(): Locale {
    return this.#lang.locale;
  }
  #session = new StaffSessionController(this, {
    locale: () => this.locale,
    entered: (user) => this.#enter(user),
    left: () => {
      this.config = null;
    },
  });
  @state() private forbidden = false;
  @state() private centerId: number | null = null;
  @state() private section: Section = 'services';
  @state() private config: Configuration | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
  }

  #t(key: ConfigKey): string {
    return translateConfig(this.locale, key);
  }

  async #enter(user: SignedInUser): Promise<void> {
    const asked = Number(new URLSearchParams(location.search).get('center')) || null;
    const centers = await api<PublicCenter[]>('GET', '/api/centers');
    this.centerId = asked ?? user.centerIds[0] ?? centers[0]?.id ?? null;
    await this.#load();
  }

  async #load(): Promise<void> {
    if (!this.#session.user || this.centerId === null) return;
    try {
      this.config = await api<Configuration>('GET', `/api/config/centers/${this.centerId}`);
      this.forbidden = false;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.#session.lost();
      else if (error instanceof ApiError && error.status === 403) this.forbidden = true;
    }
  }

  override render() {
    const name = this.config?.center.name;
    return html`<luot-staff-nav current="config" .locale=${this.locale} .user=${this.#session.user}
        .centerId=${this.centerId} .heading=${`${this.#t('config.title')}${name ? ` · ${name}` : ''}`}
        @switch-locale=${() => this.#lang.toggle()} @sign-out=${this.#session.signOut}></luot-staff-nav>
      ${this.#body()}`;
  }

  #body() {
    if (this.#session.loading) return null;
    if (!this.#session.user) {
      return html`<luot-sign-in .locale=${this.locale} .error=${this.#session.signInError} @sign-in=${this.#session.signIn}></luot-sign-in>`;
    }
    if (this.forbidden) return html`<div class="banner" role="alert">${this.#t('config.forbidden')}</div>`;
    const c = this.config;
    if (!c || this.centerId === null) return null;
    return html`<nav aria-label=${this.#t('config.sections')}>
        ${SECTIONS.map(
          (s) => html`<button type="button" aria-current=${this.section === s ? 'page' : 'false'}
            @click=${() => {
              this.section = s;
            }}>${this.#t(`config.${s}`)}</button>`,
        )}
      </nav>
      <main @saved=${() => this.#load()}>${this.#section(c, this.centerId)}</main>`;
  }

  #section(c: Configuration, centerId: number) {
    switch (this.section) {
      case 'center':
        return html`<luot-center-editor .locale=${this.locale} .centerId=${centerId} .center=${c.center}></luot-center-editor>`;
      case 'services':
        return html`<luot-service-editor .locale=${this.locale} .centerId=${centerId} .services=${c.services}></luot-service-editor>`;
      case 'counters':
        return html`<luot-counter-editor .locale=${this.locale} .centerId=${centerId} .counters=${c.counters} .services=${c.services}></luot-counter-editor>`;
      case 'users':
        return html`<luot-user-editor .locale=${this.locale} .centerId=${centerId} .staffRole=${this.#session.user?.role ?? 'manager'} .users=${c.users}></luot-user-editor>`;
      case 'devices':
        return html`<luot-device-editor .locale=${this.locale} .centerId=${centerId} .requirePairing=${c.center.requirePairedDevices}></luot-device-editor>`;
    }
  }
}
