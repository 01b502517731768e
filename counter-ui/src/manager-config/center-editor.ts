/**
 * `<luot-center-editor>`: the center's name, address, hotline, board notice, time zone, opening hours, priority
 * ratio and ageing. Properties: `center`, `centerId`, `locale`. Fires `saved`.
 */
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CenterSettings } from '../../../shared/src/api/config.js';
import type { ConfigKey } from '../../../shared/src/i18n/config.js';
import { ConfigForm, formatWindows, parseWindows } from './config-form.js';

const EXPLAIN: Record<string, ConfigKey> = {
  name: 'err.name',
  address: 'err.address',
  hotline: 'err.hotline',
  boardNotice: 'err.boardNotice',
  timezone: 'err.timezone',
  openingHours: 'err.hours',
  priorityEvery: 'err.priorityEvery',
  ageingMinutes: 'err.ageingMinutes',
};

@customElement('luot-center-editor')
export class CenterEditor extends ConfigForm {
  @property({ attribute: false }) center: CenterSettings | null = null;

  protected explain(field: string): ConfigKey {
    return EXPLAIN[field] ?? 'err.invalid';
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const openingHours = parseWindows(text('openingHours'));
    if (openingHours === undefined) return this.refuseField('openingHours');
    await this.save('PATCH', `/api/config/centers/${this.centerId}`, {
      name: text('name'),
      address: text('address'),
      hotline: text('hotline'),
      boardNotice: text('boardNotice'),
      timezone: text('timezone'),
      openingHours,
      priorityEvery: Number(text('priorityEvery')),
      ageingMinutes: Number(text('ageingMinutes')),
    });
  }

  override render() {
    const c = this.center;
    if (!c) return null;
    const input = (name: string, value: string | number, type = 'text', hint = false) =>
      html`<input id=${name} name=${name} type=${type} .value=${String(value)}
        aria-invalid=${this.invalid(name)} aria-describedby=${this.describedBy(name, hint)} />`;
    return html`<form @submit=${this.#submit} novalidate aria-labelledby="center-form-title">
      <h3 id="center-form-title">${this.t('config.center')}</h3>
      ${this.field('name', this.t('center.name'), input('name', c.name))}
      ${this.field('address', this.t('center.address'), input('address', c.address))}
      ${this.field('hotline', this.t('center.hotline'), input('hotline', c.hotline ?? '', 'tel'))}
      ${this.field('boardNotice', this.t('center.boardNotice'), input('boardNotice', c.boardNotice ?? '', 'text', true), this.t('center.boardNoticeHint'))}
      ${this.field('timezone', this.t('center.timezone'), input('timezone', c.timezone))}
      ${this.field('openingHours', this.t('center.openingHours'), input('openingHours', formatWindows(c.openingHours), 'text', true), this.t('service.hoursHint'))}
      ${this.field('priorityEvery', this.t('center.priorityEvery'), input('priorityEvery', c.priorityEvery, 'number'))}
      ${this.field('ageingMinutes', this.t('center.ageingMinutes'), input('ageingMinutes', c.ageingMinutes, 'number'))}
      <div class="actions"><button class="primary" type="submit">${this.t('config.save')}</button>${this.status()}</div>
    </form>`;
  }
}
