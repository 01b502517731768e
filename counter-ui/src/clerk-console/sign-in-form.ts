/**
 * `<luot-sign-in>`: username and password. Fires `sign-in` with the credentials; the console
 * answers by setting `error` when they are refused.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { type Locale, translate } from '../../../shared/src/i18n/messages.js';

export type SignInEvent = CustomEvent<{ username: string; password: string }>;

@customElement('luot-sign-in')
export class SignInForm extends LitElement {
  static override styles = css`
    form { display: grid; gap: 0.75rem; max-width: 22rem; margin: 4rem auto; padding: 2rem;
      background: #fff; border-radius: 0.5rem; box-shadow: 0 1px 4px #0002; }
    h1 { margin: 0 0 0.5rem; font-size: 1.5rem; }
    label { display: grid; gap: 0.25rem; font-weight: 600; }
    input { font: inherit; padding: 0.5rem; border: 1px solid #767676; border-radius: 0.25rem; }
    button { font: inherit; font-weight: 600; padding: 0.6rem; border: 0; border-radius: 0.25rem;
      background: #0b5cad; color: #fff; cursor: pointer; }
    [role='alert'] { color: #a4000f; margin: 0; }
  `;

  @property() locale: Locale = 'vi';
  @property() error = '';
  @property({ type: Boolean }) busy = false;
  @query('input[name=username]') private usernameInput!: HTMLInputElement;

  override firstUpdated(): void {
    this.usernameInput.focus();
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const username = String(data.get('username') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!username || !password) {
      this.error = translate(this.locale, 'auth.required');
      return;
    }
    this.dispatchEvent(
      new CustomEvent('sign-in', { detail: { username, password }, bubbles: true, composed: true }),
    );
  }

  override render() {
    const t = (k: Parameters<typeof translate>[1]) => translate(this.locale, k);
    return html`<form @submit=${this.#submit} novalidate>
      <h1>${t('auth.signIn')}</h1>
      <label>${t('auth.username')}<input name="username" autocomplete="username" required /></label>
      <label>${t('auth.password')}<input name="password" type="password" autocomplete="current-password" required /></label>
      ${this.error ? html`<p role="alert">${this.error}</p>` : null}
      <button type="submit" ?disabled=${this.busy}>${t('auth.signIn')}</button>
    </form>`;
  }
}
