/**
 * `<luot-user-editor>`: the center's staff: add one (a manager adds clerks of this center),
 * change the full name the staff pages show, reset a password, deactivate or reactivate. Properties: `users`, `staffRole` (of who is signed
 * in), `centerId`, `locale`. Fires `saved`. A refused password says which rule it breaks; a
 * refusal with no field on the form (your own account, the last admin) is said below it.
 */
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ConfigUser } from '../../../shared/src/api/users.js';
import type { ApiError } from '../../../shared/src/http/api-client.js';
import type { ConfigKey } from '../../../shared/src/i18n/config.js';
import { ConfigForm } from './config-form.js';

const EXPLAIN: Record<string, ConfigKey> = {
  username: 'err.username',
  displayName: 'err.displayName',
  password: 'err.password',
  role: 'err.role',
};

/** The server's `details.rule` of a refused password (server/src/auth/password-policy.ts). */
const PASSWORD_RULES: Record<string, ConfigKey> = {
  blank: 'err.passwordBlank',
  too_short: 'err.passwordShort',
  username: 'err.passwordUsername',
  common: 'err.passwordCommon',
};

@customElement('luot-user-editor')
export class UserEditor extends ConfigForm {
  @property({ attribute: false }) users: ConfigUser[] = [];
  @property() staffRole = 'manager';
  @state() private resetting: ConfigUser | null = null;
  @state() private renaming: ConfigUser | null = null;

  protected explain(field: string): ConfigKey {
    return EXPLAIN[field] ?? 'err.invalid';
  }

  /** `save`, then the words for refusals the shared form cannot place. */
  async #send(method: 'POST' | 'PATCH', path: string, body: unknown): Promise<ApiError | null> {
    const error = await this.save(method, path, body);
    const details = (error?.details ?? {}) as { field?: string; rule?: string };
    const password = details.field === 'password' && details.rule ? PASSWORD_RULES[details.rule] : undefined;
    if (password) this.errors = { password: this.t(password) };
    const alone: ConfigKey | null =
      error?.code === 'last_admin'
        ? 'err.lastAdmin'
        : details.rule === 'own_role'
          ? 'err.ownRole'
          : details.field === 'active'
            ? 'err.ownAccount'
            : null;
    if (alone) {
      this.errors = {};
      this.failure = this.t(alone);
    }
    return error;
  }

  async #create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const error = await this.#send('POST', '/api/config/users', {
      username: String(data.get('username') ?? '').trim(),
      displayName: String(data.get('displayName') ?? '').trim(),
      role: String(data.get('role') ?? 'clerk'),
      centerIds: [this.centerId],
      password: String(data.get('password') ?? ''),
    });
    if (!error) form.reset();
  }

  async #reset(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.resetting) return;
    const data = new FormData(event.target as HTMLFormElement);
    const error = await this.#send('POST', `/api/config/users/${this.resetting.id}/password`, {
      password: String(data.get('password') ?? ''),
    });
    if (!error) this.resetting = null;
  }

  async #rename(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.renaming) return;
    const data = new FormData(event.target as HTMLFormElement);
    const error = await this.#send('PATCH', `/api/config/users/${this.renaming.id}`, {
      displayName: String(data.get('displayName') ?? '').trim(),
    });
    if (!error) this.renaming = null;
  }

  #manageable(u: ConfigUser): boolean {
    return this.staffRole === 'admin' || u.role === 'clerk';
  }

  override render() {
    const roles =
      this.staffRole === 'admin' ? (['clerk', 'manager', 'admin'] as const) : (['clerk'] as const);
    const input = (name: string, type = 'text') =>
      html`<input id=${name} name=${name} type=${type} aria-invalid=${this.invalid(name)} aria-describedby=${this.describedBy(name)} />`;
    return html`
      <table class="stack">
        <caption>${this.t('config.users')}</caption>
        <thead><tr><th>${this.t('user.username')}</th><th>${this.t('user.displayName')}</th><th>${this.t('user.role')}</th><th></th></tr></thead>
        <tbody>${this.users.map(
          (u) => html`<tr data-user=${u.username}>
            <td class="title">${u.username}${u.active ? nothing : html` (${this.t('user.inactive')})`}</td>
            <td data-label=${this.t('user.displayName')}>${u.displayName}</td><td data-label=${this.t('user.role')}>${this.t(`role.${u.role}`)}</td>
            <td>${
              this.#manageable(u)
                ? html`<button type="button" @click=${() => {
                    this.resetting = null;
                    this.renaming = u;
                  }}>${this.t('user.rename')}</button>
                  <button type="button" @click=${() => {
                    this.renaming = null;
                    this.resetting = u;
                  }}>${this.t('user.resetPassword')}</button>
                  <button type="button" @click=${() => this.#send('PATCH', `/api/config/users/${u.id}`, { active: !u.active })}>
                    ${u.active ? this.t('user.deactivate') : this.t('user.activate')}</button>`
                : nothing
            }</td></tr>`,
        )}</tbody>
      </table>
      ${
        this.resetting
          ? html`<form @submit=${this.#reset} novalidate aria-labelledby="reset-title">
            <h3 id="reset-title">${this.t('user.newPassword', { name: this.resetting.username })}</h3>
            ${this.field('password', this.t('user.password'), input('password', 'password'))}
            <div class="actions"><button class="primary" type="submit">${this.t('config.save')}</button>
              <button type="button" @click=${() => {
                this.resetting = null;
              }}>${this.t('config.cancel')}</button></div>
          </form>`
          : this.renaming
            ? html`<form @submit=${this.#rename} novalidate aria-labelledby="rename-title">
            <h3 id="rename-title">${this.t('user.renameTitle', { name: this.renaming.username })}</h3>
            ${this.field(
              'displayName',
              this.t('user.displayName'),
              html`<input id="displayName" name="displayName" .value=${this.renaming.displayName}
                aria-invalid=${this.invalid('displayName')} aria-describedby=${this.describedBy('displayName')} />`,
            )}
            <div class="actions"><button class="primary" type="submit">${this.t('config.save')}</button>
              <button type="button" @click=${() => {
                this.renaming = null;
              }}>${this.t('config.cancel')}</button></div>
          </form>`
            : html`<form @submit=${this.#create} novalidate aria-labelledby="user-form-title">
            <h3 id="user-form-title">${this.t('config.add')}</h3>
            ${this.field('username', this.t('user.username'), input('username'))}
            ${this.field('displayName', this.t('user.displayName'), input('displayName'))}
            ${this.field(
              'role',
              this.t('user.role'),
              html`<select id="role" name="role">${roles.map((r) => html`<option value=${r}>${this.t(`role.${r}`)}</option>`)}</select>`,
            )}
            ${this.field('password', this.t('user.password'), input('password', 'password'))}
            <div class="actions"><button class="primary" type="submit">${this.t('config.save')}</button></div>
          </form>`
      }
      ${this.status()}`;
  }
}
