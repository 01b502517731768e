/**
 * `<luot-citizen-ticket>`: the citizen page, `/ticket/?t=TOKEN` (issue 4). The ticket's number,
 * service, live place in the queue and estimated wait, the counter once called, all pushed over
 * the socket with a visible "live" state; cancel while waiting; rate once after service; opt in
 * to notifications. Without a token it lists the tickets this device remembers.
 */
import { css, html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ServiceName, WireService } from '../../../shared/src/api/services.js';
import type { CitizenTicketReply, FeedbackReceipt } from '../../../shared/src/api/tickets.js';
import { centerInfoLines } from '../../../shared/src/center-info.js';
import { ApiError, api } from '../../../shared/src/http/api-client.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type CitizenKey, citizenText } from '../../../shared/src/i18n/citizen.js';
import { LocaleController } from '../../../shared/src/i18n/locale-controller.js';
import type { GivenFeedback, PublicCenter, Rating, WireTicket } from '../../../shared/src/protocol.js';
import { citizenStyles } from './citizen-styles.js';
import type { FeedbackState, FeedbackSubmitEvent } from './feedback-form.js';
import { registerWorker } from './push-subscription.js';
import { ENDED_STATUSES, forgetTicket, rememberedTickets, rememberTicket } from './remembered-tickets.js';
import { TicketLiveController } from './ticket-live.js';
import { applyEvent, needsCounter, type TicketView, viewFromSnapshot } from './ticket-view.js';
import './cancel-ticket.js';
import './feedback-form.js';
import './notify-panel.js';
import './ticket-card.js';

const ratedKey = (token: string) => `luot.rated.${token}`;
/** Statuses in which the ticket may still be called: notifications are offered. */
const LIVE = new Set(['waiting', 'called', 'serving', 'held']);

@customElement('luot-citizen-ticket')
export class CitizenTicket extends LitElement {
  static override styles = [
    citizenStyles,
    css`
      :host { display: block; min-height: 100vh; background: #eef1f5; }
      header { display: flex; align-items: center; gap: 0.5rem; padding: 0.6rem 1rem; background: #0b3d6e; color: #fff; }
      /* A long center name wraps: a citizen must read all of it, never an ellipsis. */
      header .brand { margin: 0 auto 0 0; font-weight: 700; min-width: 0; overflow-wrap: break-word; }
      .center-info { margin: 1rem 0 0; color: #3d4651; line-height: 1.5; }
      header button { min-height: 2.5rem; background: transparent; border-color: #ffffffa0; padding: 0.3rem 0.7rem; }
      main { display: grid; gap: 1rem; padding: 1rem; max-width: 32rem; margin: 0 auto; }
      h1 { font-size: 1.3rem; margin: 0; }
      .live { display: inline-flex; align-items: center; gap: 0.4rem; font-weight: 600; font-size: 0.95rem; margin: 0; }
      .live::before { content: ''; width: 0.7rem; height: 0.7rem; border-radius: 50%; background: #a4000f; }
      .live.on::before { background: #0a6b2d; box-shadow: 0 0 0 3px #0a6b2d33; }
      .topline { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
      ul { margin: 0; padding-left: 1.2rem; display: grid; gap: 0.4rem; }
      a { color: #0b4f96; font-weight: 600; }
      .actions { display: grid; gap: 0.5rem; }
    `,
  ];

  readonly #lang = new LocaleController(this);
  private get locale(): Locale {
    return this.#lang.locale;
  }
  @state() private token: string | null = new URLSearchParams(location.search).get('t');
  @state() private view: TicketView | null = null;
  @state() private centerId: number | null = null;
  @state() private centerName = '';
  /** The center's hours and hotline, for a citizen with a question. */
  @state() private center: PublicCenter | null = null;
  @state() private services: ServiceName[] = [];
  @state() private missing = false;
  @state() private error = '';
  @state() private cancelling = false;
  @state() private feedback: FeedbackState = 'open';
  /** The rating recorded for this ticket (here, on the counter display, or elsewhere). */
  @state() private given: GivenFeedback | null = null;

  #live = new TicketLiveController(this, {
    snapshot: (snapshot) => {
      this.view = viewFromSnapshot(this.view, snapshot);
      if (snapshot.feedback) this.given = snapshot.feedback;
    },
    event: (event) => {
      if (!this.view) return;
      if (event.type === 'ticket.rated') {
        if (event.feedback && event.ticket?.id === this.view.ticket.id) this.given = event.feedback;
        return;
      }
      const view = applyEvent(this.view, event);
      if (view === this.view) return;
      this.view = view;
      // An ended ticket is nothing to come back to: /ticket/new stops offering it.
      if (this.token && ENDED_STATUSES.has(view.ticket.status)) forgetTicket(this.token);
      if (needsCounter(view)) this.#live.resync();
      if (view.transferred && this.token && this.centerId !== null) {
        rememberTicket({ token: this.token, number: view.ticket.number, centerId: this.centerId });
      }
    },
    refused: (code) => {
      if (code === 'not_found') this.missing = true;
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.token) void this.#load(this.token);
  }

  #t(key: CitizenKey, params?: Record<string, string | number>): string {
    return citizenText(this.locale, key, params);
  }

  /** Names the counter only while the ticket is still reserved for it (a closed counter releases it). */
  #transferNotice(view: TicketView, number: string): string {
    const at = view.transferredToCounter;
    if (at !== undefined && view.ticket.reservedCounterId !== undefined) {
      return this.#t('transferred.noticeAt', { number, counter: at });
    }
    return this.#t('transferred.notice', { number });
  }

  async #load(token: string): Promise<void> {
    try {
      const found = await api<CitizenTicketReply>('GET', `/api/tickets/${encodeURIComponent(token)}`);
      const { counter, centerId, feedback, ...ticket } = found;
      if (feedback) this.given = feedback;
      this.view ??= { ticket, counter, seq: 0, transferred: false };
      this.centerId = centerId;
      if (localStorage.getItem(ratedKey(token))) this.feedback = 'thanks';
      if (ENDED_STATUSES.has(ticket.status)) forgetTicket(token);
      else rememberTicket({ token, number: ticket.number, centerId }, localStorage, ticket.issuedAt);
      this.#live.watch(token);
      this.#pointManifestAt(token);
      void registerWorker();
      const [centers, services] = await Promise.all([
        api<PublicCenter[]>('GET', '/api/centers'),
        api<WireService[]>('GET', `/api/centers/${centerId}/services`),
      ]);
      this.center = centers.find((c) => c.id === centerId) ?? null;
      this.centerName = this.center?.name ?? '';
      this.services = services;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
        this.missing = true;
        forgetTicket(token);
      } else this.error = this.#errorText(error);
    }
  }

  /** An icon added to the home screen opens this very ticket. */
  #pointManifestAt(token: string): void {
    const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
    if (link) link.href = `/ticket/manifest.webmanifest?t=${encodeURIComponent(token)}&lang=${this.locale}`;
  }

  #errorText(error: unknown): string {
    if (error instanceof ApiError && error.code === 'offline') return this.#t('error.offline');
    return this.#t('error.generic', { message: error instanceof Error ? error.message : String(error) });
  }

  async #cancel(): Promise<void> {
    if (!this.token || !this.view) return;
    this.cancelling = true;
    this.error = '';
    try {
      const { ticket } = await api<{ ticket: WireTicket }>(
        'POST',
        `/api/tickets/${encodeURIComponent(this.token)}/cancel`,
      );
      this.view = { ...this.view, ticket, counter: null };
      forgetTicket(this.token);
    } catch (error) {
      this.error = this.#errorText(error);
    } finally {
      this.cancelling = false;
    }
  }

  async #rate(event: FeedbackSubmitEvent): Promise<void> {
    if (!this.token) return;
    this.feedback = 'sending';
    try {
      const receipt = await api<FeedbackReceipt>(
        'POST',
        `/api/tickets/${encodeURIComponent(this.token)}/feedback`,
        event.detail,
      );
      localStorage.setItem(ratedKey(this.token), '1');
      if (receipt.attached) {
        // Rated on the counter display meanwhile: that rating stands, the comment is kept with it.
        this.given = { rating: receipt.rating, hasComment: true };
        this.feedback = 'commented';
      } else this.feedback = 'thanks';
    } catch (error) {
      if (error instanceof ApiError && error.code === 'feedback_exists') {
        const rating = error.details?.rating as Rating | undefined;
        if (rating === undefined) this.feedback = 'refused';
        else {
          this.given = { rating, hasComment: error.details?.hasComment === true };
          this.feedback = 'open';
        }
      } else {
        this.feedback = 'open';
        this.error = this.#errorText(error);
      }
    }
  }

  #switchLocale(): void {
    this.#lang.toggle();
    if (this.token) this.#pointManifestAt(this.token);
  }

  override render() {
    return html`<header>
        <p class="brand">${this.#t('app.name')}${this.centerName ? ` · ${this.centerName}` : ''}</p>
        <button @click=${this.#switchLocale} lang=${this.locale === 'vi' ? 'en' : 'vi'}>${this.#t('language.switch')}</button>
      </header>
      <main>${this.#body()}</main>`;
  }

  #body() {
    if (!this.token) return this.#remembered();
    if (this.missing) {
      return html`<h1>${this.#t('page.ticket')}</h1><p class="card error" role="alert">${this.#t('error.notFound')}</p>
        ${this.#remembered()}`;
    }
    const view = this.view;
    if (!view) return this.error ? html`<p class="card error" role="alert">${this.error}</p>` : null;
    const { ticket } = view;
    const service = this.services.find((s) => s.id === ticket.serviceId);
    const online = this.#live.online;
    return html`
      <div class="topline">
        <h1>${this.#t('page.ticket')}</h1>
        <p class="live ${online ? 'on' : ''}" role="status" title=${this.#t(online ? 'live.onHint' : 'live.offHint')}>
          ${this.#t(online ? 'live.on' : 'live.off')}</p>
      </div>
      ${this.error ? html`<p class="card error" role="alert">${this.error}</p>` : null}
      ${view.transferred ? html`<p class="card" role="status">${this.#transferNotice(view, ticket.number)}</p>` : null}
      <luot-ticket-card .ticket=${ticket} .counter=${view.counter} .locale=${this.locale}
        .serviceName=${service ? (this.locale === 'en' ? service.nameEn : service.name) : ''}></luot-ticket-card>
      ${
        ticket.status === 'waiting'
          ? html`<luot-cancel-ticket .number=${ticket.number} .locale=${this.locale} ?busy=${this.cancelling}
              @cancel-ticket=${this.#cancel}></luot-cancel-ticket>`
          : null
      }
      ${
        ticket.status === 'done'
          ? html`<luot-feedback-form .locale=${this.locale} .state=${this.feedback}
              .given=${this.given?.rating ?? null} ?canComment=${this.given !== null && !this.given.hasComment}
              @feedback-submit=${this.#rate}></luot-feedback-form>`
          : null
      }
      ${
        ticket.status === 'cancelled' && this.centerId !== null
          ? html`<p class="ok" role="status">${this.#t('cancel.done', { number: ticket.number })}</p>
            <a class="button" href=${`/ticket/new?center=${this.centerId}`}>${this.#t('new.another')}</a>`
          : null
      }
      ${LIVE.has(ticket.status) && this.token ? html`<luot-notify-panel .token=${this.token} .locale=${this.locale}></luot-notify-panel>` : null}
      ${this.#centerInfo()}`;
  }

  #centerInfo() {
    const lines = centerInfoLines(this.locale, this.center);
    return lines.length === 0
      ? null
      : html`<p class="center-info">${lines.map((l, i) => html`${i ? html`<br />` : null}${l}`)}</p>`;
  }

  #remembered() {
    const mine = rememberedTickets();
    return html`<section class="card" aria-labelledby="mine-title">
      <h2 id="mine-title">${this.#t('mine.title')}</h2>
      ${
        mine.length === 0
          ? html`<p>${this.#t('mine.none')}</p>`
          : html`<ul>${mine.map(
              (m) =>
                html`<li><a href=${`/ticket/?t=${encodeURIComponent(m.token)}`}>${this.#t('mine.open', { number: m.number })}</a></li>`,
            )}</ul>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'luot-citizen-ticket': CitizenTicket;
  }
}
