/**
 * `<luot-clerk-console>`: the counter UI a clerk keeps open all day (issue 3). Signs in, picks
 * and runs a counter, shows the ticket in hand and the live queue, and offers exactly the
 * actions the shared state machine allows, each with a keyboard shortcut. Actions are refused
 * while offline, never queued; the state resyncs by seq after a reconnect.
 */
import { css, html, LitElement } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import {
  applyEvent as applyCenterEvent,
  type BoardView,
  viewFromSnapshot as centerViewFromSnapshot,
} from '../../../displays/src/board/board-state.js';
import type { CounterQueue } from '../../../shared/src/api/counters.js';
import type { ServiceName, WireService } from '../../../shared/src/api/services.js';
import type { ClerkToday, SignedInUser } from '../../../shared/src/api/users.js';
import { ApiError, api } from '../../../shared/src/http/api-client.js';
import { LocaleController } from '../../../shared/src/i18n/locale-controller.js';
import {
  formatDuration,
  type Locale,
  type MessageKey,
  translate,
} from '../../../shared/src/i18n/messages.js';
import {
  type CounterState,
  type PublicCenter,
  type StaffTicketAction,
  TICKET_ACTION_PATH,
  type WireCounter,
  type WireTicket,
} from '../../../shared/src/protocol.js';
import { CenterFeedController } from '../controllers/center-feed-controller.js';
import { StaffSessionController } from '../controllers/staff-session-controller.js';
import {
  applyEvent,
  type CounterView,
  canCallNext,
  countersAfter,
  enabledTicketActions,
  takenOverFrom,
  viewFromSnapshot,
} from './console-state.js';
import type { CounterActionEvent } from './counter-bar.js';
import type { CallSpecificEvent } from './queue-panel.js';
import { commandFor, SHORTCUTS, type ShortcutCommand } from './shortcuts.js';
import type { TicketActionEvent, TicketPanel } from './ticket-panel.js';
import './center-queue-panel.js';
import './counter-bar.js';
import './queue-panel.js';
import './sign-in-form.js';
import './ticket-panel.js';
import '../staff-nav/staff-nav.js';

const COUNTER_KEY = 'luot.counterId';

@customElement('luot-clerk-console')
export class ClerkConsole extends LitElement {
  static override styles = css`
    :host { display: block; font-family: system-ui, 'Segoe UI', Roboto, sans-serif; color: #1a1a1a; }
    .banner { padding: 0.6rem 1rem; background: #a4000f; color: #fff; font-weight: 600; }
    .error { padding: 0.6rem 1rem; background: #fde7e9; color: #7a0010; }
    main { display: grid; gap: 1rem; padding: 1rem; grid-template-columns: minmax(22rem, 2fr) minmax(18rem, 1fr); }
    section.card { background: #fff; border-radius: 0.5rem; padding: 1rem; box-shadow: 0 1px 3px #0002; display: grid; gap: 0.75rem; align-content: start; }
    .wide { grid-column: 1 / -1; }
    .picker { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    .picker button { font: inherit; padding: 0.8rem 1.2rem; border-radius: 0.25rem; border: 1px solid #767676; background: #fff; cursor: pointer; }
    dl { display: grid; grid-template-columns: auto auto; gap: 0.25rem 1rem; margin: 0; }
    dt { color: #444; } dd { margin: 0; font-weight: 700; }
    table { border-collapse: collapse; } td, th { text-align: start; padding: 0.1rem 0.75rem 0.1rem 0; }
    h2 { margin: 0; font-size: 1.1rem; }
    @media (max-width: 800px) { main { grid-template-columns: 1fr; } }
  `;

  readonly #lang = new LocaleController(this);
  private get locale(): Locale {
    return this.#lang.locale;
  }
  #session = new StaffSessionController(this, {
    locale: () => this.locale,
    entered: (user) => this.#enter(user),
    left: () => {
      this.#feed.watch(null);
      this.queue = null;
      this.displaced = '';
    },
  });
  /** Why sign-in is shown again (the session expired), until someone signs in. */
  @state() private notice = '';
  @state() private error = '';
  @state() private centerName = '';
  @state() private services: ServiceName[] = [];
  @state() private counters: WireCounter[] = [];
  @state() private counterId: number | null = Number(localStorage.getItem(COUNTER_KEY)) || null;
  @state() private view: CounterView = { counter: null, ticket: null };
  @state() private queue: CounterQueue | null = null;
  /** The whole center, kept live by the board's own rules (read-only for the clerk). */
  @state() private center: BoardView | null = null;
  @state() private today: ClerkToday | null = null;
  @state() private now = Date.now();
  /** Another clerk holds the counter this clerk tried to work: ask before taking it over. */
  @state() private takeover: { number: number; name: string } | null = null;
  /** This clerk's counter was taken over by another: said once, on the counter picker. */
  @state() private displaced = '';
  @query('luot-ticket-panel') private ticketPanel?: TicketPanel;

  #feed = new CenterFeedController(this, {
    snapshot: (s) => {
      this.center = centerViewFromSnapshot(s);
      this.counters = s.counters.map(({ ticket: _ticket, ...counter }) => counter);
      if (this.counterId !== null) this.view = viewFromSnapshot(s, this.counterId);
    },
    event: (e) => {
      if (this.center) this.center = applyCenterEvent(this.center, e, 0);
      // Configuration is an event too (DESIGN.md §15): the transfer choices and the header follow it.
      if (e.type === 'services.changed' && e.services) this.services = e.services;
      if (e.type === 'center.changed' && e.center) this.centerName = e.center.name;
      // Counters' states and services too: the counters a transfer may name follow them.
      const counters = countersAfter(this.counters, e);
      if (counters) this.counters = counters;
      if (this.counterId === null) return;
      const taker = this.user ? takenOverFrom(this.view, e, this.counterId, this.user.id) : null;
      if (taker) {
        // Stop acting as that counter at once: the other clerk works it now.
        const number = this.view.counter?.number ?? 0;
        this.#pickCounter(null);
        this.displaced = this.#t('counter.takenBy', { number, name: taker.name });
        return;
      }
      const { view, queueChanged } = applyEvent(this.view, e, this.counterId);
      this.view = view;
      if (queueChanged) this.#scheduleRefresh();
    },
    resynced: () => this.#scheduleRefresh(),
  });
  #clock: ReturnType<typeof setInterval> | null = null;
  #refreshQueued = false;
  #onKey = (event: KeyboardEvent) => this.#shortcut(event);

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.#onKey);
    this.#clock = setInterval(() => (this.now = Date.now()), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.#onKey);
    if (this.#clock) clearInterval(this.#clock);
  }

  #t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.locale, key, params);
  }

  /** The signed-in clerk, or null while signed out (the session controller keeps it). */
  private get user(): SignedInUser | null {
    return this.#session.user;
  }

  async #enter(user: SignedInUser): Promise<void> {
    this.notice = '';
    const centerId = user.centerIds[0];
    if (centerId === undefined) return;
    const [centers, services, counters] = await Promise.all([
      api<PublicCenter[]>('GET', '/api/centers'),
      api<WireService[]>('GET', `/api/centers/${centerId}/services`),
      api<WireCounter[]>('GET', `/api/centers/${centerId}/counters`),
    ]);
    this.centerName = centers.find((c) => c.id === centerId)?.name ?? '';
    this.services = services;
    this.counters = counters;
    if (this.counterId !== null && !counters.some((c) => c.id === this.counterId)) this.#pickCounter(null);
    this.#feed.watch(centerId);
    await this.#refresh();
  }

  #pickCounter(id: number | null): void {
    this.counterId = id;
    this.takeover = null;
    if (id !== null) this.displaced = '';
    if (id === null) localStorage.removeItem(COUNTER_KEY);
    else localStorage.setItem(COUNTER_KEY, String(id));
    const counter = this.counters.find((c) => c.id === id) ?? null;
    this.view = { counter, ticket: null };
    this.queue = null;
    // The snapshot tells which ticket is in hand; re-subscribing fetches it.
    const centerId = this.user?.centerIds[0] ?? null;
    this.#feed.watch(null);
    this.#feed.watch(centerId);
    void this.#refresh();
  }

  /** Coalesces bursts of events into one refetch of the queue and the day's figures. */
  #scheduleRefresh(): void {
    if (this.#refreshQueued) return;
    this.#refreshQueued = true;
    queueMicrotask(() => {
      this.#refreshQueued = false;
      void this.#refresh();
    });
  }

  async #refresh(): Promise<void> {
    if (!this.user || this.counterId === null) return;
    try {
      const [queue, today] = await Promise.all([
        api<CounterQueue>('GET', `/api/counters/${this.counterId}/queue`),
        api<ClerkToday>('GET', '/api/me/today'),
      ]);
      this.queue = queue;
      this.today = today;
    } catch (error) {
      this.#handleError(error);
    }
  }

  #handleError(error: unknown): void {
    if (error instanceof ApiError && error.status === 401) {
      // The counter stays remembered: signing in again lands back at it.
      this.#session.lost();
      this.notice = this.#t('auth.expired');
      this.#feed.watch(null);
      return;
    }
    if (error instanceof ApiError && error.code === 'counter_held_by_other') {
      const holder = error.details?.holder as { name?: string } | null | undefined;
      this.takeover = { number: this.view.counter?.number ?? 0, name: holder?.name ?? '?' };
      return;
    }
    if (error instanceof ApiError && error.code === 'offline') this.error = this.#t('error.offline');
    else
      this.error = this.#t('error.generic', {
        message: error instanceof Error ? error.message : String(error),
      });
  }

  /** Every action: refused while offline, never queued; the reply updates the view at once. */
  async #act(path: string, body?: object): Promise<void> {
    if (!this.#feed.online) {
      this.error = this.#t('error.offline');
      return;
    }
    this.error = '';
    try {
      const reply = await api<{ ticket?: WireTicket } | WireCounter | null>('POST', path, body);
      this.#applyReply(path, reply);
    } catch (error) {
      this.#handleError(error);
    }
    await this.updateComplete;
    await this.#keepFocus();
    await this.#refresh();
  }

  #applyReply(path: string, reply: { ticket?: WireTicket } | WireCounter | null): void {
    if (reply && 'ticket' in reply && reply.ticket && this.counterId !== null) {
      const ticket = reply.ticket;
      const here = ticket.counterId === this.counterId && ['called', 'serving'].includes(ticket.status);
      if (here) this.view = { ...this.view, ticket };
      else if (this.view.ticket && (ticket.id === this.view.ticket.id || path.endsWith('/transfer'))) {
        this.view = { ...this.view, ticket: null };
      }
    } else if (reply && 'state' in reply) {
      this.view = { ...this.view, counter: reply };
    }
  }

  /** Focus never falls to the page: after every action it goes to the next step. */
  #keepFocus(): Promise<void> {
    const takeOver = this.renderRoot.querySelector<HTMLButtonElement>('.takeover button[type="submit"]');
    if (takeOver) {
      takeOver.focus(); // asked whether to take the counter over: the answer is the next step
      return Promise.resolve();
    }
    return this.ticketPanel?.focusPrimary() ?? Promise.resolve();
  }

  async #takeOver(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    this.takeover = null;
    await this.#act(`/api/counters/${this.counterId}/open`, { takeover: true });
  }

  #takeoverDialog(t: (k: MessageKey, p?: Record<string, string | number>) => string) {
    const asked = this.takeover;
    const holder = this.view.counter?.holder;
    if (!asked && holder && this.user && holder.userId !== this.user.id && this.view.counter) {
      // Picked a counter another clerk works: say so before any action is refused.
      const number = this.view.counter.number;
      return html`<section class="card wide" aria-label=${t('counter.takeOver')}>
        <p role="status">${t('counter.heldNow', { number, name: holder.name })}</p>
        <div class="picker"><button type="button" @click=${() => (this.takeover = { number, name: holder.name })}>${t('counter.takeOver')}</button></div>
      </section>`;
    }
    if (!asked) return null;
    return html`<form class="card wide takeover" role="alertdialog" aria-label=${t('counter.takeOver')}
        aria-describedby="takeover-q" @submit=${this.#takeOver}>
      <p id="takeover-q">${t('counter.heldBy', { number: asked.number, name: asked.name })}</p>
      <div class="picker"><button type="submit" class="primary">${t('counter.takeOver')}</button>
      <button type="button" @click=${() => (this.takeover = null)}>${t('action.back')}</button></div>
    </form>`;
  }

  #ticketAction(action: StaffTicketAction, ticketId: number, body?: object): Promise<void> {
    const extra = action === 'resume' && this.counterId !== null ? { counterId: this.counterId } : body;
    return this.#act(`/api/tickets/${ticketId}/${TICKET_ACTION_PATH[action]}`, extra);
  }

  #counterAction(event: CounterActionEvent): Promise<void> {
    const { state, reason } = event.detail;
    const path: Record<CounterState, string> = { open: 'open', paused: 'pause', closed: 'close' };
    return this.#act(`/api/counters/${this.counterId}/${path[state]}`, reason ? { reason } : undefined);
  }

  #shortcut(event: KeyboardEvent): void {
    if (!this.user || this.counterId === null) return;
    const command = commandFor(event);
    if (!command) return;
    event.preventDefault();
    this.#run(command);
  }

  #run(command: ShortcutCommand): void {
    if (!this.#feed.online) {
      this.error = this.#t('error.offline'); // refused, never queued
      return;
    }
    const ticket = this.view.ticket;
    const enabled = enabledTicketActions(ticket);
    const simple: Partial<Record<ShortcutCommand, StaffTicketAction>> = {
      recall: 'recall',
      return: 'return',
      hold: 'hold',
    };
    if (command === 'callNext') {
      if (canCallNext(this.view, this.#feed.online))
        void this.#act(`/api/counters/${this.counterId}/call-next`);
      return;
    }
    if (!ticket) return;
    if (command === 'startOrComplete') {
      if (enabled.has('start')) void this.#ticketAction('start', ticket.id);
      else if (enabled.has('complete')) this.ticketPanel?.openForm('complete');
      return;
    }
    if (command === 'transfer') {
      this.ticketPanel?.openForm('transfer');
      return;
    }
    if (command === 'noShow') {
      this.ticketPanel?.openForm('noShow');
      return;
    }
    const action = simple[command];
    if (action && enabled.has(action)) void this.#ticketAction(action, ticket.id);
  }

  override render() {
    const t = (k: MessageKey, p?: Record<string, string | number>) => this.#t(k, p);
    const offline = this.user !== null && !this.#feed.online;
    return html`
      <luot-staff-nav current="counter" .locale=${this.locale} .user=${this.user}
        .centerId=${this.user?.centerIds[0] ?? null}
        .heading=${`${t('app.name')}${this.centerName ? ` · ${this.centerName}` : ''}`}
        @switch-locale=${() => this.#lang.toggle()} @sign-out=${this.#session.signOut}></luot-staff-nav>
      ${offline ? html`<div class="banner" role="alert">${t('live.offline')}</div>` : null}
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : null}
      ${this.user && this.displaced ? html`<div class="error" role="alert">${this.displaced}</div>` : null}
      ${this.#body(t)}`;
  }

  #body(t: (k: MessageKey, p?: Record<string, string | number>) => string) {
    if (this.#session.loading) return null;
    if (!this.user) {
      return html`${this.notice ? html`<div class="error" role="alert">${this.notice}</div>` : null}
        <luot-sign-in .locale=${this.locale} .error=${this.#session.signInError} @sign-in=${this.#session.signIn}></luot-sign-in>`;
    }
    if (this.counterId === null) {
      return html`<main><section class="card wide" aria-label=${t('counter.pick')}>
        <h2>${t('counter.pick')}</h2>
        <div class="picker">${this.counters.map(
          (c) =>
            html`<button @click=${() => this.#pickCounter(c.id)}>${t('counter.name', { number: c.number })}</button>`,
        )}</div></section></main>`;
    }
    const online = this.#feed.online;
    const open = this.view.counter?.state === 'open';
    return html`<main>
      ${this.#takeoverDialog(t)}
      <section class="card wide" aria-label=${t('counter.label')}>
        <luot-counter-bar .counter=${this.view.counter} .locale=${this.locale} ?busy=${this.view.ticket !== null}
          ?disabled=${!online} @counter-action=${this.#counterAction}></luot-counter-bar>
        <div><button class="link" @click=${() => this.#pickCounter(null)} ?disabled=${this.view.ticket !== null}>${t('counter.change')}</button></div>
      </section>
      <section class="card" aria-label=${t('ticket.inHand')}>
        <h2>${t('ticket.inHand')}</h2>
        <luot-ticket-panel .ticket=${this.view.ticket} .services=${this.services} .locale=${this.locale} .now=${this.now}
          .counters=${this.counters} .counterId=${this.counterId}
          ?canCallNext=${canCallNext(this.view, online)} ?offline=${!online}
          @call-next=${() => this.#run('callNext')}
          @ticket-action=${(e: TicketActionEvent) => this.#ticketAction(e.detail.action, e.detail.ticketId, e.detail.body)}
          @priority-decision=${(e: CustomEvent<{ ticketId: number; body: object }>) =>
            this.#act(`/api/tickets/${e.detail.ticketId}/priority`, e.detail.body)}></luot-ticket-panel>
      </section>
      <section class="card">
        <luot-queue-panel .queue=${this.queue} .services=${this.services} .locale=${this.locale}
          ?canCall=${online && open && this.view.ticket === null} ?offline=${!online}
          @call-specific=${(e: CallSpecificEvent) => this.#act(`/api/counters/${this.counterId}/call`, e.detail)}
          @ticket-action=${(e: TicketActionEvent) => this.#ticketAction(e.detail.action, e.detail.ticketId)}></luot-queue-panel>
      </section>
      <section class="card" aria-label=${t('center.title')}>
        <luot-center-queue-panel .view=${this.center} .services=${this.services} .counterId=${this.counterId}
          .locale=${this.locale}></luot-center-queue-panel>
      </section>
      <section class="card" aria-label=${t('today.title')}>
        <h2>${t('today.title')}</h2>
        ${
          this.today
            ? html`<dl>
          <dt>${t('today.served')}</dt><dd data-figure="served">${this.today.served}</dd>
          <dt>${t('today.average')}</dt><dd>${this.today.averageServiceSeconds === null ? '—' : formatDuration(this.locale, this.today.averageServiceSeconds)}</dd>
          <dt>${t('today.noShows')}</dt><dd data-figure="noShows">${this.today.noShows}</dd></dl>`
            : null
        }
      </section>
      <section class="card" aria-label=${t('shortcuts.title')}>
        <h2>${t('shortcuts.title')}</h2>
        <table><tbody>${SHORTCUTS.map((s) => html`<tr><th scope="row"><kbd>${s.key}</kbd></th><td>${t(s.label)}${s.command === 'startOrComplete' ? ` / ${t('action.complete')}` : ''}</td></tr>`)}</tbody></table>
      </section>
    </main>`;
  }
}
