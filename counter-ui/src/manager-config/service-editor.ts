/**
 * `<luot-service-editor>`: the center's services in a table, and one form to add a service or
 * edit the one chosen. Deactivating a service with people waiting asks what to do with them.
 * Properties: `services`, `centerId`, `locale`. Fires `saved` after every change.
 */
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ConfigService } from '../../../shared/src/api/services.js';
import type { ConfigKey } from '../../../shared/src/i18n/config.js';
import { ConfigForm, formatWindows, parseWindows } from './config-form.js';

const EXPLAIN: Record<string, ConfigKey> = {
  code: 'err.code',
  name: 'err.name',
  nameEn: 'err.nameEn',
  slaMinutes: 'err.slaMinutes',
  issuingHours: 'err.hours',
  dailyQuota: 'err.dailyQuota',
  webQuotaPercent: 'err.webQuotaPercent',
};

@customElement('luot-service-editor')
export class ServiceEditor extends ConfigForm {
  @property({ attribute: false }) services: ConfigService[] = [];
  @state() private editing: ConfigService | null = null;
  @state() private waiting: { n: number; body: Record<string, unknown> } | null = null;

  protected explain(field: string): ConfigKey {
    return EXPLAIN[field] ?? 'err.invalid';
  }

  #edit(service: ConfigService | null): void {
    this.editing = service;
    this.errors = {};
    this.notice = '';
    this.waiting = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus());
  }

  /** After a save the page reloads the services: the form follows the one being edited, as saved. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('services') && this.editing) {
      const id = this.editing.id;
      this.editing = this.services.find((s) => s.id === id) ?? null;
    }
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const hours = parseWindows(text('issuingHours'));
    if (hours === undefined) return this.refuseField('issuingHours');
    const quota = text('dailyQuota');
    const body: Record<string, unknown> = {
      code: text('code'),
      name: text('name'),
      nameEn: text('nameEn'),
      slaMinutes: Number(text('slaMinutes')),
      active: data.get('active') === 'on',
      issuingHours: hours,
      dailyQuota: quota === '' ? null : Number(quota),
      webQuotaPercent: Number(text('webQuotaPercent')),
    };
    await this.#send(body);
  }

  async #send(body: Record<string, unknown>): Promise<void> {
    const editing = this.editing;
    const error = editing
      ? await this.save('PATCH', `/api/config/services/${editing.id}`, body)
      : await this.save('POST', `/api/config/centers/${this.centerId}/services`, body);
    if (error?.code === 'service_has_waiting') {
      const n = (error.details as { waiting?: number } | undefined)?.waiting ?? 0;
      this.waiting = { n, body };
    } else if (!error) {
      this.waiting = null;
      if (!editing) this.editing = null;
    }
  }

  #settle(how: 'cancel' | 'move'): void {
    if (!this.waiting) return;
    const select = this.renderRoot.querySelector<HTMLSelectElement>('#moveTo');
    const extra = how === 'cancel' ? { waitingTickets: 'cancel' } : { moveTo: Number(select?.value) };
    void this.#send({ ...this.waiting.body, ...extra });
  }

  override render() {
    const s = this.editing;
    const input = (name: string, value: string | number, attrs: { type?: string; hint?: boolean } = {}) =>
      html`<input id=${name} name=${name} type=${attrs.type ?? 'text'} .value=${String(value)}
        aria-invalid=${this.invalid(name)} aria-describedby=${this.describedBy(name, attrs.hint)} />`;
    return html`
      <table class="stack">
        <caption>${this.t('config.services')}</caption>
        <thead><tr><th>${this.t('service.code')}</th><th>${this.t('service.name')}</th><th>${this.t('service.sla')}</th>
          <th>${this.t('service.issuingHours')}</th><th>${this.t('service.quota')}</th><th>${this.t('service.active')}</th><th></th></tr></thead>
        <tbody>${this.services.map(
          (x) => html`<tr data-service=${x.code}>
            <td data-label=${this.t('service.code')}>${x.code}</td><td class="title">${x.name}</td>
            <td data-field="sla" data-label=${this.t('service.sla')}>${x.slaMinutes}</td>
            <td data-label=${this.t('service.issuingHours')}>${x.issuingHours ? formatWindows(x.issuingHours) : this.t('service.allDay')}</td>
            <td data-label=${this.t('service.quota')}>${x.dailyQuota === null ? this.t('service.noQuota') : html`${x.dailyQuota} <span class="hint">(${this.t('service.webQuota')}: ${x.webQuotaPercent})</span>`}</td>
            <td data-label=${this.t('service.active')}>${x.active ? this.t('service.active') : this.t('service.inactive')}</td>
            <td><button type="button" @click=${() => this.#edit(x)}>${this.t('config.edit', { name: x.code })}</button></td>
          </tr>`,
        )}</tbody>
      </table>
      <form @submit=${this.#submit} novalidate aria-labelledby="service-form-title">
        <h3 id="service-form-title">${s ? this.t('config.edit', { name: s.code }) : this.t('config.add')}</h3>
        ${this.field('code', this.t('service.code'), input('code', s?.code ?? ''))}
        ${this.field('name', this.t('service.name'), input('name', s?.name ?? ''))}
        ${this.field('nameEn', this.t('service.nameEn'), input('nameEn', s?.nameEn ?? ''))}
        ${this.field('slaMinutes', this.t('service.sla'), input('slaMinutes', s?.slaMinutes ?? 30, { type: 'number' }))}
        ${this.field(
          'issuingHours',
          this.t('service.issuingHours'),
          input('issuingHours', formatWindows(s?.issuingHours ?? null), { hint: true }),
          this.t('service.hoursHint'),
        )}
        ${this.field(
          'dailyQuota',
          this.t('service.quota'),
          input('dailyQuota', s?.dailyQuota ?? '', { type: 'number', hint: true }),
          this.t('service.quotaHint'),
        )}
        ${this.field(
          'webQuotaPercent',
          this.t('service.webQuota'),
          input('webQuotaPercent', s?.webQuotaPercent ?? 50, { type: 'number', hint: true }),
          this.t('service.webQuotaHint'),
        )}
        <label class="check"><input name="active" type="checkbox" .checked=${s?.active ?? true} />${this.t('service.active')}</label>
        ${this.waiting ? this.#waitingChoice() : nothing}
        <div class="actions">
          <button class="primary" type="submit">${this.t('config.save')}</button>
          ${s ? html`<button type="button" @click=${() => this.#edit(null)}>${this.t('config.cancel')}</button>` : nothing}
          ${this.status()}
        </div>
      </form>`;
  }

  #waitingChoice() {
    const others = this.services.filter((x) => x.active && x.id !== this.editing?.id);
    return html`<div class="alert" role="alert">
      <p>${this.t('service.waiting', { n: this.waiting?.n ?? 0 })}</p>
      <div class="actions">
        <button type="button" @click=${() => this.#settle('cancel')}>${this.t('service.cancelWaiting')}</button>
        <label>${this.t('service.moveWaiting')}
          <select id="moveTo">${others.map((x) => html`<option value=${x.id}>${x.code} · ${x.name}</option>`)}</select></label>
        <button type="button" ?disabled=${others.length === 0} @click=${() => this.#settle('move')}>${this.t('service.moveConfirm')}</button>
      </div>
    </div>`;
  }
}
