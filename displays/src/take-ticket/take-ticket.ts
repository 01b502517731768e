/**
 * `<luot-take-ticket>`: taking a ticket remotely, `/ticket/new?center=ID` (issue 4). The
 * center's services (greyed when not issuing now), "Lấy số" on the web channel, a clear message
 * when refused (device limit, rate, hours, quota), then on to the ticket's own page, remembered
 * on this device. Without a center it offers the list of centers. Today's ticket of this center,
 * remembered on this device and not yet ended, is offered first ("Số của bạn hôm nay"); where
 * phones are taken for text messages, "Tìm lại số của bạn" finds one by number and phone.
 */
import { css, html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { WireService } from '../../../shared/src/api/services.js';
import type { IssuedTicket, PushConfig } from '../../../shared/src/api/tickets.js';
import { ApiError, api } from '../../../shared/src/http/api-client.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type CitizenKey, citizenText } from '../../../shared/src/i18n/citizen.js';
import { LocaleController } from '../../../shared/src/i18n/locale-controller.js';
import type { PublicCenter, WireTicket } from '../../../shared/src/protocol.js';
import { citizenStyles } from '../citizen-ticket/citizen-styles.js';
import {
  ENDED_STATUSES,
  forgetTicket,
  type RememberedTicket,
  rememberedTickets,
  rememberTicket,
} from '../citizen-ticket/remembered-tickets.js';
import { issueErrorText } from './issue-errors.js';
import type { ServiceChangeEvent, ServiceOption } from './service-choice.js';
import './find-ticket.js';
import './service-choice.js';

function centerFromUrl(): number | null {
  const raw = new URLSearchParams(location.search).get('center');
  return raw && /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : null;
}

@customElement('luot-take-ticket')
export class TakeTicket extends LitElement {
  static override styles = [
    citizenStyles,
    css`
      :host { display: block; min-height: 100vh; background: #eef1f5; }
      header { display: flex; align-items: center; gap: 0.5rem; padding: 0.6rem 1rem; background: #0b3d6e; color: #fff; }
      /* A long center name wraps: a citizen must read all of it, never an ellipsis. */
      header .brand { margin: 0 auto 0 0; font-weight: 700; min-width: 0; overflow-wrap: break-word; }
      header button { min-height: 2.5rem; background: transparent; border-color: #ffffffa0; padding: 0.3rem 0.7rem; }
      main { display: grid; gap: 1rem; padding: 1rem; max-width: 32rem; margin: 0 auto; }
      h1 { font-size: 1.4rem; margin: 0; }
      form { display: grid; gap: 0.9rem; }
      form > button { min-height: 3.25rem; font-size: 1.15rem; }
      ul { margin: 0; padding-left: 1.2rem; display: grid; gap: 0.4rem; }
      a { color: #0b4f96; font-weight: 600; }
    `,
  ];

  readonly #lang = new LocaleController(this);
  private get locale(): Locale {
    return this.#lang.locale;
  }
  @state() private centerId: number | null = centerFromUrl();
  @state() private centers: Pick<PublicCenter, 'id' | 'name'>[] = [];
  @state() private services: ServiceOption[] | null = null;
  @state() private selected: number | null = null;
  @state() private busy = false;
  @state() private error = '';
  @state() private unknownCenter = false;
  /** This center's tickets remembered today that have not ended (asked of the server). */
  @state() private mine: RememberedTicket[] = [];
  /** Whether the center takes phones for text messages: only then can a ticket be found by one. */
  @state() private phones = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
    void this.#checkMine();
    void api<PushConfig>('GET', '/api/push/config')
      .then((c) => {
        this.phones = c.sms === true;
      })
      .catch(() => undefined);
  }

  /** Keeps the remembered tickets that still live; an ended or unknown one is forgotten. */
  async #checkMine(): Promise<void> {
    const remembered = rememberedTickets().filter(
      (t) => this.centerId !== null && t.centerId === this.centerId,
    );
    const checked = await Promise.all(
      remembered.map(async (m) => {
        try {
          const ticket = await api<WireTicket>('GET', `/api/tickets/${encodeURIComponent(m.token)}`);
          if (ENDED_STATUSES.has(ticket.status)) forgetTicket(m.token);
          else return { ...m, number: ticket.number };
        } catch (error) {
          if (error instanceof ApiError && (error.status === 404 || error.status === 400))
            forgetTicket(m.token);
          // Offline: offer it anyway, its page says the rest.
          else return m;
        }
        return null;
      }),
    );
    this.mine = checked.filter((m): m is RememberedTicket => m !== null);
  }

  #t(key: CitizenKey, params?: Record<string, string | number>): string {
    return citizenText(this.locale, key, params);
  }

  async #load(): Promise<void> {
    try {
      this.centers = await api<PublicCenter[]>('GET', '/api/centers');
      if (this.centerId === null) return;
      this.services = await api<WireService[]>('GET', `/api/centers/${this.centerId}/services`);
      const open = this.services.filter((s) => s.webIssuingNow);
      if (open.length === 1) this.selected = open[0]!.id;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) this.unknownCenter = true;
      else this.error = error instanceof ApiError ? issueErrorText(this.locale, error) : String(error);
    }
  }

  async #take(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.centerId === null || this.busy) return;
    if (this.selected === null) {
      this.error = this.#t('error.chooseService');
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const ticket = await api<IssuedTicket>('POST', `/api/centers/${this.centerId}/tickets`, {
        serviceId: this.selected,
        channel: 'web',
      });
      rememberTicket({ token: ticket.token, number: ticket.number, centerId: this.centerId });
      location.assign(`/ticket/?t=${encodeURIComponent(ticket.token)}`);
    } catch (error) {
      this.busy = false;
      this.error = error instanceof ApiError ? issueErrorText(this.locale, error) : String(error);
      // The service list may have changed (quota reached, hours over): show it as it is now.
      if (error instanceof ApiError && error.status === 409) void this.#load();
    }
  }

  override render() {
    const centerName = this.centers.find((c) => c.id === this.centerId)?.name ?? '';
    return html`<header>
        <p class="brand">${this.#t('app.name')}${centerName ? ` · ${centerName}` : ''}</p>
        <button @click=${() => this.#lang.toggle()} lang=${this.locale === 'vi' ? 'en' : 'vi'}>${this.#t('language.switch')}</button>
      </header>
      <main>
        <h1>${this.#t('page.new')}</h1>
        ${this.#mine()}
        ${this.#body()}
        ${this.#find()}
      </main>`;
  }

  #body() {
    if (this.centerId === null || this.unknownCenter) {
      return html`<section class="card" aria-labelledby="centers-title">
        <h2 id="centers-title">${this.#t('new.pickCenter')}</h2>
        <p>${this.#t(this.unknownCenter ? 'new.unknownCenter' : 'new.noCenter')}</p>
        <ul>${this.centers.map((c) => html`<li><a href=${`/ticket/new?center=${c.id}`}>${c.name}</a></li>`)}</ul>
      </section>`;
    }
    if (this.services === null) {
      return this.error
        ? html`<p class="card error" role="alert">${this.error}</p>`
        : html`<p role="status">${this.#t('new.loading')}</p>`;
    }
    if (this.services.length === 0) return html`<p class="card">${this.#t('new.none')}</p>`;
    return html`<p>${this.#t('new.intro')}</p>
      <form @submit=${this.#take} novalidate>
        <luot-service-choice .services=${this.services} .selected=${this.selected} .locale=${this.locale}
          @service-change=${(e: ServiceChangeEvent) => {
            this.selected = e.detail.serviceId;
            this.error = '';
          }}></luot-service-choice>
        ${this.error ? html`<p class="card error" role="alert">${this.error}</p>` : null}
        <button type="submit" ?disabled=${this.busy}>${this.#t(this.busy ? 'new.taking' : 'new.take')}</button>
      </form>`;
  }

  #mine() {
    if (this.mine.length === 0) return null;
    return html`<section class="card" aria-label=${this.#t('mine.title')}>
      ${this.mine.map(
        (m) =>
          html`<p>${this.#t('mine.today', { number: m.number })} — <a href=${`/ticket/?t=${encodeURIComponent(m.token)}`}
            aria-label=${this.#t('mine.open', { number: m.number })}>${this.#t('mine.view')}</a></p>`,
      )}
    </section>`;
  }

  #find() {
    if (this.centerId === null || this.unknownCenter || !this.phones) return null;
    return html`<luot-find-ticket .centerId=${this.centerId} .locale=${this.locale}></luot-find-ticket>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'luot-take-ticket': TakeTicket;
  }
}
