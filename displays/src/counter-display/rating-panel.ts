/**
 * `<luot-rating-panel>`: the four ratings of Vietnamese centers for the ticket just completed,
 * best first, as big buttons. Fires `rate` with `{ rating }` (1 = không hài lòng … 4 = rất hài lòng).
 */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type DisplayMessageKey, displayText } from '../../../shared/src/i18n/displays.js';
import type { Rating } from '../../../shared/src/protocol.js';

export type RateEvent = CustomEvent<{ rating: Rating }>;

const CHOICES: readonly Rating[] = [4, 3, 2, 1];

@customElement('luot-rating-panel')
export class RatingPanel extends LitElement {
  static override styles = css`
    :host { display: grid; gap: 3vh; align-content: center; text-align: center; }
    h2 { margin: 0; font-size: 5vh; line-height: 1.2; }
    .choices { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2vw; }
    button { font: inherit; font-size: 4.2vh; font-weight: 700; min-height: 24vh; padding: 2vh 1vw; border-radius: 2vh;
      border: 0.4vh solid transparent; color: #111; cursor: pointer; }
    button:focus-visible { outline: 0.6vh solid #fff; outline-offset: 0.4vh; }
    button:disabled { opacity: 0.6; cursor: default; }
    .r4 { background: #a5e8b8; } .r3 { background: #d7efb8; } .r2 { background: #fff0b3; } .r1 { background: #ffc9c9; }
    .left { font-size: 3vh; color: #c9d6e8; }
    @media (max-aspect-ratio: 1/1) { .choices { grid-template-columns: 1fr 1fr; } button { min-height: 16vh; } }
  `;

  @property() number = '';
  @property({ type: Number }) secondsLeft = 0;
  @property({ type: Boolean }) disabled = false;
  @property() locale: Locale = 'vi';

  #t(key: DisplayMessageKey, params?: Record<string, string | number>): string {
    return displayText(this.locale, key, params);
  }

  override render() {
    return html`<h2 id="question">${this.#t('rating.question', { number: this.number })}</h2>
      <div class="choices" role="group" aria-label=${this.#t('rating.choices')}>
        ${CHOICES.map(
          (rating) => html`<button type="button" class="r${rating}" ?disabled=${this.disabled}
            @click=${() => this.#rate(rating)}>${this.#t(`rating.${rating}`)}</button>`,
        )}
      </div>
      <p class="left">${this.#t('rating.secondsLeft', { seconds: this.secondsLeft })}</p>`;
  }

  #rate(rating: Rating): void {
    this.dispatchEvent(new CustomEvent('rate', { detail: { rating }, bubbles: true, composed: true }));
  }
}
