/**
 * `<luot-feedback-form>`: after service, the 4-level scale of Vietnamese centers (Rất hài lòng,
 * Hài lòng, Bình thường, Không hài lòng) and an optional comment. Fires `feedback-submit` with
 * `{ rating, comment? }`; the page answers by setting `state` (thanks, or refused when the
 * ticket was rated already).
 *
 * Properties: `locale`, `state`: 'open' | 'sending' | 'thanks' | 'refused'.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { citizenText } from '../../../shared/src/i18n/citizen.js';
import type { Rating } from '../../../shared/src/protocol.js';
import { citizenStyles } from './citizen-styles.js';

export type FeedbackState = 'open' | 'sending' | 'thanks' | 'refused' | 'commented';
export type FeedbackSubmitEvent = CustomEvent<{ rating: Rating; comment?: string }>;

/** Best first, as the paper forms at the centers list them. */
const SCALE: readonly Rating[] = [4, 3, 2, 1];

@customElement('luot-feedback-form')
export class FeedbackForm extends LitElement {
  static override styles = [
    citizenStyles,
    css`
      :host { display: block; }
      fieldset { border: 0; padding: 0; margin: 0 0 0.75rem; display: grid; gap: 0.4rem; }
      legend { font-weight: 700; font-size: 1.1rem; margin-bottom: 0.5rem; padding: 0; }
      label.choice { display: flex; gap: 0.6rem; align-items: center; min-height: 2.75rem; padding: 0.3rem 0.75rem;
        border: 1px solid #5b6b7b; border-radius: 0.5rem; cursor: pointer; }
      label.choice:has(input:checked) { border: 2px solid #0b5cad; background: #e8eef5; }
      input[type='radio'] { width: 1.25rem; height: 1.25rem; margin: 0; }
      .comment { display: grid; gap: 0.25rem; margin-bottom: 0.75rem; font-weight: 600; }
    `,
  ];

  @property() locale: Locale = 'vi';
  @property() state: FeedbackState = 'open';
  @property({ attribute: false }) given: Rating | null = null;
  @property({ type: Boolean }) canComment = false;
  @state() private missing = false;
  /** The comment typed so far: kept when the form gives way to the given rating. */
  #draft = '';

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const rating = Number(data.get('rating')) as Rating;
    if (!SCALE.includes(rating)) {
      this.missing = true;
      return;
    }
    this.missing = false;
    this.#send(rating, String(data.get('comment') ?? '').trim());
  }

  #sendComment(event: SubmitEvent): void {
    event.preventDefault();
    const comment = this.#draft.trim();
    if (this.given !== null && comment) this.#send(this.given, comment);
  }

  #send(rating: Rating, comment: string): void {
    this.dispatchEvent(
      new CustomEvent('feedback-submit', {
        detail: comment ? { rating, comment } : { rating },
        bubbles: true,
        composed: true,
      }),
    );
  }

  #comment(label: string) {
    return html`<label class="comment">${label}<textarea name="comment" rows="3" maxlength="1000"
      .value=${this.#draft} @input=${(e: Event) => (this.#draft = (e.target as HTMLTextAreaElement).value)}></textarea></label>`;
  }

  #given(given: Rating) {
    const t = (k: Parameters<typeof citizenText>[1]) => citizenText(this.locale, k);
    const line = html`<p class="ok" role="status">${citizenText(this.locale, 'feedback.given', {
      rating: t(`feedback.${given}`),
    })}</p>`;
    if (this.state === 'commented')
      return html`<div class="card">${line}<p class="ok" role="status">${t('feedback.commentKept')}</p></div>`;
    if (!this.canComment || this.state === 'thanks') return html`<div class="card">${line}</div>`;
    return html`<form class="card" @submit=${this.#sendComment} novalidate>${line}
      ${this.#comment(t('feedback.addComment'))}
      <button type="submit" ?disabled=${this.state === 'sending'}>${t('feedback.sendComment')}</button>
    </form>`;
  }

  override render() {
    const t = (k: Parameters<typeof citizenText>[1]) => citizenText(this.locale, k);
    if (this.state === 'thanks' && this.given === null)
      return html`<p class="card ok" role="status">${t('feedback.thanks')}</p>`;
    if (this.state === 'refused')
      return html`<p class="card error" role="alert">${t('feedback.refused')}</p>`;
    if (this.given !== null) return this.#given(this.given);
    return html`<form class="card" @submit=${this.#submit} novalidate>
      <fieldset>
        <legend>${t('feedback.legend')}</legend>
        ${SCALE.map(
          (r) =>
            html`<label class="choice"><input type="radio" name="rating" value=${r} />${t(`feedback.${r}`)}</label>`,
        )}
      </fieldset>
      ${this.#comment(t('feedback.comment'))}
      ${this.missing ? html`<p class="error" role="alert">${t('feedback.choose')}</p>` : null}
      <button type="submit" ?disabled=${this.state === 'sending'}>${t('feedback.send')}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'luot-feedback-form': FeedbackForm;
  }
}
