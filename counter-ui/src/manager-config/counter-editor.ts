/**
 * `<luot-counter-editor>`: the center's counters and one form to add or edit a counter: its
 * number, name and the services it serves, typed as codes in order of preference.
 * Properties: `counters`, `services`, `centerId`, `locale`. Fires `saved`.
 */
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ConfigService } from '../../../shared/src/api/services.js';
import type { ConfigKey } from '../../../shared/src/i18n/config.js';
import type { WireCounter } from '../../../shared/src/protocol.js';
import { ConfigForm } from './config-form.js';

const EXPLAIN: Record<string, ConfigKey> = {
  number: 'err.number',
  name: 'err.name',
  serviceIds: 'err.serviceIds',
};

@customElement('luot-counter-editor')
export class CounterEditor extends ConfigForm {
  @property({ attribute: false }) counters: WireCounter[] = [];
  @property({ attribute: false }) services: ConfigService[] = [];
  @state() private editing: WireCounter | null = null;

  protected explain(field: string): ConfigKey {
    return EXPLAIN[field] ?? 'err.invalid';
  }

  #codes(ids: number[]): string {
    return ids.map((id) => this.services.find((s) => s.id === id)?.code ?? '?').join(', ');
  }

  #edit(counter: WireCounter | null): void {
    this.editing = counter;
    this.errors = {};
    this.notice = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#number')?.focus());
  }

  /** After a save the page reloads the counters: the form follows the one being edited, as saved. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('counters') && this.editing) {
      const id = this.editing.id;
      this.editing = this.counters.find((c) => c.id === id) ?? null;
    }
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    // Taken now: once dispatch ends, a submit event from inside a shadow root has target null.
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const codes = String(data.get('serviceIds') ?? '')
      .split(/[,;\s]+/)
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean);
    const serviceIds = codes.map((code) => this.services.find((s) => s.code === code)?.id);
    if (serviceIds.some((id) => id === undefined) || new Set(codes).size !== codes.length) {
      return this.refuseField('serviceIds');
    }
    const body = {
      number: Number(data.get('number')),
      name: String(data.get('name') ?? '').trim(),
      serviceIds: serviceIds as number[],
    };
    const error = this.editing
      ? await this.save('PATCH', `/api/config/counters/${this.editing.id}`, body)
      : await this.save('POST', `/api/config/centers/${this.centerId}/counters`, body);
    if (!error && !this.editing) form.reset();
  }

  override render() {
    const c = this.editing;
    const input = (name: string, value: string | number, type = 'text', hint = false) =>
      html`<input id=${name} name=${name} type=${type} .value=${String(value)}
        aria-invalid=${this.invalid(name)} aria-describedby=${this.describedBy(name, hint)} />`;
    return html`
      <table class="stack">
        <caption>${this.t('config.counters')}</caption>
        <thead><tr><th>${this.t('counter.number')}</th><th>${this.t('counter.name')}</th><th>${this.t('config.services')}</th><th></th></tr></thead>
        <tbody>${this.counters.map(
          (
            x,
          ) => html`<tr data-counter=${x.number}><td data-label=${this.t('counter.number')}>${x.number}</td><td class="title">${x.name}</td>
            <td data-label=${this.t('config.services')}>${this.#codes(x.serviceIds)}</td>
            <td><button type="button" @click=${() => this.#edit(x)}>${this.t('config.edit', { name: x.name })}</button></td></tr>`,
        )}</tbody>
      </table>
      <form @submit=${this.#submit} novalidate aria-labelledby="counter-form-title">
        <h3 id="counter-form-title">${c ? this.t('config.edit', { name: c.name }) : this.t('config.add')}</h3>
        ${this.field('number', this.t('counter.number'), input('number', c?.number ?? '', 'number'))}
        ${this.field('name', this.t('counter.name'), input('name', c?.name ?? ''))}
        ${this.field(
          'serviceIds',
          this.t('counter.services'),
          input('serviceIds', c ? this.#codes(c.serviceIds) : '', 'text', true),
          this.t('counter.servicesHint'),
        )}
        <div class="actions">
          <button class="primary" type="submit">${this.t('config.save')}</button>
          ${c ? html`<button type="button" @click=${() => this.#edit(null)}>${this.t('config.cancel')}</button>` : nothing}
          ${this.status()}
        </div>
      </form>`;
  }
}
