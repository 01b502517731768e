/**
 * `<luot-board>`: the waiting-room board (`/display/?center=ID[&rotate=SECONDS]`, issue 4),
 * legible across a hall on a TV at 16:9 or 4:3, landscape or portrait. The center's name, date
 * and clock; the last calls (newest first, highlighted while fresh); the waiting count per
 * service and which open counters serve it ("chưa có quầy phục vụ" when none); what each
 * open counter is doing; a transfer's old and new number ("A010 → E003"). Each in an area of its own: services and counters
 * that do not fit theirs turn pages every `rotate` seconds (10 by default).
 * Every call, recall and resumed call received live is announced in Vietnamese, one at a time
 * (announcer.ts); a call replayed after a reconnect, or older than a minute, is shown but
 * never announced. It reconnects by itself, saying so discreetly meanwhile.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { WireService } from '../../../shared/src/api/services.js';
import { boardNoticeText } from '../../../shared/src/center-info.js';
import { type DisplayMessageKey, displayText } from '../../../shared/src/i18n/displays.js';
import { LocaleController } from '../../../shared/src/i18n/locale-controller.js';
import type { LiveEvent, PublicCenter } from '../../../shared/src/protocol.js';
import { BoardFeedController } from '../controllers/board-feed-controller.js';
import { DisplayHttpError, getJson, ServerClock } from '../controllers/server-clock.js';
import '../pairing/device-pairing.js';
import { Announcer } from './announcer.js';
import {
  applyEvent,
  type BoardView,
  EMPTY_VIEW,
  FRESH_MS,
  shouldAnnounce,
  viewFromSnapshot,
} from './board-state.js';
import type { BoardService } from './board-waiting.js';
import { BrowserVoice } from './browser-voice.js';
import { announcementWords } from './vietnamese-speech.js';
import './board-calls.js';
import './board-clock.js';
import './board-counters.js';
import './board-waiting.js';
import './sound-button.js';

/** Remembered once someone has turned the sound on at this board. */
export const SOUND_KEY = 'luot.board.sound';
const RETRY_MS = 5000;
/** Seconds a page of services or counters stays up when they do not fit at once (`&rotate=`). */
export const ROTATE_SECONDS = { default: 10, min: 2, max: 120 } as const;

function rotateMs(raw: string | null): number {
  const seconds = raw && /^[0-9]{1,3}$/.test(raw) ? Number(raw) : ROTATE_SECONDS.default;
  return Math.min(ROTATE_SECONDS.max, Math.max(ROTATE_SECONDS.min, seconds)) * 1000;
}

@customElement('luot-board')
export class WaitingBoard extends LitElement {
  static override styles = css`
    /* Every area is a grid cell of its own, sized by the screen, never by its content: the
       panels inside page or shrink to fit it. 16:9 in three columns, 4:3 in two, portrait in rows. */
    :host { display: grid; grid-template-rows: auto minmax(0, 1fr) auto; grid-template-columns: minmax(0, 1fr); gap: 2vmin;
      box-sizing: border-box; height: 100vh; width: 100vw; padding: 2vmin 2.5vmin; overflow: hidden;
      background: #0b1f3a; color: #fff; font-family: system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif; }
    header { display: flex; align-items: center; gap: 2vmin; min-width: 0; border-bottom: 0.3vmin solid #27476f;
      padding-bottom: 1.2vmin; }
    h1 { flex: 1; min-width: 0; margin: 0; font-size: 4.4vmin; line-height: 1.2; overflow-wrap: break-word; }
    main { display: grid; gap: 2vmin 2.5vmin; min-height: 0; min-width: 0;
      grid-template-columns: minmax(0, 34fr) minmax(0, 38fr) minmax(0, 28fr); grid-template-rows: minmax(0, 1fr);
      grid-template-areas: 'calls waiting counters'; }
    luot-board-calls { grid-area: calls; }
    luot-board-waiting { grid-area: waiting; }
    luot-board-counters { grid-area: counters; }
    @media (max-aspect-ratio: 3/2) {
      main { grid-template-columns: minmax(0, 9fr) minmax(0, 11fr); grid-template-rows: minmax(0, 3fr) minmax(0, 2fr);
        grid-template-areas: 'calls waiting' 'calls counters'; }
    }
    @media (orientation: portrait) {
      main { grid-template-columns: minmax(0, 1fr); grid-template-rows: minmax(0, 36fr) minmax(0, 37fr) minmax(0, 27fr);
        grid-template-areas: 'calls' 'waiting' 'counters'; }
    }
    .status { flex: none; font-size: 3.4vmin; padding: 0.6vmin 1.2vmin; border-radius: 1vmin; background: #5c1a1a; color: #fff; }
    .side { flex: none; display: flex; align-items: center; gap: 2vmin; }
    @media (orientation: portrait) {
      /* A narrow header: the sound button under the clock leaves the center's name its width. */
      .side { flex-direction: column-reverse; align-items: flex-end; gap: 1vmin; }
    }
    main.pairing { display: block; }
    /* The center's notice and hotline, one or two lines under the panels, never scrolling. */
    .notice { margin: 0; padding-top: 1.2vmin; border-top: 0.3vmin solid #27476f; font-size: 3.6vmin; line-height: 1.25;
      color: #ffe08a; overflow-wrap: break-word; }
    .problem { font-size: 4vmin; margin: auto; max-width: 70vw; text-align: center; }
  `;

  @state() private centerId: number | null = null;
  @state() private centerName = '';
  /** What the center's notice line says (its notice and hotline), worded in the board's language. */
  @state() private noticeOf: Pick<PublicCenter, 'hotline' | 'boardNotice'> | null = null;
  @state() private services: BoardService[] = [];
  @state() private view: BoardView = EMPTY_VIEW;
  @state() private problem: { key: DisplayMessageKey; id?: string } | null = null;
  /** The center admits paired devices only, and this board is not one of them (yet). */
  @state() private needsPairing = false;
  @state() private soundOn = localStorage.getItem(SOUND_KEY) === 'on';
  /** Local time the highlights are judged against; moved on when one ends. */
  @state() private now = Date.now();
  /** Counts up every rotation: each paged panel shows its page `turn % pages`. */
  @state() private turn = 0;

  readonly #lang = new LocaleController(this);
  private get locale() {
    return this.#lang.locale;
  }
  #clock = new ServerClock();
  #voice = new BrowserVoice(() => (this.soundOn = false));
  #announcer = new Announcer(this.#voice);
  #freshTimer: ReturnType<typeof setTimeout> | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #turnTimer: ReturnType<typeof setInterval> | null = null;
  #loading: Promise<void> | null = null;
  #feed = new BoardFeedController(this, {
    snapshot: (snapshot) => {
      this.view = viewFromSnapshot(snapshot);
    },
    event: (event, replayed) => this.#apply(event, replayed),
    resynced: () => void this.#loadNames(),
    refused: () => {
      this.needsPairing = true;
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    const query = new URLSearchParams(location.search);
    const raw = query.get('center');
    const id = raw && /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : null;
    if (id === null) {
      this.problem = { key: 'board.noCenter' };
      return;
    }
    this.centerId = id;
    this.#turnTimer = setInterval(() => this.turn++, rotateMs(query.get('rotate')));
    void this.#loadNames();
    this.#feed.watch(id);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#announcer.dispose();
    if (this.#freshTimer) clearTimeout(this.#freshTimer);
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    if (this.#turnTimer) clearInterval(this.#turnTimer);
    this.#turnTimer = null;
  }

  #t(key: DisplayMessageKey, params?: Record<string, string | number>): string {
    return displayText(this.locale, key, params);
  }

  /** The center's name and its services' names (events carry ids only); also sets the clock. */
  #loadNames(): Promise<void> {
    // A snapshot arriving while the first load runs needs no second one.
    this.#loading ??= this.#fetchNames().finally(() => {
      this.#loading = null;
    });
    return this.#loading;
  }

  async #fetchNames(): Promise<void> {
    const id = this.centerId;
    if (id === null) return;
    try {
      const [centers, services] = await Promise.all([
        getJson<PublicCenter[]>('/api/centers', this.#clock),
        getJson<WireService[]>(`/api/centers/${id}/services`, this.#clock),
      ]);
      const center = centers.find((c) => c.id === id) ?? null;
      this.centerName = center?.name ?? '';
      this.noticeOf = center;
      this.services = services;
    } catch (error) {
      if (error instanceof DisplayHttpError && error.status === 404) {
        this.problem = { key: 'board.unknownCenter', id: String(id) };
        this.#feed.watch(null);
        return;
      }
      // The server is away: the live feed says so; names come with the next try.
      if (this.#retryTimer) clearTimeout(this.#retryTimer);
      this.#retryTimer = setTimeout(() => void this.#loadNames(), RETRY_MS);
    }
  }

  #apply(event: LiveEvent, replayed: boolean): void {
    // Configuration is an event too (DESIGN.md §15): a new or renamed service, a renamed center.
    if (event.type === 'services.changed' && event.services) this.services = event.services;
    if (event.type === 'center.changed' && event.center) {
      this.centerName = event.center.name;
      this.noticeOf = event.center;
    }
    const news = shouldAnnounce(event, replayed, this.#clock.ageMs(event.at));
    this.view = applyEvent(this.view, event, news ? Date.now() + FRESH_MS : 0);
    if (!news) return;
    const call = this.view.calls[0];
    if (this.soundOn && call && call.seq === event.seq && call.counterNumber > 0) {
      this.#announcer.announce({
        key: `${event.centerId}:${event.seq}`,
        words: announcementWords(call.number, call.counterNumber),
      });
    }
    this.#scheduleFreshEnd();
  }

  /** One timer at a time, for the earliest highlight still to end. */
  #scheduleFreshEnd(): void {
    if (this.#freshTimer) clearTimeout(this.#freshTimer);
    this.now = Date.now();
    const ends = this.view.calls.map((c) => c.freshUntil).filter((t) => t > this.now);
    if (ends.length === 0) {
      this.#freshTimer = null;
      return;
    }
    this.#freshTimer = setTimeout(() => this.#scheduleFreshEnd(), Math.min(...ends) - this.now + 50);
  }

  #paired(): void {
    this.needsPairing = false;
    this.#feed.restart();
  }

  #turnSoundOn(): void {
    localStorage.setItem(SOUND_KEY, 'on');
    this.soundOn = true;
    // Heard at once, inside the click: the sign that sound works, and what unlocks it.
    void this.#voice.chime();
  }

  override render() {
    if (this.problem) {
      return html`<p class="problem" role="alert">${this.#t(this.problem.key, { id: this.problem.id ?? '' })}</p>`;
    }
    if (this.needsPairing) {
      return html`<header><h1>${this.centerName || this.#t('board.title')}</h1></header>
        <main class="pairing"><luot-device-pairing locale=${this.locale} @paired=${this.#paired}></luot-device-pairing></main>`;
    }
    return html`<header>
        <h1>${this.centerName || this.#t('board.title')}</h1>
        ${this.#feed.reconnecting ? html`<span class="status" role="status">${this.#t('board.reconnecting')}</span>` : nothing}
        <div class="side">
          ${this.soundOn ? nothing : html`<luot-sound-button locale=${this.locale} @sound-on=${this.#turnSoundOn}></luot-sound-button>`}
          <luot-board-clock .offsetMs=${this.#clock.offsetMs} locale=${this.locale}></luot-board-clock>
        </div>
      </header>
      <main>
        <luot-board-calls .calls=${this.view.calls} .services=${this.services} .now=${this.now}
          locale=${this.locale}></luot-board-calls>
        <luot-board-waiting .services=${this.services} .waiting=${this.view.waiting} .counters=${this.view.counters}
          .turn=${this.turn} locale=${this.locale}></luot-board-waiting>
        <luot-board-counters .counters=${this.view.counters} .turn=${this.turn} locale=${this.locale}></luot-board-counters>
      </main>
      ${this.#notice()}`;
  }

  #notice() {
    const notice = boardNoticeText(this.locale, this.noticeOf);
    return notice ? html`<p class="notice" role="note">${notice}</p>` : nothing;
  }
}
