/**
 * `<luot-device-pairing>`: the screen of a board, kiosk or counter display that must be paired
 * (its center admits paired devices only; a kiosk, to print tickets; a counter display, to take
 * ratings). One labelled field for the code the manager read out, one button; the server sets
 * the device's cookie, and the page fires `paired` so its host can reconnect.
 * Properties: `locale`; `why` (`required` | `kiosk` | `ratings`: which explanation shows);
 * `counterId` (a counter display: the counter it stands at). Fires `paired` (`detail.device`).
 * Works with a TV remote: digits and Enter.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { PairedDevice, PairedReply } from '../../../shared/src/api/devices.js';
import { ApiError, api } from '../../../shared/src/http/api-client.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type PairingKey, pairingErrorKey, translatePairing } from '../../../shared/src/i18n/pairing.js';

export type PairedEvent = CustomEvent<{ device: PairedDevice }>;

@customElement('luot-device-pairing')
export class DevicePairing extends LitElement {
  static override styles = css`
    :host { display: grid; place-items: center; min-height: 60vh; font-family: system-ui, 'Segoe UI', Roboto, sans-serif; }
    form { display: grid; gap: 1rem; width: min(40rem, 90vw); padding: 2rem; border-radius: 1rem; background: #fff;
      color: #1a1a1a; box-shadow: 0 2px 12px #0004; }
    h2 { margin: 0; font-size: 2rem; }
    p { margin: 0; font-size: 1.3rem; line-height: 1.4; }
    label { font-size: 1.3rem; font-weight: 600; }
    input { font: inherit; font-size: 2.4rem; letter-spacing: 0.3em; padding: 0.5rem 0.75rem; border: 2px solid #555;
      border-radius: 0.5rem; font-variant-numeric: tabular-nums; }
    input[aria-invalid='true'] { border-color: #a4000f; }
    button { font: inherit; font-size: 1.5rem; font-weight: 600; min-height: 4rem; border: 0; border-radius: 0.75rem;
      background: #0b5cad; color: #fff; cursor: pointer; }
    button[disabled] { opacity: 0.6; }
    :focus-visible { outline: 4px solid #ffbf47; outline-offset: 3px; }
    .error { color: #a4000f; font-weight: 600; }
  `;

  @property() locale: Locale = 'vi';
  @property() why: 'required' | 'kiosk' | 'ratings' = 'required';
  @property({ type: Number }) counterId: number | null = null;
  @state() private busy = false;
  @state() private done = false;
  @state() private error: PairingKey | null = null;
  @query('input') private input?: HTMLInputElement;

  override firstUpdated(): void {
    this.input?.focus();
  }

  #t(key: PairingKey): string {
    return translatePairing(this.locale, key);
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const code = (this.input?.value ?? '').replace(/[\s-]/g, '');
    if (!/^[0-9]{8}$/.test(code)) {
      this.error = 'pairing.error.validation_failed';
      this.input?.focus();
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      const body = this.counterId === null ? { code } : { code, counterId: this.counterId };
      const { device } = await api<PairedReply>('POST', '/api/devices/pair', body);
      this.done = true;
      this.dispatchEvent(new CustomEvent('paired', { detail: { device }, bubbles: true, composed: true }));
    } catch (error) {
      this.error = pairingErrorKey(error instanceof ApiError ? error.code : 'generic');
      this.input?.select();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<form @submit=${this.#submit} novalidate aria-labelledby="pairing-title">
      <h2 id="pairing-title">${this.#t('pairing.title')}</h2>
      <p id="pairing-explain">${this.#t(this.why === 'required' ? 'pairing.explain' : `pairing.explain.${this.why}`)}</p>
      <label for="pairing-code">${this.#t('pairing.code')}</label>
      <input id="pairing-code" name="code" inputmode="numeric" autocomplete="off" maxlength="12"
        aria-describedby=${this.error ? 'pairing-explain pairing-error' : 'pairing-explain'}
        aria-invalid=${this.error ? 'true' : 'false'} />
      <button type="submit" ?disabled=${this.busy}>${this.busy ? this.#t('pairing.busy') : this.#t('pairing.submit')}</button>
      ${this.error ? html`<p class="error" id="pairing-error" role="alert">${this.#t(this.error)}</p>` : nothing}
      ${this.done ? html`<p role="status">${this.#t('pairing.done')}</p>` : nothing}
    </form>`;
  }
}
