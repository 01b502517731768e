/**
 * `<luot-ticket-panel>`: the ticket in hand (number, service, priority, wait so far, time at
 * the counter) and the actions the state machine allows for it, plus Call next. Complete asks
 * for an outcome and an optional note; Transfer asks for the service and, optionally, the
 * counter to send the citizen to (any counter by default). Fires `ticket-action`
 * with `{ action, body? }` and `call-next`.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { ServiceName } from '../../../shared/src/api/services.js';
import {
  formatDuration,
  type Locale,
  type MessageKey,
  translate,
} from '../../../shared/src/i18n/messages.js';
import {
  OUTCOMES,
  type StaffTicketAction,
  type WireCounter,
  type WireTicket,
} from '../../../shared/src/protocol.js';
import { enabledTicketActions, TICKET_BUTTONS, transferCounterChoices } from './console-state.js';

export type TicketActionEvent = CustomEvent<{ action: StaffTicketAction; ticketId: number; body?: object }>;
const LABEL: Record<(typeof TICKET_BUTTONS)[number], MessageKey> = {
  recall: 'action.recall',
  start: 'action.start',
  complete: 'action.complete',
  no_show: 'action.noShow',
  return: 'action.return',
  hold: 'action.hold',
  transfer: 'action.transfer',
};

/** Enter confirms a form from any field but the note, so Enter, Enter completes a ticket. */
function submitOnEnter(event: KeyboardEvent): void {
  const target = event.composedPath()[0] as HTMLElement;
  if (event.key !== 'Enter' || target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON') return;
  event.preventDefault();
  (event.currentTarget as HTMLFormElement).requestSubmit();
}

@customElement('luot-ticket-panel')
export class TicketPanel extends LitElement {
  static override styles = css`
    :host { display: grid; gap: 0.75rem; }
    .number { font-size: 3.5rem; font-weight: 700; letter-spacing: 0.05em; margin: 0; }
    .meta { display: flex; gap: 1rem; flex-wrap: wrap; color: #333; }
    .claimed { outline: 2px dashed #8a6d00; }
    .priority { background: #ffe9a8; color: #4a3800; padding: 0.1rem 0.5rem; border-radius: 1rem; font-weight: 600; }
    .actions, form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    button, select, textarea { font: inherit; padding: 0.5rem 0.8rem; border-radius: 0.25rem; border: 1px solid #767676; }
    button { background: #fff; cursor: pointer; }
    button.primary { background: #0b5cad; color: #fff; border-color: #0b5cad; font-weight: 600; }
    button:disabled { opacity: 0.45; cursor: default; }
    kbd { font-size: 0.75em; opacity: 0.8; }
  `;

  @property({ attribute: false }) ticket: WireTicket | null = null;
  @property({ attribute: false }) services: ServiceName[] = [];
  /** The center's counters with their services and state, for a transfer to one of them. */
  @property({ attribute: false }) counters: WireCounter[] = [];
  /** This clerk's counter: never offered as a transfer's target. */
  @property({ type: Number }) counterId: number | null = null;
  @property() locale: Locale = 'vi';
  @property({ type: Boolean }) canCallNext = false;
  @property({ type: Boolean }) offline = false;
  /** Re-render each second for the running clocks. */
  @property({ type: Number }) now = Date.now();
  @state() private form: 'complete' | 'transfer' | 'noShow' | 'removePriority' | null = null;
  /** The service picked in the transfer form, which decides the counters it offers. */
  @state() private transferServiceId: number | null = null;
  @query('[data-autofocus]') private autofocusTarget?: HTMLElement;

  /**
   * Opens the completion form (Enter on a serving ticket), the transfer form (F8), or the
   * no-show question (F4): a no-show ends the citizen's turn, so one slip must not do it.
   */
  openForm(form: 'complete' | 'transfer' | 'noShow'): void {
    const action = form === 'noShow' ? 'no_show' : form;
    if (!this.ticket || !enabledTicketActions(this.ticket).has(action)) return;
    if (form === 'transfer') this.transferServiceId = this.#transferServices()[0]?.id ?? null;
    this.form = form;
  }

  /**
   * Puts focus on the next step, so Enter carries on: Start after a call, Complete while
   * serving, Call next when the counter is free; else the first live button, else the panel.
   */
  async focusPrimary(): Promise<void> {
    await this.updateComplete; // the console has just handed in a new ticket: focus what it renders
    const enabled = enabledTicketActions(this.ticket);
    const step = !this.ticket
      ? 'call-next'
      : enabled.has('start')
        ? 'start'
        : enabled.has('complete')
          ? 'complete'
          : null;
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button:not([disabled])')];
    const target = buttons.find((b) => b.dataset.action === step) ?? buttons[0];
    if (target) target.focus();
    else this.focus();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasAttribute('tabindex')) this.tabIndex = -1;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('form') && this.form) this.autofocusTarget?.focus();
    if (changed.has('ticket') && !this.ticket) this.form = null;
  }

  #fire(action: StaffTicketAction, body?: object): void {
    if (!this.ticket) return;
    this.dispatchEvent(
      new CustomEvent('ticket-action', {
        detail: { action, ticketId: this.ticket.id, body },
        bubbles: true,
        composed: true,
      }),
    );
  }

  #submitComplete(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const note = String(data.get('note') ?? '').trim();
    this.form = null;
    this.#fire('complete', { outcome: String(data.get('outcome')), ...(note ? { note } : {}) });
  }

  #submitTransfer(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const counterId = Number(data.get('counterId') || 0);
    this.form = null;
    this.#fire('transfer', {
      serviceId: Number(data.get('serviceId')),
      ...(counterId > 0 ? { counterId } : {}),
    });
  }

  #onButton(action: (typeof TICKET_BUTTONS)[number]): void {
    if (action === 'complete' || action === 'transfer') this.openForm(action);
    else if (action === 'no_show') this.openForm('noShow');
    else this.#fire(action);
  }

  #serviceName(id: number): string {
    const s = this.services.find((x) => x.id === id);
    return s ? (this.locale === 'vi' ? s.name : s.nameEn) : '';
  }

  override render() {
    const t = (k: MessageKey, p?: Record<string, string | number>) => translate(this.locale, k, p);
    const ticket = this.ticket;
    const enabled = enabledTicketActions(ticket);
    const callNext = html`<button class="primary" data-action="call-next" ?disabled=${!this.canCallNext} @click=${() =>
      this.dispatchEvent(new CustomEvent('call-next', { bubbles: true, composed: true }))}>
      ${t('action.callNext')} <kbd aria-hidden="true">F1</kbd></button>`;
    if (!ticket) return html`<p>${t('ticket.none')}</p><div class="actions">${callNext}</div>`;
    const waited = (this.now - new Date(ticket.issuedAt).getTime()) / 1000;
    const atCounter = ticket.calledAt ? (this.now - new Date(ticket.calledAt).getTime()) / 1000 : 0;
    return html`
      <p class="number" aria-label=${`${t('ticket.inHand')}: ${ticket.number}`}>${ticket.number}</p>
      <div class="meta">
        <span>${this.#serviceName(ticket.serviceId)}</span>
        <span>${t(`ticket.status.${ticket.status}` as MessageKey)}</span>
        ${this.#priority(t)}
        <span>${t('ticket.waited', { duration: formatDuration(this.locale, waited) })}</span>
        <span>${t('ticket.atCounter', { duration: formatDuration(this.locale, atCounter) })}</span>
      </div>
      <div class="actions">
        ${callNext}
        ${TICKET_BUTTONS.map(
          (a) =>
            html`<button data-action=${a} ?disabled=${this.offline || !enabled.has(a)} @click=${() => this.#onButton(a)}>${t(LABEL[a])}</button>`,
        )}
      </div>
      ${this.form === 'complete' ? this.#completeForm(t) : null}
      ${this.form === 'transfer' ? this.#transferForm(t) : null}
      ${this.form === 'noShow' ? this.#noShowForm(t, ticket.number) : null}
      ${this.form === 'removePriority' ? this.#removePriorityForm(t) : null}`;
  }

  /** A claimed priority is marked as such until the clerk confirms or removes it. */
  #priority(t: (k: MessageKey) => string) {
    const ticket = this.ticket;
    if (!ticket?.priority) return null;
    const kind = t(`priority.${ticket.priority}` as MessageKey);
    if (ticket.priorityConfirmed) {
      return html`<span class="priority">${t('ticket.priority')}: ${kind} ✓ ${t('priority.confirmedMark')}</span>`;
    }
    return html`<span class="priority claimed">${t('priority.claimed')}: ${kind}</span>
      <button ?disabled=${this.offline} @click=${() => this.#decide({ decision: 'confirm' })}>${t('priority.confirm')}</button>
      <button ?disabled=${this.offline} @click=${() => (this.form = 'removePriority')}>${t('priority.remove')}</button>`;
  }

  #decide(body: object): void {
    if (!this.ticket) return;
    this.dispatchEvent(
      new CustomEvent('priority-decision', {
        detail: { ticketId: this.ticket.id, body },
        bubbles: true,
        composed: true,
      }),
    );
  }

  #removePriorityForm(t: (k: MessageKey) => string) {
    const submit = (event: SubmitEvent) => {
      event.preventDefault();
      const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim();
      if (!reason) return;
      this.form = null;
      this.#decide({ decision: 'remove', reason });
    };
    return html`<form @submit=${submit}>
      <label>${t('priority.removeReason')} <input name="reason" maxlength="500" required data-autofocus /></label>
      <button type="submit" class="primary">${t('action.confirm')}</button>
      <button type="button" @click=${() => (this.form = null)}>${t('action.back')}</button>
    </form>`;
  }

  #completeForm(t: (k: MessageKey) => string) {
    return html`<form @submit=${this.#submitComplete} @keydown=${submitOnEnter} aria-label=${t('action.complete')}>
      <label>${t('complete.outcome')}
        <select name="outcome" data-autofocus>
          ${OUTCOMES.map((o) => html`<option value=${o}>${t(`outcome.${o}` as MessageKey)}</option>`)}
        </select></label>
      <label>${t('complete.note')} <textarea name="note" rows="1" maxlength="1000"></textarea></label>
      <button type="submit" class="primary">${t('action.confirm')}</button>
      <button type="button" @click=${() => (this.form = null)}>${t('action.back')}</button>
    </form>`;
  }

  #noShowForm(t: (k: MessageKey, p?: Record<string, string | number>) => string, number: string) {
    const submit = (event: SubmitEvent) => {
      event.preventDefault();
      this.form = null;
      this.#fire('no_show');
    };
    // Focus on the confirmation: F4 then Enter is still two keys, never one slip.
    return html`<form @submit=${submit} aria-label=${t('action.noShow')} role="alertdialog" aria-describedby="no-show-q">
      <p id="no-show-q">${t('noShow.question', { number })}</p>
      <button type="submit" class="primary" data-autofocus>${t('noShow.confirm')}</button>
      <button type="button" @click=${() => (this.form = null)}>${t('action.back')}</button>
    </form>`;
  }

  #transferServices(): ServiceName[] {
    return this.services.filter((s) => s.id !== this.ticket?.serviceId);
  }

  #transferForm(t: (k: MessageKey, p?: Record<string, string | number>) => string) {
    const others = this.#transferServices();
    const counters = transferCounterChoices(this.counters, this.transferServiceId, this.counterId);
    const pick = (event: Event) =>
      (this.transferServiceId = Number((event.target as HTMLSelectElement).value));
    return html`<form @submit=${this.#submitTransfer} @keydown=${submitOnEnter} aria-label=${t('action.transfer')}>
      <label>${t('transfer.to')}
        <select name="serviceId" data-autofocus @change=${pick}>
          ${others.map(
            (s) =>
              html`<option value=${s.id} ?selected=${s.id === this.transferServiceId}>${s.code} · ${this.locale === 'vi' ? s.name : s.nameEn}</option>`,
          )}
        </select></label>
      <label>${t('transfer.toCounter')}
        <select name="counterId">
          <option value="">${t('transfer.anyCounter')}</option>
          ${counters.map(
            (c) =>
              html`<option value=${c.id}>${t(c.state === 'paused' ? 'transfer.counterPaused' : 'counter.name', { number: c.number })}</option>`,
          )}
        </select></label>
      <button type="submit" class="primary">${t('action.confirm')}</button>
      <button type="button" @click=${() => (this.form = null)}>${t('action.back')}</button>
    </form>`;
  }
}
