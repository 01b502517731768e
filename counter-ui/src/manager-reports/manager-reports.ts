/**
 * `<luot-manager-reports>`: a center's report over a range of local days (issue 5), for its
 * managers and for admins. Signs in with `<luot-sign-in>`, offers the centers the account may
 * see and a range (default: today, in the center's local days, as the server counts them, with
 * quick ranges for this week, this month and last month), then shows GET /api/centers/:id/reports, links its CSV and prints (print CSS
 * keeps the tables and drops the controls). `?center=&from=&to=` preselect the form.
 */
import { css, html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { CenterReport } from '../../../shared/src/api/reports.js';
import type { SignedInUser } from '../../../shared/src/api/users.js';
import { ApiError, api } from '../../../shared/src/http/api-client.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { LocaleController } from '../../../shared/src/i18n/locale-controller.js';
import type { PublicCenter } from '../../../shared/src/protocol.js';
import {
  formatDay,
  QUICK_RANGES,
  type QuickRange,
  quickRange,
  quickRangeOf,
} from '../../../shared/src/report-ranges.js';
import { StaffSessionController } from '../controllers/staff-session-controller.js';
import { stackedTables } from '../styles/stacked-tables.js';
import { arrivalsChart, figuresTables, textFor } from './report-view.js';
import '../clerk-console/sign-in-form.js';
import '../staff-nav/staff-nav.js';

@customElement('luot-manager-reports')
export class ManagerReports extends LitElement {
  static override styles = [
    stackedTables,
    css`
    :host { display: block; font-family: system-ui, 'Segoe UI', Roboto, sans-serif; color: #1a1a1a; }
    form { display: flex; gap: 0.75rem; align-items: end; flex-wrap: wrap; padding: 1rem; }
    label { display: grid; gap: 0.25rem; font-weight: 600; }
    select, input, form button, form a { font: inherit; padding: 0.4rem 0.6rem; border: 1px solid #767676; border-radius: 0.25rem; background: #fff; color: #1a1a1a; }
    form button[type='submit'] { background: #0b5cad; color: #fff; border-color: #0b5cad; font-weight: 600; cursor: pointer; }
    form a { text-decoration: none; color: #0b3d6e; }
    /* A select is as wide as its longest option (a provincial center's long name): never wider than the form. */
    select { max-width: 100%; min-width: 0; }
    label { min-width: 0; max-width: 100%; }
    .quick { display: flex; gap: 0.25rem; flex-wrap: wrap; }
    .quick button { background: #fff; color: #0b3d6e; border-color: #0b5cad; cursor: pointer; }
    .quick button[aria-pressed='true'] { background: #0b3d6e; color: #fff; border-color: #0b3d6e; font-weight: 600; }
    .banner { padding: 0.6rem 1rem; background: #a4000f; color: #fff; }
    main { display: grid; gap: 1rem; padding: 0 1rem 1rem; }
    main > * { min-width: 0; }
    table, section { background: #fff; border-radius: 0.5rem; box-shadow: 0 1px 3px #0002; }
    table { border-collapse: collapse; width: 100%; }
    caption { text-align: start; font-weight: 700; padding: 0.75rem 1rem 0.25rem; font-size: 1.1rem; }
    th, td { text-align: start; padding: 0.35rem 0.6rem; border-top: 1px solid #e3e6ea; }
    td { font-variant-numeric: tabular-nums; }
    section { padding: 1rem; }
    h2 { margin: 0 0 0.5rem; font-size: 1.1rem; }
    .bars { display: flex; align-items: end; gap: 0.25rem; height: 12rem; margin: 0; padding: 0; list-style: none; }
    .bars li { flex: 1; display: flex; flex-direction: column; align-items: center; justify-content: end; height: 100%; font-size: 0.8rem; }
    .bars .track { flex: 1; width: 100%; display: flex; align-items: end; justify-content: center; border-bottom: 1px solid #767676; }
    .bars .bar { width: min(100%, 3rem); height: var(--share); background: #0b5cad; border-radius: 0.2rem 0.2rem 0 0; }
    .bars .n { min-height: 1.2em; }
    .print-title { display: none; }
    /* A phone: the center and the dates across the width, the figures as cards (stackedTables). */
    @media (max-width: 40rem) {
      form { padding: 0.75rem 0.5rem; gap: 0.6rem; }
      form > label { flex: 1 1 100%; }
      main { padding: 0 0.5rem 0.75rem; gap: 0.75rem; }
      section { padding: 0.75rem 0.5rem; }
      caption { padding: 0.6rem 0.75rem 0.25rem; }
      /* Seventeen hours side by side do not fit a phone's width: one row per hour, bars drawn across. */
      .bars { flex-direction: column; align-items: stretch; height: auto; gap: 0.2rem; }
      .bars li { display: grid; grid-template-columns: 2.5rem 1fr 2.5rem; align-items: center; gap: 0.5rem; font-size: 0.85rem; }
      .bars .h { grid-area: 1 / 1; }
      .bars .track { grid-area: 1 / 2; height: 1rem; justify-content: start; align-items: stretch; border-bottom: 0; border-inline-start: 1px solid #767676; }
      .bars .bar { width: var(--share); height: auto; border-radius: 0 0.2rem 0.2rem 0; }
      .bars .n { grid-area: 1 / 3; min-height: 0; }
    }
    @media print {
      :host { font-size: 9pt; }
      luot-staff-nav, form, .controls { display: none !important; }
      .print-title { display: block; font-size: 13pt; margin: 0 0 0.5rem; }
      main { padding: 0; }
      table, section { box-shadow: none; border-radius: 0; break-inside: avoid; }
      th, td { padding: 0.15rem 0.3rem; border-top: 1px solid #999; }
      .bars .bar { background: #555; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
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
      this.report = null;
      this.forbidden = false;
    },
  });
  @state() private centers: PublicCenter[] = [];
  @state() private centerId: number | null = null;
  @state() private from = '';
  @state() private to = '';
  /** The center's local day, for the quick ranges. */
  @state() private today = '';
  /** The quick range chosen, kept as chosen: on a Monday "this week" and "today" are the same days. */
  @state() private quickChosen: QuickRange | null = null;
  @state() private report: CenterReport | null = null;
  @state() private busy = false;
  @state() private problem = '';
  @state() private forbidden = false;

  override connectedCallback(): void {
    super.connectedCallback();
  }

  async #enter(user: SignedInUser): Promise<void> {
    if (user.role !== 'manager' && user.role !== 'admin') {
      this.forbidden = true;
      return;
    }
    const all = await api<PublicCenter[]>('GET', '/api/centers');
    this.centers = user.role === 'admin' ? all : all.filter((c) => user.centerIds.includes(c.id));
    const query = new URLSearchParams(location.search);
    const asked = Number(query.get('center'));
    this.centerId = this.centers.find((c) => c.id === asked)?.id ?? this.centers[0]?.id ?? null;
    if (this.centerId === null) {
      this.forbidden = true;
      return;
    }
    this.today = await this.#centerToday(this.centerId);
    this.from = query.get('from') ?? this.today;
    this.to = query.get('to') ?? this.today;
    this.quickChosen = quickRangeOf({ from: this.from, to: this.to }, this.today);
    await this.#load();
  }

  /** The center's local day as the server counts it; the device's clock is only a fallback. */
  async #centerToday(centerId: number): Promise<string> {
    try {
      return (await api<{ day: string }>('GET', `/api/centers/${centerId}/dashboard`)).day;
    } catch {
      return new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
    }
  }

  #query(): string {
    return new URLSearchParams({ from: this.from, to: this.to }).toString();
  }

  async #load(): Promise<void> {
    if (this.centerId === null) return;
    this.busy = true;
    this.problem = '';
    try {
      this.report = await api<CenterReport>('GET', `/api/centers/${this.centerId}/reports?${this.#query()}`);
      history.replaceState(null, '', `?center=${this.centerId}&${this.#query()}`);
    } catch (error) {
      this.report = null;
      const t = textFor(this.locale);
      if (error instanceof ApiError && error.status === 401) this.#session.lost();
      else if (error instanceof ApiError && error.status === 403) this.forbidden = true;
      else if (error instanceof ApiError && error.status === 400)
        this.problem = t('reports.badRange', { message: error.message });
      else if (error instanceof ApiError && error.code === 'busy') this.problem = t('reports.busy');
      else this.problem = t('reports.failed');
    } finally {
      this.busy = false;
    }
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.centerId = Number(data.get('center'));
    this.from = String(data.get('from') ?? '');
    this.to = String(data.get('to') ?? '');
    this.quickChosen = quickRangeOf({ from: this.from, to: this.to }, this.today);
    void this.#load();
  }

  #quick(range: QuickRange): void {
    ({ from: this.from, to: this.to } = quickRange(range, this.today));
    this.quickChosen = range;
    void this.#load();
  }

  override render() {
    const t = textFor(this.locale);
    return html`<luot-staff-nav current="reports" .locale=${this.locale} .user=${this.#session.user}
        .centerId=${this.centerId} .heading=${t('reports.title')}
        @switch-locale=${() => this.#lang.toggle()} @sign-out=${this.#session.signOut}></luot-staff-nav>
      ${this.#body(t)}`;
  }

  #body(t: ReturnType<typeof textFor>) {
    if (this.#session.loading) return null;
    if (!this.#session.user) {
      return html`<luot-sign-in .locale=${this.locale} .error=${this.#session.signInError} @sign-in=${this.#session.signIn}></luot-sign-in>`;
    }
    if (this.forbidden) return html`<div class="banner" role="alert">${t('forbidden')}</div>`;
    const r = this.report;
    const center = this.centers.find((c) => c.id === this.centerId);
    return html`<form @submit=${this.#submit}>
        <label>${t('reports.center')}
          <select name="center">${this.centers.map(
            (c) => html`<option value=${c.id} ?selected=${c.id === this.centerId}>${c.name}</option>`,
          )}</select></label>
        <label>${t('reports.from')}<input type="date" name="from" .value=${this.from} required /></label>
        <label>${t('reports.to')}<input type="date" name="to" .value=${this.to} required /></label>
        <button type="submit" ?disabled=${this.busy}>${t('reports.show')}</button>
        <div class="quick" role="group" aria-label=${t('reports.quick')}>${QUICK_RANGES.map(
          (
            q,
          ) => html`<button type="button" data-range=${q} aria-pressed=${this.quickChosen === q ? 'true' : 'false'}
            ?disabled=${this.busy || !this.today} @click=${() => this.#quick(q)}>${t(`reports.quick.${q}`)}</button>`,
        )}</div>
        ${
          r
            ? html`<a href=${`/api/centers/${r.centerId}/reports.csv?from=${r.from}&to=${r.to}`} download>${t('reports.csv')}</a>
              <button type="button" @click=${() => window.print()}>${t('reports.print')}</button>`
            : null
        }
      </form>
      ${this.problem ? html`<div class="banner" role="alert">${this.problem}</div>` : null}
      ${this.busy ? html`<p class="controls" role="status">${t('reports.loading')}</p>` : null}
      ${
        r
          ? html`<main>
            <h2 class="print-title">${t('reports.title')} · ${center?.name ?? ''} · ${t('reports.range', { from: formatDay(this.locale, r.from), to: formatDay(this.locale, r.to) })}</h2>
            ${figuresTables(r, this.locale, t)}
            <section aria-labelledby="arrivals"><h2 id="arrivals">${t('reports.arrivals')}</h2>${arrivalsChart(r, t)}</section>
          </main>`
          : null
      }`;
  }
}
