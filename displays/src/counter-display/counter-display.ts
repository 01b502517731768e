/**
 * `<luot-counter-display>`: the screen at a counter (`/display/counter/?counter=ID`, issue 4).
 * The number called or served there, big, with its service; "closed" or "paused" when so.
 * It doubles as the rating tablet once paired as this counter's display (`?pair=1` opens the
 * pairing screen): when the clerk completes a ticket, the four ratings are offered for that
 * ticket for 30 seconds (the server enforces the same window), then it returns. Unpaired, it
 * points the citizen to the QR code on the ticket instead.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { WireService } from '../../../shared/src/api/services.js';
import type { CounterDisplayInfo } from '../../../shared/src/counter-rating.js';
import { type DisplayMessageKey, displayText } from '../../../shared/src/i18n/displays.js';
import { LocaleController } from '../../../shared/src/i18n/locale-controller.js';
import type { LiveEvent } from '../../../shared/src/protocol.js';
import type { BoardService } from '../board/board-waiting.js';
import '../pairing/device-pairing.js';
import { CounterFeedController } from '../controllers/counter-feed-controller.js';
import { DisplayHttpError, getJson, ServerClock } from '../controllers/server-clock.js';
import {
  applyCounterEvent,
  type CounterDisplayView,
  EMPTY_COUNTER_VIEW,
  offerEnd,
  openOffer,
  viewFromCounterSnapshot,
} from './counter-display-state.js';
import type { RateEvent } from './rating-panel.js';
import { type RatingResult, sendRating } from './send-rating.js';
import './rating-panel.js';

const RETRY_MS = 5000;
/** How long the answer to a rating stays on screen. */
const NOTICE_MS = 5000;
const NOTICES: Record<Exclude<RatingResult, 'failed'>, DisplayMessageKey> = {
  accepted: 'rating.thanks',
  already: 'rating.already',
  closed: 'rating.closed',
};

@customElement('luot-counter-display')
export class CounterDisplay extends LitElement {
  static override styles = css`
    :host { display: grid; grid-template-rows: auto 1fr; grid-template-columns: minmax(0, 1fr); box-sizing: border-box; height: 100vh; padding: 3vh 3vw;
      overflow: hidden; background: #0b1f3a; color: #fff; font-family: system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif; }
    header { display: flex; align-items: baseline; gap: 2vw; border-bottom: 0.3vh solid #27476f; padding-bottom: 1.5vh; }
    h1 { margin: 0; font-size: 8vmin; white-space: nowrap; }
    .center { margin-inline-end: auto; font-size: 3vmin; color: #c9d6e8; }
    .status { font-size: 2.6vmin; padding: 0.6vh 1vw; border-radius: 1vh; background: #5c1a1a; }
    main { display: grid; align-content: center; justify-items: center; text-align: center; gap: 2vh; min-height: 0; }
    .label { font-size: 5vmin; color: #c9d6e8; }
    .number { font-size: min(30vh, 17vw); font-weight: 800; line-height: 1; font-variant-numeric: tabular-nums; letter-spacing: 0.03em; }
    .number.called { color: #ffd43b; }
    .service { font-size: 4.5vmin; }
    .state { font-size: 9vmin; font-weight: 700; }
    .state.paused { color: #ffd7a8; }
    .notice { font-size: 6vmin; font-weight: 700; }
    .transfer { font-size: min(16vh, 9vw); font-weight: 800; line-height: 1; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .transfer .to { color: #ffd43b; }
    /* Half size, so "A010 → E003 · Quầy 5" still fits the width on one line. */
    .transfer .to-counter { color: #ffd43b; font-size: 0.5em; font-weight: 700; }
    .transfer .arrow { font-weight: 400; opacity: 0.8; }
    luot-rating-panel { width: 100%; }
  `;

  @state() private counterId: number | null = null;
  @state() private centerName = '';
  @state() private services: BoardService[] = [];
  @state() private view: CounterDisplayView = EMPTY_COUNTER_VIEW;
  @state() private problem: { key: DisplayMessageKey; id?: string } | null = null;
  @state() private notice: DisplayMessageKey | null = null;
  /** The center admits paired devices only, and this display is not one of them (yet). */
  @state() private needsPairing = false;
  @state() private sending = false;
  /** Paired as this counter's display: the server takes its ratings. */
  @state() private ratings = false;
  /** `?pair=1`: a manager pairs this display with its counter so it takes ratings. */
  @state() private pairForRatings = false;
  @state() private now = Date.now();

  readonly #lang = new LocaleController(this);
  private get locale() {
    return this.#lang.locale;
  }
  #clock = new ServerClock();
  #ticker: ReturnType<typeof setInterval> | null = null;
  #noticeTimer: ReturnType<typeof setTimeout> | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #feed = new CounterFeedController(this, {
    snapshot: (snapshot) => {
      this.view = viewFromCounterSnapshot(snapshot, this.view);
      this.#tick();
    },
    event: (event) => this.#apply(event),
    refused: () => {
      this.problem = { key: 'counterDisplay.unknownCounter', id: String(this.counterId) };
    },
    notPaired: () => {
      this.needsPairing = true;
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    const raw = new URLSearchParams(location.search).get('counter');
    const id = raw && /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : null;
    if (id === null) {
      this.problem = { key: 'counterDisplay.noCounter' };
      return;
    }
    this.counterId = id;
    this.pairForRatings = new URLSearchParams(location.search).get('pair') === '1';
    void this.#load();
    this.#feed.watch(id);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const timer of [this.#noticeTimer, this.#retryTimer]) if (timer) clearTimeout(timer);
    if (this.#ticker) clearInterval(this.#ticker);
    this.#ticker = null;
  }

  #t(key: DisplayMessageKey, params?: Record<string, string | number>): string {
    return displayText(this.locale, key, params);
  }

  async #load(): Promise<void> {
    const id = this.counterId;
    if (id === null) return;
    try {
      const info = await getJson<CounterDisplayInfo>(`/api/counters/${id}/display`, this.#clock);
      this.centerName = info.centerName;
      this.ratings = info.ratings;
      this.view = { ...this.view, counter: this.view.counter ?? info.counter };
      this.services = await getJson<WireService[]>(`/api/centers/${info.centerId}/services`, this.#clock);
    } catch (error) {
      if (error instanceof DisplayHttpError && error.status === 404) {
        this.problem = { key: 'counterDisplay.unknownCounter', id: String(id) };
        this.#feed.watch(null);
        return;
      }
      if (this.#retryTimer) clearTimeout(this.#retryTimer);
      this.#retryTimer = setTimeout(() => void this.#load(), RETRY_MS);
    }
  }

  #apply(event: LiveEvent): void {
    const until = event.type === 'ticket.done' ? offerEnd(this.#clock.ageMs(event.at), Date.now()) : 0;
    this.view = applyCounterEvent(this.view, event, until);
    if (this.view.offer) this.notice = null;
    this.#tick();
  }

  /** Counts the offer down once a second while it is open; stops by itself after. */
  #tick(): void {
    this.now = Date.now();
    const open = openOffer(this.view, this.now) !== null;
    if (open && !this.#ticker) this.#ticker = setInterval(() => this.#tick(), 1000);
    if (!open && this.#ticker) {
      clearInterval(this.#ticker);
      this.#ticker = null;
    }
  }

  async #rate(event: RateEvent): Promise<void> {
    const offer = openOffer(this.view, Date.now());
    if (!offer || this.sending || this.counterId === null) return;
    this.sending = true;
    const result = await sendRating(this.counterId, {
      ticketId: offer.ticketId,
      rating: event.detail.rating,
    });
    this.sending = false;
    if (result === 'failed') {
      this.notice = 'rating.failed';
      return;
    }
    // One rating per ticket: whatever the answer, this offer is over.
    this.view = { ...this.view, offer: null };
    this.#tick();
    this.notice = NOTICES[result];
    if (this.#noticeTimer) clearTimeout(this.#noticeTimer);
    this.#noticeTimer = setTimeout(() => (this.notice = null), NOTICE_MS);
  }

  #serviceName(serviceId: number): string {
    const service = this.services.find((s) => s.id === serviceId);
    if (!service) return '';
    return this.locale === 'en' ? service.nameEn : service.name;
  }

  #main() {
    const offer = openOffer(this.view, this.now);
    if (offer && !this.ratings) {
      return html`<p class="notice" role="status">${this.#t('rating.onPhone', { number: offer.number })}</p>`;
    }
    if (offer) {
      return html`<luot-rating-panel number=${offer.number} locale=${this.locale}
          .secondsLeft=${Math.ceil((offer.until - this.now) / 1000)} ?disabled=${this.sending}
          @rate=${this.#rate}></luot-rating-panel>
        ${this.notice ? html`<p class="notice" role="status">${this.#t(this.notice)}</p>` : nothing}`;
    }
    if (this.notice) return html`<p class="notice" role="status">${this.#t(this.notice)}</p>`;
    const { counter, ticket } = this.view;
    if (ticket) {
      const called = ticket.status === 'called';
      return html`<span class="label">${this.#t(called ? 'counterDisplay.calling' : 'counterDisplay.serving')}</span>
        <span class="number ${called ? 'called' : ''}" role="status">${ticket.number}</span>
        <span class="service">${this.#serviceName(ticket.serviceId)}</span>`;
    }
    if (counter?.state === 'closed') return html`<p class="state">${this.#t('counterDisplay.closed')}</p>`;
    if (counter?.state === 'paused')
      return html`<p class="state paused">${this.#t('counterDisplay.paused')}</p>`;
    const transfer = this.view.transfer;
    if (transfer) {
      // The citizen holding the paper ticket learns the number they will be called by (issue 11
      // item 17), and the counter that will call it when the transfer named one.
      const at = transfer.counterNumber;
      const counter = at === undefined ? '' : this.#t('board.counterName', { number: at });
      const line = `${transfer.from} → ${transfer.to}${counter ? ` · ${counter}` : ''}`;
      return html`<span class="label">${this.#t('counterDisplay.transferred')}</span>
        <p class="transfer" role="status" aria-label=${line}>
          <span class="from">${transfer.from}</span> <span class="arrow" aria-hidden="true">→</span>
          <span class="to">${transfer.to}</span>${counter ? html` <span class="to-counter">· ${counter}</span>` : null}</p>
        <span class="service">${this.#serviceName(transfer.serviceId)}</span>
        <span class="label">${
          at === undefined
            ? this.#t('counterDisplay.transferWait', { number: transfer.to })
            : this.#t('counterDisplay.transferWaitAt', { number: transfer.to, counter: at })
        }</span>`;
    }
    return html`<p class="label">${counter ? this.#t('counterDisplay.ready') : ''}</p>`;
  }

  override render() {
    if (this.problem) {
      return html`<p class="state" role="alert">${this.#t(this.problem.key, { id: this.problem.id ?? '' })}</p>`;
    }
    if (this.needsPairing || this.pairForRatings) {
      return html`<luot-device-pairing locale=${this.locale} why=${this.needsPairing ? 'required' : 'ratings'}
        .counterId=${this.counterId} @paired=${() => {
          this.needsPairing = false;
          this.pairForRatings = false;
          history.replaceState(null, '', `?counter=${this.counterId}`);
          this.#feed.restart();
          void this.#load();
        }}></luot-device-pairing>`;
    }
    const counter = this.view.counter;
    return html`<header>
        <h1>${counter ? this.#t('counterDisplay.name', { number: counter.number }) : ''}</h1>
        <span class="center">${this.centerName}</span>
        ${this.#feed.reconnecting ? html`<span class="status" role="status">${this.#t('counterDisplay.reconnecting')}</span>` : nothing}
      </header>
      <main>${this.#main()}</main>`;
  }
}
