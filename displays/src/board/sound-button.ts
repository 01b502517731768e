/**
 * `<luot-sound-button>`: the one-time "Bật âm thanh" control for browsers that block sound
 * until someone clicks. Fires `sound-on`; the board remembers the choice.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { displayText } from '../../../shared/src/i18n/displays.js';

export type SoundOnEvent = CustomEvent<void>;

/** A loudspeaker drawn, not an emoji: a TV without an emoji font shows a box for 🔊. */
const speaker = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <path d="M3 9h4l5-4v14l-5-4H3z" fill="currentColor" />
  <path d="M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9.5 9.5 0 0 1 0 13" fill="none" stroke="currentColor" stroke-width="2"
    stroke-linecap="round" />
</svg>`;

@customElement('luot-sound-button')
export class SoundButton extends LitElement {
  static override styles = css`
    button { display: inline-flex; align-items: center; gap: 0.8vmin; font: inherit; font-size: 3.4vmin; font-weight: 700;
      padding: 0.8vmin 1.6vmin; border-radius: 1vmin; cursor: pointer; white-space: nowrap;
      border: 0.3vmin solid #ffd43b; background: #0b1f3a; color: #ffd43b; }
    button:focus-visible { outline: 0.4vmin solid #fff; outline-offset: 0.3vmin; }
    svg { width: 1.2em; height: 1.2em; flex: none; }
  `;

  @property() locale: Locale = 'vi';

  override render() {
    return html`<button type="button" @click=${this.#click}>${speaker}${displayText(this.locale, 'board.soundOn')}</button>`;
  }

  #click(): void {
    this.dispatchEvent(new CustomEvent('sound-on', { bubbles: true, composed: true }));
  }
}
