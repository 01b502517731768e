/**
 * `<luot-queue-panel>`: the queue this counter serves, live: waiting per service, the next
 * tickets in the order call-next takes them, and today's held and no-show tickets. Calling a
 * specific ticket asks for a reason. Fires `call-specific` and `ticket-action`.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CounterQueue, PreviewTicket } from '../../../shared/src/api/counters.js';
import type { ServiceName } from '../../../shared/src/api/services.js';
import {
  formatDuration,
  type Locale,
  type MessageKey,
  translate,
} from '../../../shared/src/i18n/messages.js';

export type CallSpecificEvent = CustomEvent<{ ticketId: number; reason: string }>;

@customElement('luot-queue-panel')
export class QueuePanel extends LitElement {
  static override styles = css`
    :host { display: grid; gap: 1rem; }
    h2, h3 { margin: 0; font-size: 1.1rem; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.25rem; }
    li { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; }
    .number { font-weight: 700; min-width: 4.5rem; }
    .priority { background: #ffe9a8; color: #4a3800; padding: 0 0.4rem; border-radius: 1rem; font-size: 0.85em; }
    .sent { background: #d9ecff; color: #0a3a6b; padding: 0 0.4rem; border-radius: 1rem; font-size: 0.85em; }
    button, input { font: inherit; padding: 0.25rem 0.6rem; border-radius: 0.25rem; border: 1px solid #767676; }
    button { background: #fff; cursor: pointer; }
    button:disabled { opacity: 0.45; cursor: default; }
    .counts { display: flex; gap: 1rem; flex-wrap: wrap; }
  `;

  @property({ attribute: false }) queue: CounterQueue | null = null;
  @property({ attribute: false }) services: ServiceName[] = [];
  @property() locale: Locale = 'vi';
  @property({ type: Boolean }) canCall = false;
  @property({ type: Boolean }) offline = false;
  @state() private asking: number | null = null;

  #code(serviceId: number): string {
    return this.services.find((s) => s.id === serviceId)?.code ?? '';
  }

  #fire(name: string, detail: object): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  #submitReason(event: SubmitEvent, ticketId: number): void {
    event.preventDefault();
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim();
    if (!reason) return;
    this.asking = null;
    this.#fire('call-specific', { ticketId, reason });
  }

  #row(
    ticket: PreviewTicket,
    t: (k: MessageKey, p?: Record<string, string | number>) => string,
    action?: 'resume' | 'reactivate',
  ) {
    const pri = ticket.priority
      ? html`<span class="priority" title=${t(`priority.${ticket.priority}` as MessageKey)}>${t('ticket.priority')}</span>`
      : null;
    const wait = html`<span>${t('ticket.waited', { duration: formatDuration(this.locale, ticket.waitedSeconds) })}</span>`;
    // Transferred to this counter by name: why it heads the list (call-next takes it first).
    const sent =
      ticket.reservedCounterId !== undefined ? html`<span class="sent">${t('queue.sentHere')}</span>` : null;
    if (action) {
      const label = t(action === 'resume' ? 'action.resume' : 'action.reactivate');
      const canAct = !this.offline && (action === 'reactivate' || this.canCall);
      return html`<li><span class="number">${ticket.number}</span>${pri}${wait}
        <button ?disabled=${!canAct} aria-label=${`${label} ${ticket.number}`}
          @click=${() => this.#fire('ticket-action', { action, ticketId: ticket.id })}>${label}</button></li>`;
    }
    if (this.asking === ticket.id) {
      return html`<li><span class="number">${ticket.number}</span>
        <form @submit=${(e: SubmitEvent) => this.#submitReason(e, ticket.id)}>
          <label>${t('callSpecific.reason')} <input name="reason" maxlength="500" required autofocus /></label>
          <button type="submit">${t('action.confirm')}</button>
          <button type="button" @click=${() => (this.asking = null)}>${t('action.back')}</button>
        </form></li>`;
    }
    const label = t('action.callSpecific');
    return html`<li><span class="number">${ticket.number}</span>${pri}${sent}${wait}
      <button ?disabled=${!this.canCall} aria-label=${`${label} ${ticket.number}`} @click=${() => (this.asking = ticket.id)}>${label}</button></li>`;
  }

  override render() {
    const t = (k: MessageKey, p?: Record<string, string | number>) => translate(this.locale, k, p);
    const q = this.queue;
    if (!q) return null;
    return html`
      <h2>${t('queue.title')}</h2>
      <div class="counts" role="list">
        ${q.services.map(
          (s) =>
            html`<span role="listitem" data-service=${s.id}>${this.#code(s.id)}: ${t('queue.waiting', { count: s.waiting })}</span>`,
        )}
      </div>
      <section aria-label=${t('queue.next')}>
        <h3>${t('queue.next')}</h3>
        ${q.next.length === 0 ? html`<p>${t('queue.empty')}</p>` : html`<ul>${q.next.map((x) => this.#row(x, t))}</ul>`}
      </section>
      ${q.held.length > 0 ? html`<section aria-label=${t('queue.held')}><h3>${t('queue.held')}</h3><ul>${q.held.map((x) => this.#row(x, t, 'resume'))}</ul></section>` : null}
      ${q.noShows.length > 0 ? html`<section aria-label=${t('queue.noShows')}><h3>${t('queue.noShows')}</h3><ul>${q.noShows.map((x) => this.#row(x, t, 'reactivate'))}</ul></section>` : null}`;
  }
}
