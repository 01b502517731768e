/**
 * `<luot-kiosk>`: the touch kiosk of a center (`/kiosk/?center=ID`, issue 4). Services as big
 * buttons, then the priority choice, then the ticket on screen and on 80 mm paper with a QR
 * code to the citizen page. Unattended for months, so it is never stuck: every screen but
 * the start one returns by itself, requests time out, the service list refreshes itself.
 *
 * URL parameters: `center` (required), `print=0` (no printer: no `window.print()`),
 * `reset=SECONDS` (how long a ticket or an error stays, default 20).
 */

import { css, html, LitElement } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { IssuedTicket } from '../../../shared/src/api/tickets.js';
import { centerInfoLines } from '../../../shared/src/center-info.js';
import { ApiError } from '../../../shared/src/http/api-client.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type KioskMessageKey, kioskText } from '../../../shared/src/i18n/kiosk.js';
import { LocaleController } from '../../../shared/src/i18n/locale-controller.js';
import type { EventType, LiveEvent, PublicCenter } from '../../../shared/src/protocol.js';
import { BoardFeedController } from '../controllers/board-feed-controller.js';
import {
  fetchCenters,
  fetchDeviceStatus,
  fetchPublicConfig,
  fetchServices,
  issueKioskTicket,
} from './kiosk-api.js';
import { errorKey, type KioskService, kioskOptions, serviceName, ticketPageUrl } from './kiosk-state.js';
import type { KioskTicket } from './kiosk-ticket.js';
import { printTicket } from './print-ticket.js';
import type { PriorityChosenEvent } from './priority-picker.js';
import type { ServiceChosenEvent } from './service-picker.js';
import { qrSvg } from './ticket-qr.js';
import '../pairing/device-pairing.js';
import './kiosk-ticket.js';
import './priority-picker.js';
import './service-picker.js';

type Screen =
  | { kind: 'start' }
  | { kind: 'priority'; service: KioskService }
  | { kind: 'ticket'; service: KioskService; ticket: IssuedTicket; qrUrl: string; qrSvg: string }
  | { kind: 'refused'; message: KioskMessageKey };

/** Events after which the service list (names, which issue now, which counters serve) is refetched. */
const CONFIG_EVENTS: ReadonlySet<EventType> = new Set<EventType>([
  'services.changed',
  'center.changed',
  'counter.changed',
]);
/** Until the center is known (and for a center from before zones were stored). */
const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** The service list is refreshed this often: issuing hours open and close by the clock. */
const REFRESH_MS = 30_000;

@customElement('luot-kiosk')
export class Kiosk extends LitElement {
  static override styles = css`
    :host { display: flex; flex-direction: column; min-height: 100vh; font-family: system-ui, 'Segoe UI', Roboto, sans-serif;
      color: #1a1a1a; background: #eef1f5; user-select: none; -webkit-tap-highlight-color: transparent; }
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; padding: 1rem 2rem;
      background: #0b3d6e; color: #fff; }
    h1 { margin: 0; font-size: 2.4rem; }
    .center { font-size: 1.4rem; margin-inline-end: auto; }
    .clock { font-size: 1.6rem; font-variant-numeric: tabular-nums; }
    header button { font: inherit; font-size: 1.3rem; min-height: 3.5rem; padding: 0.5rem 1.25rem; color: #fff;
      background: transparent; border: 2px solid #fff; border-radius: 0.75rem; cursor: pointer; }
    .banner { padding: 1rem 2rem; font-size: 1.5rem; font-weight: 600; background: #a4000f; color: #fff; }
    main { flex: 1; display: grid; align-content: start; gap: 1.5rem; padding: 2rem; outline: none; }
    .lead { margin: 0; font-size: 2rem; font-weight: 600; }
    .message { margin: 0; font-size: 1.6rem; }
    .status { margin: 0; font-size: 1.6rem; font-weight: 600; }
    .ticket-screen { justify-items: center; align-content: center; cursor: pointer; }
    .ticket-screen luot-kiosk-ticket { width: min(100%, 64rem); box-sizing: border-box; }
    .hint { margin: 0; font-size: 1.3rem; color: #333; text-align: center; }
    .refused { display: grid; gap: 1.25rem; justify-items: start; max-width: 50rem; padding: 2rem; border-radius: 1rem;
      background: #fde7e9; color: #5c000b; border: 3px solid #a4000f; }
    .refused h2 { margin: 0; font-size: 2.2rem; }
    .big { font: inherit; font-size: 1.8rem; font-weight: 600; min-height: 5rem; min-width: 14rem; padding: 0.75rem 2rem;
      border-radius: 1rem; border: 0; background: #0b5cad; color: #fff; cursor: pointer; touch-action: manipulation; }
    button:focus-visible { outline: 4px solid #ffbf47; outline-offset: 3px; }
    /* The start screen's services take the height left under the header and the lead (a
       portrait kiosk's rows share it out, service-picker.ts); spacing that follows the screen
       leaves a short one room for four rows of them. */
    main.start { display: flex; flex-direction: column; gap: clamp(0.75rem, 1.5vh, 1.5rem);
      padding: clamp(1rem, 2vh, 2rem) clamp(1rem, 2vw, 2rem); }
    main.start luot-kiosk-services { flex: 1; }
    /* Landscape: one header row, the center's name wrapping beside the clock (a long one, in
       English) rather than pushing the language button onto a second row. */
    @media (orientation: landscape) {
      .center { flex: 1 1 12rem; }
    }
    /* A short landscape screen (1366×768): a slimmer header leaves a fourth row of services room. */
    @media (orientation: landscape) and (max-height: 50rem) {
      header { padding-block: 0.5rem; }
      h1 { font-size: 2rem; }
      header button { min-height: 3rem; }
    }
    @media (orientation: portrait) {
      h1 { font-size: clamp(2.4rem, 5vw, 4rem); }
      .center, .clock { font-size: clamp(1.4rem, 2.6vw, 2.2rem); }
      .lead { font-size: clamp(2rem, 4vw, 3.4rem); }
    }
    /* Laid out at paper width off screen, so its height is known before printing. */
    .paper { position: absolute; top: 0; left: -10000px; }
    @media print {
      :host { display: block; min-height: 0; background: #fff; }
      header, main, .banner { display: none !important; }
      .paper { position: static; }
    }
  `;

  readonly #options = kioskOptions(location.search);
  /** Not remembered: a kiosk is shared, and each citizen starts in Vietnamese. */
  readonly #lang = new LocaleController(this, { remember: false });
  private get locale(): Locale {
    return this.#lang.locale;
  }
  @state() private centerName = '';
  /** The center as public screens know it: its hours and hotline are printed on each ticket. */
  @state() private center: PublicCenter | null = null;
  /** The center's zone: the clock shows the center's time whatever zone the device is set to. */
  @state() private timeZone = DEFAULT_TIME_ZONE;
  @state() private services: KioskService[] | null = null;
  @state() private online = true;
  @state() private busy = false;
  @state() private screen: Screen = { kind: 'start' };
  @state() private setupProblem: string | null = null;
  /** A kiosk prints tickets only once paired with its center: until then, the pairing screen. */
  @state() private needsPairing = false;
  @state() private now = Date.now();
  @query('main') private main?: HTMLElement;
  @query('luot-kiosk-ticket[paper]') private paper?: KioskTicket;

  /**
   * The center's live feed, for configuration only (DESIGN.md §15): a service added, renamed or
   * deactivated, a counter opened or closed (which counters serve what), the center renamed.
   * The list is refetched then, since it also says what issues now; the 30 s refresh stays for
   * what only the clock changes (issuing hours).
   */
  #feed = new BoardFeedController(this, {
    snapshot: () => {},
    event: (event) => this.#configEvent(event),
    resynced: () => {
      if (this.services !== null) this.#refreshSoon();
    },
    refused: () => {},
  });
  #refreshing: Promise<void> | null = null;
  #refreshAgain = false;
  #publicBase = location.origin;
  #centerLoaded = false;
  #deadline: number | null = null;
  #lastRefresh = 0;
  #tick: ReturnType<typeof setInterval> | null = null;
  #onOnline = () => void this.#refresh();
  #onOffline = () => (this.online = false);

  override connectedCallback(): void {
    super.connectedCallback();
    this.#tick = setInterval(() => this.#everySecond(), 1000);
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOffline);
    if (this.#options.centerId === null) this.setupProblem = this.#t('kiosk.noCenter');
    else {
      void this.#refresh();
      this.#feed.watch(this.#options.centerId);
    }
  }

  #configEvent(event: LiveEvent): void {
    if (event.type === 'center.changed' && event.center) {
      this.centerName = event.center.name;
      this.center = event.center;
    }
    if (CONFIG_EVENTS.has(event.type)) this.#refreshSoon();
  }

  /** One refresh at a time; changes during it bring one more after it. */
  #refreshSoon(): void {
    if (this.#refreshing) {
      this.#refreshAgain = true;
      return;
    }
    this.#refreshing = this.#refresh().finally(() => {
      this.#refreshing = null;
      if (!this.#refreshAgain) return;
      this.#refreshAgain = false;
      this.#refreshSoon();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#tick) clearInterval(this.#tick);
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOffline);
  }

  #t(key: KioskMessageKey, params?: Record<string, string | number>): string {
    return kioskText(this.locale, key, params);
  }

  /** One timer drives the clock, the return to the start screen and the periodic refresh. */
  #everySecond(): void {
    this.now = Date.now();
    if (this.#deadline !== null && this.now >= this.#deadline) this.#backToStart();
    else if (this.screen.kind === 'start' && this.now - this.#lastRefresh >= REFRESH_MS) void this.#refresh();
  }

  async #refresh(): Promise<void> {
    const centerId = this.#options.centerId;
    if (centerId === null || this.setupProblem) return;
    this.#lastRefresh = Date.now();
    try {
      if (!this.#centerLoaded) await this.#loadCenter(centerId);
      const device = await fetchDeviceStatus(centerId);
      // A kiosk prints tickets only once paired with the center (DESIGN.md §14), whatever the center requires.
      this.needsPairing = !(device.paired && device.device?.kind === 'kiosk');
      this.services = await fetchServices(centerId);
      this.online = true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'not_found') {
        this.setupProblem = this.#t('kiosk.unknownCenter', { id: centerId });
      } else this.online = false; // keeps the last list, greyed, until the server answers again
    }
  }

  async #loadCenter(centerId: number): Promise<void> {
    // Without the public URL the QR points at this page's own origin, which is right unless proxied.
    const [centers, config] = await Promise.all([
      fetchCenters(),
      fetchPublicConfig().catch(() => ({ publicUrl: null })),
    ]);
    const center = centers.find((c) => c.id === centerId);
    if (!center) throw new ApiError(404, 'not_found', `center ${centerId} does not exist`);
    this.centerName = center.name;
    this.center = center;
    this.timeZone = center.timezone || DEFAULT_TIME_ZONE;
    if (config.publicUrl) this.#publicBase = config.publicUrl;
    this.#centerLoaded = true;
  }

  async #show(screen: Screen, staySeconds: number | null): Promise<void> {
    this.screen = screen;
    this.#stay(staySeconds);
    await this.updateComplete;
    this.main?.focus();
  }

  /** From now, how long the screen stays before the start screen returns (null: for good). */
  #stay(seconds: number | null): void {
    this.now = Date.now();
    this.#deadline = seconds === null ? null : this.now + seconds * 1000;
  }

  #backToStart(): void {
    this.#lang.set('vi'); // the next citizen starts in Vietnamese
    void this.#show({ kind: 'start' }, null);
    void this.#refresh();
  }

  #chooseService(event: ServiceChosenEvent): void {
    const service = this.services?.find((s) => s.id === event.detail.serviceId);
    // Choosing takes longer than reading a ticket: twice the time before giving up.
    if (service) void this.#show({ kind: 'priority', service }, this.#options.resetSeconds * 2);
  }

  async #choosePriority(event: PriorityChosenEvent): Promise<void> {
    const screen = this.screen;
    const centerId = this.#options.centerId;
    if (screen.kind !== 'priority' || this.busy || centerId === null) return;
    this.busy = true;
    this.#stay(null);
    try {
      const ticket = await issueKioskTicket(centerId, screen.service.id, event.detail.priority);
      const qrUrl = ticketPageUrl(this.#publicBase, ticket.token);
      const svg = await qrSvg(qrUrl);
      await this.#show({ kind: 'ticket', service: screen.service, ticket, qrUrl, qrSvg: svg }, null);
      await this.paper?.updateComplete;
      this.#print(); // may block until the printer has the page: the time starts after it
      this.#stay(this.#options.resetSeconds);
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'internal';
      if (code === 'device_not_paired') {
        this.needsPairing = true;
        await this.#show({ kind: 'start' }, null);
        return;
      }
      await this.#show({ kind: 'refused', message: errorKey(code) }, this.#options.resetSeconds);
    } finally {
      this.busy = false;
    }
  }

  /** A printer fault must not take the ticket off the screen: the QR is still there to scan. */
  #print(): void {
    if (!this.#options.printing || !this.paper) return;
    try {
      printTicket(this.paper);
    } catch (error) {
      console.error('printing failed', error);
    }
  }

  #paired(): void {
    this.needsPairing = false;
    void this.#refresh();
    // Its new device cookie may now admit the feed a center of paired devices refused.
    this.#feed.restart();
  }

  #secondsLeft(): number {
    return this.#deadline === null ? 0 : Math.max(0, Math.ceil((this.#deadline - this.now) / 1000));
  }

  override render() {
    const t = (k: KioskMessageKey, p?: Record<string, string | number>) => this.#t(k, p);
    const clock = new Intl.DateTimeFormat(this.locale === 'vi' ? 'vi-VN' : 'en-GB', {
      weekday: 'long',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: this.timeZone,
    }).format(this.now);
    return html`
      <header>
        <h1>${t('kiosk.title')}</h1>
        <span class="center">${this.centerName}</span>
        <span class="clock">${clock}</span>
        <button lang=${this.locale === 'vi' ? 'en' : 'vi'} @click=${() => this.#lang.toggle()}>${t('language.switch')}</button>
      </header>
      ${this.online ? null : html`<div class="banner" role="alert">${t('kiosk.offline')}</div>`}
      ${
        this.setupProblem
          ? html`<main tabindex="-1"><p class="message" role="alert">${this.setupProblem}</p></main>`
          : this.needsPairing
            ? html`<main tabindex="-1"><luot-device-pairing .locale=${this.locale} why="kiosk" @paired=${this.#paired}></luot-device-pairing></main>`
            : this.#screen(t)
      }
      ${this.screen.kind === 'ticket' ? this.#paper(this.screen) : null}`;
  }

  #screen(t: (k: KioskMessageKey, p?: Record<string, string | number>) => string) {
    const screen = this.screen;
    switch (screen.kind) {
      case 'start':
        return html`<main class="start" tabindex="-1" aria-label=${t('kiosk.title')}>
          <p class="lead">${t('kiosk.chooseService')}</p>
          ${this.services === null ? html`<p class="message">${t('kiosk.loading')}</p>` : null}
          ${this.services?.length === 0 ? html`<p class="message">${t('kiosk.noServices')}</p>` : null}
          <luot-kiosk-services .services=${this.services ?? []} .locale=${this.locale} ?disabled=${!this.online}
            @service-chosen=${this.#chooseService}></luot-kiosk-services>
        </main>`;
      case 'priority':
        return html`<main tabindex="-1" aria-label=${t('priority.title')}>
          <luot-kiosk-priority .serviceName=${serviceName(screen.service, this.locale)} .locale=${this.locale}
            ?busy=${this.busy} @priority-chosen=${this.#choosePriority} @back=${this.#backToStart}></luot-kiosk-priority>
          ${this.busy ? html`<p class="status" role="status">${t('issuing.wait')}</p>` : null}
        </main>`;
      case 'ticket':
        return html`<main class="ticket-screen" tabindex="-1" aria-label=${t('ticket.label', { number: screen.ticket.number })}
          @click=${this.#backToStart}>
          <luot-kiosk-ticket .ticket=${screen.ticket} .serviceName=${serviceName(screen.service, this.locale)}
            .centerName=${this.centerName} .centerInfo=${centerInfoLines(this.locale, this.center)} .locale=${this.locale} .qrUrl=${screen.qrUrl} .qrSvg=${screen.qrSvg}></luot-kiosk-ticket>
          <p class="status" role="status">${this.#options.printing ? `${t('ticket.printing')} ` : ''}${t('ticket.watchBoard')}</p>
          <button class="big">${t('action.done')}</button>
          <p class="hint">${t('ticket.returning', { seconds: this.#secondsLeft() })}</p>
        </main>`;
      case 'refused':
        return html`<main tabindex="-1" aria-label=${t('error.title')}>
          <div class="refused" role="alert">
            <h2>${t('error.title')}</h2>
            <p class="message">${t(screen.message)}</p>
            <button class="big" @click=${this.#backToStart}>${t('action.back')}</button>
            <p class="hint">${t('error.returning', { seconds: this.#secondsLeft() })}</p>
          </div>
        </main>`;
    }
  }

  /** The printed ticket, in the locale chosen; hidden from screen readers, which have the screen's. */
  #paper(screen: Extract<Screen, { kind: 'ticket' }>) {
    return html`<div class="paper" aria-hidden="true">
      <luot-kiosk-ticket paper .ticket=${screen.ticket} .serviceName=${serviceName(screen.service, this.locale)}
        .centerName=${this.centerName} .centerInfo=${centerInfoLines(this.locale, this.center)} .locale=${this.locale} .qrUrl=${screen.qrUrl} .qrSvg=${screen.qrSvg}></luot-kiosk-ticket>
    </div>`;
  }
}
