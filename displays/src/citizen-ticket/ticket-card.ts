/**
 * `<luot-ticket-card>`: the citizen's ticket at a glance: the number, big; its service; while
 * waiting, place in the queue, people ahead, the counters that serve it now and the estimated
 * wait (or, while no open counter serves it, that none does and no time); once called, the counter to
 * go to ("Mời bạn đến Quầy 3"), announced to screen readers; otherwise what became of it.
 *
 * Properties: `ticket`, `counter` (once known), `serviceName`, `locale`.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type CitizenKey, citizenText, formatWait } from '../../../shared/src/i18n/citizen.js';
import { servingCountersText, servingText } from '../../../shared/src/i18n/serving.js';
import type { WireCounter, WireTicket } from '../../../shared/src/protocol.js';
import { citizenStyles } from './citizen-styles.js';

@customElement('luot-ticket-card')
export class TicketCard extends LitElement {
  static override styles = [
    citizenStyles,
    css`
      :host { display: block; }
      .card { text-align: center; display: grid; gap: 0.5rem; }
      .label { margin: 0; color: #3d4852; font-size: 0.95rem; text-transform: uppercase; letter-spacing: 0.05em; }
      .number { margin: 0; font-size: clamp(3.5rem, 22vw, 6rem); font-weight: 800; line-height: 1; color: #0b3d6e;
        font-variant-numeric: tabular-nums; letter-spacing: 0.02em; }
      .service { margin: 0; font-size: 1.05rem; }
      .status { margin: 0.25rem 0 0; padding: 0.6rem; border-radius: 0.5rem; background: #e8eef5; font-weight: 600; }
      .called { background: #0a6b2d; color: #fff; font-size: clamp(1.3rem, 6.5vw, 1.8rem); font-weight: 800; padding: 0.9rem 0.6rem; }
      .ended { background: #f1f1f1; color: #3d4852; }
      dl { display: grid; grid-template-columns: 1fr auto; gap: 0.35rem 0.75rem; margin: 0.25rem 0 0; text-align: start; }
      dt { color: #3d4852; } dd { margin: 0; font-weight: 700; text-align: end; font-variant-numeric: tabular-nums; }
      dd.big { font-size: 1.6rem; line-height: 1.1; }
      /* A long answer wraps in its own column rather than squeeze the labels. */
      dd { max-width: 11rem; overflow-wrap: break-word; }
      .serving { margin: 0; font-size: 1.05rem; }
      .serving.none { color: #8a1c00; font-weight: 700; }
    `,
  ];

  @property({ attribute: false }) ticket: WireTicket | null = null;
  @property({ attribute: false }) counter: WireCounter | null = null;
  @property() serviceName = '';
  @property() locale: Locale = 'vi';

  #t(key: CitizenKey, params?: Record<string, string | number>): string {
    return citizenText(this.locale, key, params);
  }

  #status(ticket: WireTicket) {
    const counter = this.counter?.number;
    switch (ticket.status) {
      case 'waiting':
        return html`<p class="status">${this.#t('status.waiting')}</p>`;
      case 'called':
        return html`<p class="status called" role="alert">${
          counter === undefined ? this.#t('status.calledNoCounter') : this.#t('status.called', { counter })
        }</p>`;
      case 'serving':
        return html`<p class="status">${this.#t('status.serving', { counter: counter ?? '' })}</p>`;
      case 'held':
        return html`<p class="status">${this.#t('status.held')}</p>`;
      default:
        return html`<p class="status ended" role="status">${this.#t(`status.${ticket.status}`)}</p>`;
    }
  }

  #queue(ticket: WireTicket) {
    if (ticket.status !== 'waiting') return null;
    const position = ticket.position;
    const serving = ticket.servingCounters;
    return html`<dl aria-live="polite">
      <dt>${this.#t('ticket.ahead')}</dt>
      <dd class="big" data-figure="ahead">${position === undefined ? '—' : position - 1}</dd>
      <dt>${this.#t('ticket.position')}</dt>
      <dd data-figure="position">${position ?? '—'}</dd>
      <dt>${this.#t('ticket.wait')}</dt>
      <dd data-figure="wait">${formatWait(this.locale, ticket.estimatedWaitSeconds, serving)}</dd>
    </dl>`;
  }

  /** Which counters serve it now, under its service; said plainly when none does (issue 11). */
  #serving(serving: number[] | undefined) {
    if (!serving) return null;
    const text = html`<span data-figure="counters">${servingCountersText(this.locale, serving)}</span>`;
    return serving.length === 0
      ? html`<p class="serving none" aria-live="polite">${text}</p>`
      : html`<p class="serving" aria-live="polite">${servingText(this.locale, 'serving.label')}: ${text}</p>`;
  }

  override render() {
    const ticket = this.ticket;
    if (!ticket) return null;
    return html`<section class="card" aria-label=${this.#t('ticket.label')}>
      <p class="label">${this.#t('ticket.label')}</p>
      <p class="number">${ticket.number}</p>
      ${this.serviceName ? html`<p class="service">${this.#t('ticket.service')}: ${this.serviceName}</p>` : null}
      ${ticket.status === 'waiting' ? this.#serving(ticket.servingCounters) : null}
      ${this.#status(ticket)} ${this.#queue(ticket)}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'luot-ticket-card': TicketCard;
  }
}
