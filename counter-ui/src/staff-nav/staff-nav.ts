/**
 * `<luot-staff-nav>`: the one header of every staff page (DESIGN.md §15). It shows the page's
 * title, links to the staff pages the signed-in role may open (the current one marked
 * `aria-current="page"`), who is signed in (their full name, else their username), the
 * language switch and sign-out. Before anyone is signed in it shows only the title and the
 * language switch.
 *
 * Properties: `heading` (the page's title), `current` (the page's key), `user`, `centerId`
 * (kept in the links of per-center pages), `locale`.
 * Events: `switch-locale` and `sign-out` (both bubble); the page does the work.
 * The default slot holds page extras shown before the name (a live status, say).
 */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SignedInUser } from '../../../shared/src/api/users.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type StaffNavKey, staffNavText } from '../../../shared/src/i18n/staff-nav.js';
import { type StaffPageKey, staffPageHref, staffPagesFor } from '../../../shared/src/staff-pages.js';

/** Who the bar shows: the signed-in user's name and role (the full name may be missing). */
export type StaffNavUser = Pick<SignedInUser, 'username' | 'role'> &
  Partial<Pick<SignedInUser, 'displayName'>>;

/** The name a person is shown by: their full name when the configuration has one. */
export function staffName(user: StaffNavUser): string {
  return user.displayName?.trim() || user.username;
}

@customElement('luot-staff-nav')
export class StaffNav extends LitElement {
  static override styles = css`
    :host { display: block; background: #0b3d6e; color: #fff; }
    header { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; padding: 0.5rem 1rem; }
    h1 { font-size: 1.1rem; margin: 0; overflow-wrap: anywhere; }
    nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem; margin: 0; padding: 0; list-style: none; }
    a { display: inline-block; color: #fff; text-decoration: none; padding: 0.3rem 0.65rem; border-radius: 0.25rem;
      border: 1px solid transparent; }
    a:hover { background: #ffffff1f; }
    a[aria-current='page'] { background: #fff; color: #0b3d6e; font-weight: 700; }
    .end { display: flex; flex-wrap: wrap; gap: 0.5rem 0.75rem; align-items: center; margin-inline-start: auto; }
    .user { font-weight: 600; overflow-wrap: anywhere; }
    button { font: inherit; background: transparent; color: #fff; border: 1px solid #fff8; border-radius: 0.25rem;
      padding: 0.3rem 0.6rem; cursor: pointer; }
    a:focus-visible, button:focus-visible { outline: 3px solid #ffd166; outline-offset: 2px; }
    @media print { :host { display: none; } }
  `;

  @property() heading = '';
  @property() current: StaffPageKey | '' = '';
  @property({ attribute: false }) user: StaffNavUser | null = null;
  @property({ attribute: false }) centerId: number | null = null;
  @property() locale: Locale = 'vi';

  #t(key: StaffNavKey): string {
    return staffNavText(this.locale, key);
  }

  #fire(name: 'switch-locale' | 'sign-out'): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }

  override render() {
    const user = this.user;
    const pages = user ? staffPagesFor(user.role) : [];
    return html`<header>
      <h1>${this.heading}</h1>
      ${
        pages.length > 0
          ? html`<nav aria-label=${this.#t('nav.label')}><ul>${pages.map(
              (p) => html`<li><a href=${staffPageHref(p, this.centerId)} data-page=${p.key}
                aria-current=${p.key === this.current ? 'page' : 'false'}>${this.#t(`nav.${p.key}`)}</a></li>`,
            )}</ul></nav>`
          : null
      }
      <div class="end">
        <slot></slot>
        ${user ? html`<span class="user" title=${`${this.#t('nav.user')}: ${user.username}`}>${staffName(user)}</span>` : null}
        <button type="button" lang=${this.locale === 'vi' ? 'en' : 'vi'} @click=${() => this.#fire('switch-locale')}>${this.#t('nav.language')}</button>
        ${user ? html`<button type="button" @click=${() => this.#fire('sign-out')}>${this.#t('nav.signOut')}</button>` : null}
      </div>
    </header>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'luot-staff-nav': StaffNav;
  }
}
