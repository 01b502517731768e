/**
 * `<luot-manager-actions>`: what a manager may do on the live floor (issue 5 item 5), under
 * the same rules as clerks and logged by the server: open or close a counter, change which
 * services it serves (in order, first preferred), cancel a waiting ticket or move it to
 * another service. Refetches counters and the waiting list whenever `seq` changes, which the
 * dashboard passes from its live figures.
 *
 * Properties: `centerId`, `seq`, `locale`, `services` (id, code, name, nameEn).
 */
import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ServiceName } from '../../../shared/src/api/services.js';
import type { WaitingTickets } from '../../../shared/src/api/tickets.js';
import { ApiError, api } from '../../../shared/src/http/api-client.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type ManagerActionsKey, managerActionsText } from '../../../shared/src/i18n/manager-actions.js';
import {
  CANCEL_REASONS,
  type CancelReason,
  type WireCounter,
  type WireTicket,
} from '../../../shared/src/protocol.js';
import { stackedTables } from '../styles/stacked-tables.js';

@customElement('luot-manager-actions')
export class ManagerActions extends LitElement {
  static override styles = [
    stackedTables,
    css`
    :host { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(26rem, 100%), 1fr)); }
    :host > * { min-width: 0; }
    section { background: #fff; border-radius: 0.5rem; box-shadow: 0 1px 3px #0002; padding: 1rem; }
    h2 { margin: 0 0 0.5rem; font-size: 1.1rem; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: start; padding: 0.3rem 0.5rem; border-top: 1px solid #e3e6ea; vertical-align: top; }
    button, select { font: inherit; padding: 0.2rem 0.5rem; }
    /* A select is as wide as its longest option (a long service name): never wider than its card. */
    select { max-width: 100%; min-width: 0; }
    button { border: 1px solid #0b5cad; background: #fff; color: #0b5cad; border-radius: 0.25rem; cursor: pointer; }
    fieldset { border: 1px solid #c5ccd4; border-radius: 0.25rem; margin: 0.4rem 0 0; }
    ol { margin: 0 0 0.4rem; padding-inline-start: 1.4rem; } li { margin: 0.15rem 0; }
    .row { display: flex; gap: 0.4rem; flex-wrap: wrap; align-items: center; }
    [role='alert'] { color: #a4000f; margin: 0 0 0.5rem; }
    .wide { grid-column: 1 / -1; }
    .cancel-ask { display: grid; gap: 0.3rem; margin-top: 0.4rem; padding: 0.5rem; border: 1px solid #c5ccd4; border-radius: 0.25rem; }
    textarea { font: inherit; }
    button.danger { border-color: #a4000f; color: #fff; background: #a4000f; }
    button:disabled { opacity: 0.5; cursor: not-allowed; }
    @media (max-width: 40rem) {
      section { padding: 0.75rem 0.5rem; }
      table.stack tr { padding-inline: 0.25rem; }
    }
  `,
  ];

  @property({ type: Number }) centerId: number | null = null;
  @property({ type: Number }) seq = 0;
  @property() locale: Locale = 'vi';
  @property({ attribute: false }) services: ServiceName[] = [];

  @state() private counters: WireCounter[] = [];
  @state() private tickets: WireTicket[] = [];
  @state() private editing: { counterId: number; serviceIds: number[] } | null = null;
  @state() private message = '';
  /** The ticket whose cancel is being asked about: a reason must be chosen first (issue 11 item 16). */
  @state() private cancelling: { ticketId: number; reason: CancelReason | '' } | null = null;

  #t = (key: ManagerActionsKey, params?: Record<string, string | number>) =>
    managerActionsText(this.locale, key, params);

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('seq') || changed.has('centerId')) void this.#load();
  }

  async #load(): Promise<void> {
    if (this.centerId === null) return;
    try {
      const [counters, waiting] = await Promise.all([
        api<WireCounter[]>('GET', `/api/centers/${this.centerId}/counters`),
        api<WaitingTickets>('GET', `/api/centers/${this.centerId}/waiting`),
      ]);
      this.counters = counters;
      this.tickets = waiting.tickets;
    } catch {
      // The dashboard shows the connection state; the next seq retries.
    }
  }

  async #act(method: 'POST', path: string, body?: unknown): Promise<void> {
    try {
      await api(method, path, body);
      this.message = '';
      await this.#load();
    } catch (error) {
      const text = error instanceof ApiError ? error.message : String(error);
      this.message = this.#t('failed', { message: text });
    }
  }

  #serviceLabel(id: number): string {
    const s = this.services.find((x) => x.id === id);
    if (!s) return String(id);
    return `${s.code} · ${this.locale === 'vi' ? s.name : s.nameEn}`;
  }

  #saveServices(): void {
    const edit = this.editing;
    if (!edit) return;
    if (edit.serviceIds.length === 0) {
      this.message = this.#t('atLeastOne');
      return;
    }
    void this.#act('POST', `/api/counters/${edit.counterId}/services`, { serviceIds: edit.serviceIds }).then(
      () => {
        if (!this.message) this.editing = null;
      },
    );
  }

  #edit(change: (ids: number[]) => number[]): void {
    if (this.editing) this.editing = { ...this.editing, serviceIds: change([...this.editing.serviceIds]) };
  }

  #servicesEditor(c: WireCounter) {
    const ids = this.editing?.serviceIds ?? [];
    const rest = this.services.filter((s) => !ids.includes(s.id));
    const addId = `add-${c.id}`;
    return html`<fieldset>
      <legend>${this.#t('servicesOf', { number: c.number })}</legend>
      <ol>${ids.map(
        (id, i) => html`<li class="row"><span>${this.#serviceLabel(id)}</span>
          ${i > 0 ? html`<button type="button" aria-label=${`${this.#t('moveUp')}: ${this.#serviceLabel(id)}`} @click=${() => this.#edit((l) => [...l.slice(0, i - 1), id, l[i - 1]!, ...l.slice(i + 1)])}>${this.#t('moveUp')}</button>` : null}
          <button type="button" aria-label=${`${this.#t('remove')}: ${this.#serviceLabel(id)}`} @click=${() => this.#edit((l) => l.filter((x) => x !== id))}>${this.#t('remove')}</button></li>`,
      )}</ol>
      ${
        rest.length > 0
          ? html`<div class="row"><label for=${addId}>${this.#t('addService')}</label>
          <select id=${addId}>${rest.map((s) => html`<option value=${s.id}>${this.#serviceLabel(s.id)}</option>`)}</select>
          <button type="button" @click=${() => {
            const select = this.renderRoot.querySelector<HTMLSelectElement>(`#${addId}`);
            if (select) this.#edit((l) => [...l, Number(select.value)]);
          }}>${this.#t('add')}</button></div>`
          : null
      }
      <div class="row"><button type="button" @click=${() => this.#saveServices()}>${this.#t('save')}</button>
        <button type="button" @click=${() => {
          this.editing = null;
        }}>${this.#t('cancelEdit')}</button></div>
    </fieldset>`;
  }

  #countersSection() {
    return html`<section aria-labelledby="ma-counters"><h2 id="ma-counters">${this.#t('counters')}</h2>
      <table class="stack"><tbody>${this.counters.map(
        (c) => html`<tr data-actions-counter=${c.number}>
          <th scope="row">${this.#t('counter', { number: c.number })}</th>
          <td data-label=${this.#t('col.service')}>${c.serviceIds.map((id) => this.#serviceLabel(id).split(' · ')[0]).join(', ')}</td>
          <td><div class="row">
            ${
              c.state === 'closed'
                ? html`<button type="button" @click=${() => this.#act('POST', `/api/counters/${c.id}/open`)}>${this.#t('open')}</button>`
                : html`<button type="button" @click=${() => this.#act('POST', `/api/counters/${c.id}/close`)}>${this.#t('close')}</button>`
            }
            <button type="button" aria-expanded=${this.editing?.counterId === c.id ? 'true' : 'false'}
              @click=${() => {
                this.editing = { counterId: c.id, serviceIds: [...c.serviceIds] };
              }}>${this.#t('changeServices')}</button></div>
            ${this.editing?.counterId === c.id ? this.#servicesEditor(c) : null}</td>
        </tr>`,
      )}</tbody></table></section>`;
  }

  #waitingSection() {
    const now = Date.now();
    return html`<section aria-labelledby="ma-waiting"><h2 id="ma-waiting">${this.#t('waiting')}</h2>
      ${
        this.tickets.length === 0
          ? html`<p>${this.#t('noWaiting')}</p>`
          : html`<table class="stack">
        <thead><tr><th scope="col">${this.#t('col.number')}</th><th scope="col">${this.#t('col.service')}</th>
          <th scope="col">${this.#t('col.waited')}</th><th scope="col">${this.#t('col.actions')}</th></tr></thead>
        <tbody>${this.tickets.map((t) => {
          const selectId = `move-${t.id}`;
          const others = this.services.filter((s) => s.id !== t.serviceId);
          const waited = Math.max(0, Math.round((now - Date.parse(t.issuedAt)) / 60_000));
          return html`<tr data-ticket=${t.number}>
            <th scope="row">${t.number}</th><td class="long" data-label=${this.#t('col.service')}>${this.#serviceLabel(t.serviceId)}</td>
            <td data-label=${this.#t('col.waited')}>${this.#t('minutes', { m: waited })}</td>
            <td><div class="row">
              <button type="button" aria-expanded=${this.cancelling?.ticketId === t.id ? 'true' : 'false'}
                @click=${() => {
                  this.cancelling = { ticketId: t.id, reason: '' };
                }}>${this.#t('cancelTicket')}</button>
              ${
                others.length > 0
                  ? html`<label for=${selectId}>${this.#t('moveTo', { number: t.number })}</label>
                <select id=${selectId}>${others.map((s) => html`<option value=${s.id}>${this.#serviceLabel(s.id)}</option>`)}</select>
                <button type="button" @click=${() => {
                  const select = this.renderRoot.querySelector<HTMLSelectElement>(`#${selectId}`);
                  if (select)
                    void this.#act('POST', `/api/tickets/${t.id}/move`, { serviceId: Number(select.value) });
                }}>${this.#t('moveTicket')}</button>`
                  : null
              }</div>${this.cancelling?.ticketId === t.id ? this.#cancelForm(t) : null}</td></tr>`;
        })}</tbody></table>`
      }</section>`;
  }

  #cancelForm(t: WireTicket) {
    const asked = this.cancelling;
    const reasonId = `cancel-reason-${t.id}`;
    const noteId = `cancel-note-${t.id}`;
    return html`<form class="cancel-ask" aria-label=${this.#t('cancelOf', { number: t.number })}
      @submit=${(e: Event) => {
        e.preventDefault();
        if (!asked?.reason) return;
        const note = this.renderRoot.querySelector<HTMLTextAreaElement>(`#${noteId}`)?.value.trim() ?? '';
        void this.#act('POST', `/api/tickets/${t.id}/cancel`, {
          reason: asked.reason,
          ...(note ? { note } : {}),
        }).then(() => {
          if (!this.message) this.cancelling = null;
        });
      }}>
      <label for=${reasonId}>${this.#t('cancelReason', { number: t.number })}</label>
      <select id=${reasonId} required @change=${(e: Event) => {
        this.cancelling = { ticketId: t.id, reason: (e.target as HTMLSelectElement).value as CancelReason };
      }}>
        <option value="" ?selected=${!asked?.reason}>${this.#t('cancelChoose')}</option>
        ${CANCEL_REASONS.map((r) => html`<option value=${r} ?selected=${asked?.reason === r}>${this.#t(`reason.${r}`)}</option>`)}
      </select>
      <label for=${noteId}>${this.#t('cancelNote')}</label>
      <textarea id=${noteId} rows="2" maxlength="500"></textarea>
      <div class="row">
        <button type="submit" class="danger" ?disabled=${!asked?.reason}>${this.#t('cancelConfirm', { number: t.number })}</button>
        <button type="button" @click=${() => {
          this.cancelling = null;
        }}>${this.#t('cancelKeep')}</button>
      </div>
    </form>`;
  }

  override render() {
    return html`${this.message ? html`<p class="wide" role="alert">${this.message}</p>` : null}
      ${this.#countersSection()}${this.#waitingSection()}`;
  }
}
