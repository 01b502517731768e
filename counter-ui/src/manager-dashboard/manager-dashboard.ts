/**
 * `<luot-manager-dashboard>`: the center's live floor for its manager (issue 5): per service,
 * counter and clerk figures, waits past the target, an alert while people wait for a service
 * no open counter serves, satisfaction today and the day's chart.
 * It follows the center's event feed and refetches the figures after changes (coalesced),
 * and every 15 s so that waits keep growing on screen while nothing happens.
 */

import { css, html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { CenterDashboard } from '../../../shared/src/api/dashboard.js';
import type { SignedInUser } from '../../../shared/src/api/users.js';
import { ApiError, api } from '../../../shared/src/http/api-client.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { LocaleController } from '../../../shared/src/i18n/locale-controller.js';
import type { PublicCenter } from '../../../shared/src/protocol.js';
import { CenterFeedController } from '../controllers/center-feed-controller.js';
import { StaffSessionController } from '../controllers/staff-session-controller.js';
import { stackedTables } from '../styles/stacked-tables.js';
import {
  breachList,
  clerksTable,
  countersTable,
  satisfactionPanel,
  servicesTable,
  textFor,
  unservedAlert,
} from './dashboard-view.js';
import '../clerk-console/sign-in-form.js';
import './timeline-chart.js';
import './manager-actions.js';
import '../staff-nav/staff-nav.js';

const REFRESH_EVERY_MS = 15_000;
const MIN_GAP_MS = 300;

@customElement('luot-manager-dashboard')
export class ManagerDashboard extends LitElement {
  static override styles = [
    stackedTables,
    css`
    :host { display: block; font-family: system-ui, 'Segoe UI', Roboto, sans-serif; color: #1a1a1a; }
    .status { font-weight: 600; }
    .banner { padding: 0.6rem 1rem; background: #a4000f; color: #fff; }
    main { display: grid; gap: 1rem; padding: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(26rem, 100%), 1fr)); }
    /* A grid item may shrink below its content (a chart drawn wider before a resize), never push the page wider. */
    main > * { min-width: 0; }
    section, table { background: #fff; border-radius: 0.5rem; box-shadow: 0 1px 3px #0002; }
    section { padding: 1rem; }
    .wide { grid-column: 1 / -1; }
    table { border-collapse: collapse; width: 100%; align-self: start; }
    caption { text-align: start; font-weight: 700; padding: 0.75rem 1rem 0.25rem; font-size: 1.1rem; }
    th, td { text-align: start; padding: 0.35rem 0.75rem; border-top: 1px solid #e3e6ea; }
    tr.breached { background: #fde7e9; color: #7a0010; }
    h2 { margin: 0 0 0.5rem; font-size: 1.1rem; }
    dl { display: grid; grid-template-columns: auto auto; gap: 0.25rem 1rem; margin: 0; } dd { margin: 0; font-weight: 700; }
    ul { margin: 0; padding-inline-start: 1.2rem; }
    section.alert { background: #fff4e5; border: 2px solid #b35c00; color: #4a2600; }
    /* A phone: one column no wider than the screen; the wide tables become cards (stackedTables). */
    @media (max-width: 40rem) {
      main { padding: 0.5rem; gap: 0.75rem; }
      th, td { padding: 0.35rem 0.5rem; }
      caption { padding: 0.6rem 0.75rem 0.25rem; }
    }
  `,
  ];

  readonly #lang = new LocaleController(this);
  private get locale(): Locale {
    return this.#lang.locale;
  }
  #session = new StaffSessionController(this, {
    locale: () => this.locale,
    entered: (user) => this.#enter(user),
    left: () => {
      this.#feed.watch(null);
      this.data = null;
    },
  });
  @state() private forbidden = false;
  @state() private centerId: number | null = null;
  @state() private centerName = '';
  @state() private data: CenterDashboard | null = null;

  #feed = new CenterFeedController(this, {
    snapshot: () => this.#schedule(),
    event: () => this.#schedule(),
    resynced: () => this.#schedule(),
  });
  #timer: ReturnType<typeof setInterval> | null = null;
  #pending: ReturnType<typeof setTimeout> | null = null;
  #lastFetch = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => void this.#load(), REFRESH_EVERY_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#timer) clearInterval(this.#timer);
    if (this.#pending) clearTimeout(this.#pending);
  }

  async #enter(user: SignedInUser): Promise<void> {
    const centers = await api<PublicCenter[]>('GET', '/api/centers');
    const asked = Number(new URLSearchParams(location.search).get('center')) || null;
    const centerId = asked ?? user.centerIds[0] ?? centers[0]?.id ?? null;
    this.centerId = centerId;
    this.centerName = centers.find((c) => c.id === centerId)?.name ?? '';
    this.#feed.watch(centerId);
    await this.#load();
  }

  /** Bursts of events become one fetch, at most one every MIN_GAP_MS. */
  #schedule(): void {
    if (this.#pending) return;
    const wait = Math.max(0, this.#lastFetch + MIN_GAP_MS - Date.now());
    this.#pending = setTimeout(() => {
      this.#pending = null;
      void this.#load();
    }, wait);
  }

  async #load(): Promise<void> {
    if (!this.#session.user || this.centerId === null) return;
    this.#lastFetch = Date.now();
    try {
      this.data = await api<CenterDashboard>('GET', `/api/centers/${this.centerId}/dashboard`);
      this.forbidden = false;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.#session.lost();
      else if (error instanceof ApiError && error.status === 403) this.forbidden = true;
    }
  }

  override render() {
    const t = textFor(this.locale);
    const online = this.#feed.online;
    return html`<luot-staff-nav current="dashboard" .locale=${this.locale} .user=${this.#session.user}
        .centerId=${this.centerId} .heading=${`${t('dashboard.title')}${this.centerName ? ` · ${this.centerName}` : ''}`}
        @switch-locale=${() => this.#lang.toggle()} @sign-out=${this.#session.signOut}>
        ${this.#session.user ? html`<span class="status" role="status">${online ? t('dashboard.live') : t('dashboard.offline')}</span>` : null}
      </luot-staff-nav>
      ${this.#body(t)}`;
  }

  #body(t: ReturnType<typeof textFor>) {
    if (this.#session.loading) return null;
    if (!this.#session.user) {
      return html`<luot-sign-in .locale=${this.locale} .error=${this.#session.signInError} @sign-in=${this.#session.signIn}></luot-sign-in>`;
    }
    if (this.forbidden) return html`<div class="banner" role="alert">${t('forbidden')}</div>`;
    const d = this.data;
    if (!d) return null;
    return html`<main>
      ${unservedAlert(d, this.locale, t)}
      <div class="wide">${servicesTable(d, this.locale, t)}</div>
      ${countersTable(d, this.locale, t)}
      ${clerksTable(d, this.locale, t)}
      <section class="wide" aria-labelledby="chart"><h2 id="chart">${t('dashboard.chart')}</h2>
        <luot-timeline-chart .points=${d.timeline} .locale=${this.locale} .timezone=${d.timezone}></luot-timeline-chart></section>
      ${breachList(d.breaches, d.services, this.locale, t)}
      ${satisfactionPanel(d, t)}
      <luot-manager-actions class="wide" .centerId=${this.centerId} .seq=${d.seq} .locale=${this.locale} .services=${d.services}></luot-manager-actions>
    </main>`;
  }
}
