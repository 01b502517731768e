/**
 * `<luot-province-overview>`: every center of the province side by side for its admin
 * (issue 5): waiting now, longest wait, open counters, served and satisfaction today,
 * sortable, each row linking to that center's live dashboard. It follows every center's
 * event feed, refetches after changes (coalesced), and every 15 s so waits keep growing.
 */
import { css, html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { CenterOverview, ProvinceOverviewReply } from '../../../shared/src/api/province.js';
import { ApiError, api } from '../../../shared/src/http/api-client.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { LocaleController } from '../../../shared/src/i18n/locale-controller.js';
import { provinceText } from '../../../shared/src/i18n/province.js';
import { StaffSessionController } from '../controllers/staff-session-controller.js';
import { CentersFeedController } from './centers-feed-controller.js';
import { nextSort, overviewTable, type Sort, type SortColumn } from './overview-table.js';
import '../clerk-console/sign-in-form.js';
import '../staff-nav/staff-nav.js';

const REFRESH_EVERY_MS = 15_000;
const MIN_GAP_MS = 300;

@customElement('luot-province-overview')
export class ProvinceOverview extends LitElement {
  static override styles = css`
    :host { display: block; font-family: system-ui, 'Segoe UI', Roboto, sans-serif; color: #1a1a1a; }
    .status { font-weight: 600; }
    .banner { padding: 0.6rem 1rem; background: #a4000f; color: #fff; }
    main { padding: 1rem; }
    table { border-collapse: collapse; width: 100%; background: #fff; border-radius: 0.5rem; box-shadow: 0 1px 3px #0002; }
    caption { text-align: start; font-weight: 700; padding: 0.75rem 1rem 0.25rem; font-size: 1.1rem; }
    caption small { font-weight: 400; color: #4a4f55; margin-inline-start: 0.5rem; }
    th, td { text-align: start; padding: 0.45rem 0.75rem; border-top: 1px solid #e3e6ea; }
    thead th { padding: 0; }
    thead button { font: inherit; font-weight: 700; width: 100%; text-align: start; padding: 0.5rem 0.75rem; background: none; border: 0; cursor: pointer; color: inherit; }
    thead button:hover, thead button:focus-visible { background: #e8eef6; }
    th[aria-sort='ascending'], th[aria-sort='descending'] { background: #dde7f3; }
    a { color: #0b5cad; font-weight: 600; }
    /* A phone: six columns fit the width when set smaller and tighter (the page never scrolls sideways). */
    @media (max-width: 40rem) {
      main { padding: 0.5rem 0.25rem; }
      table { font-size: 0.8rem; }
      th, td { padding: 0.35rem 0.3rem; }
      thead button { padding: 0.4rem 0.3rem; }
      caption { padding: 0.5rem 0.3rem 0.25rem; }
      caption small { display: block; margin: 0; }
    }
  `;

  readonly #lang = new LocaleController(this);
  private get locale(): Locale {
    return this.#lang.locale;
  }
  #session = new StaffSessionController(this, {
    locale: () => this.locale,
    entered: () => this.#load(),
    left: () => {
      this.#feed.watch([]);
      this.centers = null;
      this.forbidden = false;
    },
  });
  @state() private forbidden = false;
  @state() private centers: CenterOverview[] | null = null;
  @state() private sort: Sort = { column: 'waiting', direction: 'descending' };

  #feed = new CentersFeedController(this, () => this.#schedule());
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

  /** Bursts of events, from any center, become one fetch, at most one every MIN_GAP_MS. */
  #schedule(): void {
    if (this.#pending) return;
    const wait = Math.max(0, this.#lastFetch + MIN_GAP_MS - Date.now());
    this.#pending = setTimeout(() => {
      this.#pending = null;
      void this.#load();
    }, wait);
  }

  async #load(): Promise<void> {
    if (!this.#session.user) return;
    this.#lastFetch = Date.now();
    try {
      const { centers } = await api<ProvinceOverviewReply>('GET', '/api/province/overview');
      this.centers = centers;
      this.forbidden = false;
      this.#feed.watch(centers.map((c) => c.id));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.#session.lost();
      else if (error instanceof ApiError && error.status === 403) {
        this.forbidden = true;
        this.#feed.watch([]);
      }
    }
  }

  #sortBy = (column: SortColumn): void => {
    this.sort = nextSort(this.sort, column);
  };

  override render() {
    const t = (key: Parameters<typeof provinceText>[1]) => provinceText(this.locale, key);
    return html`<luot-staff-nav current="province" .locale=${this.locale} .user=${this.#session.user}
        .heading=${t('title')} @switch-locale=${() => this.#lang.toggle()} @sign-out=${this.#session.signOut}>
        ${this.#session.user && this.centers ? html`<span class="status" role="status">${this.#feed.online ? t('live') : t('offline')}</span>` : null}
      </luot-staff-nav>
      ${this.#body(t)}`;
  }

  #body(t: (key: Parameters<typeof provinceText>[1]) => string) {
    if (this.#session.loading) return null;
    if (!this.#session.user) {
      return html`<luot-sign-in .locale=${this.locale} .error=${this.#session.signInError} @sign-in=${this.#session.signIn}></luot-sign-in>`;
    }
    if (this.forbidden) return html`<div class="banner" role="alert">${t('forbidden')}</div>`;
    if (!this.centers) return null;
    if (this.centers.length === 0) return html`<main><p>${t('empty')}</p></main>`;
    return html`<main>${overviewTable(this.centers, this.sort, this.locale, this.#sortBy)}</main>`;
  }
}
