/**
 * `<luot-sound-button>`: the one-time "Bật âm thanh" control for browsers that block sound
 * until someone clicks. Fires `sound-on`; the board remembers the choice.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { displayText } from '../../../shared/src/i18n/displays.js';

export type SoundOnEvent = CustomEvent<void>;

@customElement('luot-sound-button')
export class SoundButton extends LitElement {
  static override styles = css`
    button { font: inherit; font-size: 2.8vh; font-weight: 700; padding: 1vh 1.6vw; border-radius: 1vh; cursor: pointer;
      border: 0.3vh solid #ffd43b; background: #0b1f3a; color: #ffd43b; }
    button:focus-visible { outline: 0.4vh solid #fff; outline-offset: 0.3vh; }
  `;

  @property() locale: Locale = 'vi';

  override render() {
    return html`<button type="button" @click=${this.#click}><span aria-hidden="true">🔊</span> ${displayText(this.locale, 'board.soundOn')}</button>`;
  }

  #click(): void {
    this.dispatchEvent(new CustomEvent('sound-on', { bubbles: true, composed: true }));
  }
}
