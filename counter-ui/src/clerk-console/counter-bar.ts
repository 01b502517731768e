/**
 * `<luot-counter-bar>`: the counter's state and its open / pause (with a reason) / close
 * controls. Fires `counter-action` with `{ state, reason? }`: a pause reason is a code the
 * public screens may show, or, for "other", the clerk's own words (a note for staff only).
 */
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  type Locale,
  type MessageKey,
  pauseReasonText,
  translate,
} from '../../../shared/src/i18n/messages.js';
import type { CounterState, PauseReason, WireCounter } from '../../../shared/src/protocol.js';

export type CounterActionEvent = CustomEvent<{ state: CounterState; reason?: string }>;

const REASONS: Record<PauseReason, MessageKey> = {
  break: 'pause.break',
  meeting: 'pause.meeting',
  back_office: 'pause.back_office',
  other: 'pause.other',
};

@customElement('luot-counter-bar')
export class CounterBar extends LitElement {
  static override styles = css`
    :host { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
    .state { font-weight: 600; margin-inline-end: auto; }
    button, select, input { font: inherit; padding: 0.4rem 0.7rem; border-radius: 0.25rem; border: 1px solid #767676; }
    button { background: #fff; cursor: pointer; }
    button:disabled { opacity: 0.5; cursor: default; }
    form { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
  `;

  @property({ attribute: false }) counter: WireCounter | null = null;
  @property() locale: Locale = 'vi';
  /** A ticket is in hand: the counter cannot pause or close until it is finished. */
  @property({ type: Boolean }) busy = false;
  @property({ type: Boolean }) disabled = false;
  @state() private pausing = false;
  @state() private reason: PauseReason = 'break';

  #fire(state: CounterState, reason?: string): void {
    this.dispatchEvent(
      new CustomEvent('counter-action', { detail: { state, reason }, bubbles: true, composed: true }),
    );
  }

  #pause(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const other = String(data.get('other') ?? '').trim();
    const reason = this.reason === 'other' && other ? other : this.reason;
    this.pausing = false;
    this.#fire('paused', reason);
  }

  override render() {
    const t = (k: MessageKey, p?: Record<string, string | number>) => translate(this.locale, k, p);
    const c = this.counter;
    if (!c) return null;
    const label =
      c.state === 'paused'
        ? t('counter.state.paused', { reason: pauseReasonText(this.locale, c.pauseReason, c.pauseNote) })
        : t(c.state === 'open' ? 'counter.state.open' : 'counter.state.closed');
    if (this.pausing) {
      return html`<form @submit=${this.#pause}>
        <label>${t('pause.reason')}
          <select name="reason" @change=${(e: Event) => (this.reason = (e.target as HTMLSelectElement).value as PauseReason)}>
            ${Object.entries(REASONS).map(([code, key]) => html`<option value=${code} ?selected=${code === this.reason}>${t(key)}</option>`)}
          </select>
        </label>
        ${this.reason === 'other' ? html`<label>${t('pause.otherText')} <input name="other" maxlength="200" required /></label>` : null}
        <button type="submit">${t('pause.confirm')}</button>
        <button type="button" @click=${() => (this.pausing = false)}>${t('action.back')}</button>
      </form>`;
    }
    const off = this.disabled;
    return html`<span class="state" role="status">${t('counter.name', { number: c.number })} · ${label}</span>
      ${c.state === 'closed' ? html`<button ?disabled=${off} @click=${() => this.#fire('open')}>${t('counter.open')}</button>` : null}
      ${c.state === 'paused' ? html`<button ?disabled=${off} @click=${() => this.#fire('open')}>${t('counter.resume')}</button>` : null}
      ${c.state === 'open' ? html`<button ?disabled=${off || this.busy} @click=${() => (this.pausing = true)}>${t('counter.pause')}</button>` : null}
      ${c.state !== 'closed' ? html`<button ?disabled=${off || this.busy} @click=${() => this.#fire('closed')}>${t('counter.close')}</button>` : null}`;
  }
}
