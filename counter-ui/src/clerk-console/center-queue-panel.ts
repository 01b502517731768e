/**
 * `<luot-center-queue-panel>`: the whole center at a glance, read-only (issue 11, "the clerk"):
 * how many wait for each service and which open counters serve it, and what every counter is
 * doing. So a clerk sees where the crowd is before transferring someone or asking for help.
 * Fed by the console's live view of the center (the board's own state rules); it fires nothing.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { BoardView } from '../../../displays/src/board/board-state.js';
import type { ServiceName } from '../../../shared/src/api/services.js';
import {
  type Locale,
  type MessageKey,
  pauseReasonText,
  translate,
} from '../../../shared/src/i18n/messages.js';

@customElement('luot-center-queue-panel')
export class CenterQueuePanel extends LitElement {
  static override styles = css`
    :host { display: grid; gap: 0.75rem; }
    h2 { margin: 0; font-size: 1.1rem; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: start; padding: 0.2rem 0.75rem 0.2rem 0; vertical-align: top; }
    thead th { font-size: 0.85rem; color: #444; font-weight: 600; }
    td.count { font-weight: 700; font-variant-numeric: tabular-nums; }
    .none { color: #7a0010; }
    .mine { font-weight: 700; }
    ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; }
    li { white-space: nowrap; }
    .closed { color: #555; }
  `;

  @property({ attribute: false }) view: BoardView | null = null;
  @property({ attribute: false }) services: ServiceName[] = [];
  /** This console's counter, marked in the lists. */
  @property({ type: Number }) counterId: number | null = null;
  @property() locale: Locale = 'vi';

  #counterText(
    c: BoardView['counters'][number],
    t: (k: MessageKey, p?: Record<string, string | number>) => string,
  ) {
    if (c.state === 'closed') return t('counter.state.closed');
    if (c.state === 'paused')
      return t('center.paused', { reason: pauseReasonText(this.locale, c.pauseReason) });
    if (!c.ticket) return t('center.idle');
    return `${c.ticket.number} · ${t(`ticket.status.${c.ticket.status}` as MessageKey)}`;
  }

  override render() {
    const t = (k: MessageKey, p?: Record<string, string | number>) => translate(this.locale, k, p);
    const view = this.view;
    if (!view) return null;
    const open = view.counters.filter((c) => c.state !== 'closed');
    return html`
      <h2>${t('center.title')}</h2>
      <table>
        <thead><tr><th scope="col">${t('center.service')}</th><th scope="col">${t('center.waiting')}</th>
          <th scope="col">${t('center.servedBy')}</th></tr></thead>
        <tbody>${this.services.map((s) => {
          const serving = open.filter((c) => c.serviceIds.includes(s.id));
          return html`<tr data-center-service=${s.code}>
            <th scope="row">${s.code} · ${this.locale === 'en' ? s.nameEn : s.name}</th>
            <td class="count">${view.waiting[s.id] ?? 0}</td>
            <td>${
              serving.length === 0
                ? html`<span class="none">${t('center.noCounter')}</span>`
                : serving.map(
                    (c, i) =>
                      html`${i > 0 ? ', ' : ''}<span class=${c.id === this.counterId ? 'mine' : ''}>${c.number}</span>`,
                  )
            }</td></tr>`;
        })}</tbody>
      </table>
      <ul aria-label=${t('center.counters')}>${view.counters.map(
        (c) =>
          html`<li data-center-counter=${c.number} class=${`${c.state === 'closed' ? 'closed' : ''} ${c.id === this.counterId ? 'mine' : ''}`}>
            ${t('counter.name', { number: c.number })}: ${this.#counterText(c, t)}</li>`,
      )}</ul>`;
  }
}
