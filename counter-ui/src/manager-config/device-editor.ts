/**
 * `<luot-device-editor>`: the center's paired devices (issue 6). Whether the center admits
 * paired devices only; a one-time pairing code for a new board, kiosk or counter display,
 * shown big with its expiry (once: only its hash is kept); the paired devices, each revocable.
 * Properties: `centerId`, `locale`, `requirePairing`. Fires `saved` when the setting changes.
 */
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { DEVICE_KINDS, type IssuedCode, type WireDevice } from '../../../shared/src/api/devices.js';
import { ApiError, api } from '../../../shared/src/http/api-client.js';
import type { ConfigKey } from '../../../shared/src/i18n/config.js';
import { ConfigForm } from './config-form.js';
import { deviceStyles } from './device-styles.js';

const EXPLAIN: Record<string, ConfigKey> = { name: 'err.name' };

@customElement('luot-device-editor')
export class DeviceEditor extends ConfigForm {
  static override styles = deviceStyles;

  @property({ type: Boolean }) requirePairing = false;
  @state() private devices: WireDevice[] = [];
  @state() private issued: IssuedCode | null = null;
  @state() private revokedNotice = '';

  protected explain(field: string): ConfigKey {
    return EXPLAIN[field] ?? 'err.invalid';
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('centerId') && this.centerId > 0) void this.#loadDevices();
  }

  async #loadDevices(): Promise<void> {
    try {
      this.devices = await api<WireDevice[]>('GET', `/api/centers/${this.centerId}/devices`);
    } catch (error) {
      if (error instanceof ApiError) this.failure = this.t('config.failed', { message: error.message });
    }
  }

  async #saveSetting(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    await this.save('PATCH', `/api/config/centers/${this.centerId}`, {
      requirePairedDevices: data.get('requirePairing') === 'on',
    });
  }

  async #createCode(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    // Taken now: once dispatch ends, a submit event from inside a shadow root has target null.
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    if (!name) return this.refuseField('name');
    this.errors = {};
    this.failure = '';
    this.issued = null;
    try {
      this.issued = await api<IssuedCode>('POST', `/api/centers/${this.centerId}/pairing-codes`, {
        kind: String(data.get('kind')),
        name,
      });
      form.reset();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if ((error.details as { field?: string } | undefined)?.field === 'name') this.refuseField('name');
      else this.failure = this.t('config.failed', { message: error.message });
    }
  }

  async #revoke(device: WireDevice): Promise<void> {
    try {
      await api('POST', `/api/devices/${device.id}/revoke`);
      this.revokedNotice = this.t('device.revoked', { name: device.name });
      await this.#loadDevices();
    } catch (error) {
      if (error instanceof ApiError) this.failure = this.t('config.failed', { message: error.message });
    }
  }

  #time(iso: string | null, withDate = true): string {
    if (!iso) return this.t('device.never');
    return new Intl.DateTimeFormat(this.locale === 'vi' ? 'vi-VN' : 'en-GB', {
      ...(withDate ? { day: '2-digit', month: '2-digit' } : {}),
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(iso));
  }

  override render() {
    return html`
      <form @submit=${this.#saveSetting} aria-labelledby="pairing-setting-title">
        <h3 id="pairing-setting-title">${this.t('config.devices')}</h3>
        <div class="field wide">
          <label class="check"><input type="checkbox" name="requirePairing" .checked=${this.requirePairing}
            aria-describedby="requirePairing-hint" />${this.t('device.requirePairing')}</label>
          <p class="hint" id="requirePairing-hint">${this.t('device.requirePairingHint')}</p>
        </div>
        <div class="actions"><button class="primary" type="submit">${this.t('config.save')}</button>${this.status()}</div>
      </form>
      <form @submit=${this.#createCode} novalidate aria-labelledby="pairing-code-title">
        <h3 id="pairing-code-title">${this.t('device.newCode')}</h3>
        ${this.field(
          'kind',
          this.t('device.kind'),
          html`<select id="kind" name="kind">${DEVICE_KINDS.map((k) => html`<option value=${k}>${this.t(`device.kind.${k}`)}</option>`)}</select>`,
        )}
        ${this.field(
          'name',
          this.t('device.name'),
          html`<input id="name" name="name" maxlength="100" aria-invalid=${this.invalid('name')}
            aria-describedby=${this.describedBy('name', true)} />`,
          this.t('device.nameHint'),
        )}
        <div class="actions"><button class="primary" type="submit">${this.t('device.newCode')}</button></div>
        ${this.issued ? this.#code(this.issued) : nothing}
      </form>
      ${this.#list()}`;
  }

  #code(issued: IssuedCode) {
    const spaced = `${issued.code.slice(0, 4)} ${issued.code.slice(4)}`;
    return html`<div class="code-box" role="status">
      <p class="code-label">${this.t('device.code', { name: issued.name })}</p>
      <p class="code" data-code=${issued.code}>${spaced}</p>
      <p>${this.t('device.codeExpires', { time: this.#time(issued.expiresAt, false) })}</p>
      <p class="hint">${this.t(`device.how.${issued.kind}`)}</p>
    </div>`;
  }

  #list() {
    return html`<table class="stack">
        <caption>${this.t('device.list')}</caption>
        <thead><tr><th>${this.t('device.name')}</th><th>${this.t('device.kind')}</th><th>${this.t('device.createdBy')}</th>
          <th>${this.t('device.createdAt')}</th><th>${this.t('device.lastSeen')}</th><th></th></tr></thead>
        <tbody>${
          this.devices.length === 0
            ? html`<tr><td colspan="6">${this.t('device.none')}</td></tr>`
            : this.devices.map(
                (d) => html`<tr data-device=${d.id}><td class="title">${d.name}</td>
                  <td data-label=${this.t('device.kind')}>${this.t(`device.kind.${d.kind}`)}</td>
                  <td data-label=${this.t('device.createdBy')}>${d.createdBy ?? ''}</td>
                  <td data-label=${this.t('device.createdAt')}>${this.#time(d.createdAt)}</td>
                  <td data-label=${this.t('device.lastSeen')}>${this.#time(d.lastSeenAt)}</td>
                  <td><button type="button" @click=${() => this.#revoke(d)}>${this.t('device.revoke', { name: d.name })}</button></td></tr>`,
              )
        }</tbody>
      </table>
      ${this.revokedNotice ? html`<p class="ok" role="status">${this.revokedNotice}</p>` : nothing}`;
  }
}
