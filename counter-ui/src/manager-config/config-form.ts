/**
 * What every configuration form shares: sending a change, turning a refusal into a message
 * beside the field it names (details.field from the 400 or 409), and a success note.
 * Subclasses render their fields with `field()` and call `save()`.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { IssuingWindow } from '../../../shared/src/api/services.js';
import { ApiError, api } from '../../../shared/src/http/api-client.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type ConfigKey, translateConfig } from '../../../shared/src/i18n/config.js';
import { stackedTables } from '../styles/stacked-tables.js';

/** Fired after a change is saved, so the page reloads what it shows. */
export type SavedEvent = CustomEvent<{ what: string }>;

/** "07:30-11:30, 13:30-16:30" → windows; empty → null; anything unreadable → undefined. */
export function parseWindows(text: string): IssuingWindow[] | null | undefined {
  const parts = text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  const windows: IssuingWindow[] = [];
  for (const part of parts) {
    const m = /^(\d{1,2}:\d{2})\s*[-–—]\s*(\d{1,2}:\d{2})$/.exec(part);
    if (!m) return undefined;
    const pad = (t: string) => t.padStart(5, '0');
    windows.push({ from: pad(m[1]!), to: pad(m[2]!) });
  }
  return windows;
}

export const formatWindows = (windows: IssuingWindow[] | null): string =>
  (windows ?? []).map((w) => `${w.from}-${w.to}`).join(', ');

export const formStyles = css`
  ${stackedTables}
  :host { display: block; }
  form { display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); align-items: start;
    background: #fff; padding: 1rem; border-radius: 0.5rem; box-shadow: 0 1px 3px #0002; margin-block: 1rem; }
  h3 { grid-column: 1 / -1; margin: 0; font-size: 1.05rem; }
  .field { display: grid; gap: 0.25rem; }
  label { font-weight: 600; display: grid; gap: 0.25rem; }
  .check { display: flex; gap: 0.5rem; align-items: center; }
  input, select { font: inherit; padding: 0.45rem; border: 1px solid #767676; border-radius: 0.25rem; }
  input[aria-invalid='true'] { border-color: #a4000f; outline: 1px solid #a4000f; }
  .hint { color: #555; font-size: 0.9rem; margin: 0; }
  .error { color: #a4000f; margin: 0; font-weight: 600; }
  .actions { grid-column: 1 / -1; display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; }
  button { font: inherit; font-weight: 600; padding: 0.45rem 0.9rem; border: 1px solid #0b5cad; border-radius: 0.25rem;
    background: #fff; color: #0b5cad; cursor: pointer; }
  button.primary { background: #0b5cad; color: #fff; }
  .ok { color: #0a6b2d; font-weight: 600; margin: 0; }
  .alert { grid-column: 1 / -1; background: #fff4e5; border: 1px solid #b35c00; padding: 0.75rem; border-radius: 0.25rem; }
  table { border-collapse: collapse; width: 100%; background: #fff; border-radius: 0.5rem; box-shadow: 0 1px 3px #0002; }
  caption { text-align: start; font-weight: 700; font-size: 1.05rem; padding: 0.6rem 0.75rem 0.2rem; }
  th, td { text-align: start; padding: 0.4rem 0.75rem; border-top: 1px solid #e3e6ea; }
`;

export abstract class ConfigForm extends LitElement {
  static override styles = formStyles;

  @property() locale: Locale = 'vi';
  @property({ type: Number }) centerId = 0;
  /** Messages by field (its first segment: "issuingHours.0.to" → "issuingHours"). */
  @state() protected errors: Record<string, string> = {};
  @state() protected notice = '';
  @state() protected failure = '';

  protected t(key: ConfigKey, params?: Record<string, string | number>): string {
    return translateConfig(this.locale, key, params);
  }

  /** The message a refused field shows; each form says which key explains each field. */
  protected abstract explain(field: string): ConfigKey;

  protected field(name: string, label: string, input: TemplateResult, hint?: string): TemplateResult {
    const error = this.errors[name];
    return html`<div class="field">
      <label for=${name}>${label}</label>${input}
      ${hint ? html`<p class="hint" id=${`${name}-hint`}>${hint}</p>` : nothing}
      ${error ? html`<p class="error" id=${`${name}-error`} role="alert">${error}</p>` : nothing}
    </div>`;
  }

  /** aria attributes for an input named `name`. */
  protected invalid(name: string): 'true' | 'false' {
    return this.errors[name] ? 'true' : 'false';
  }

  protected describedBy(name: string, hint = false): string {
    return [hint ? `${name}-hint` : '', this.errors[name] ? `${name}-error` : ''].filter(Boolean).join(' ');
  }

  protected refuseField(name: string): void {
    this.errors = { ...this.errors, [name]: this.t(this.explain(name)) };
    this.notice = '';
  }

  /** Sends a change; on success a notice and `saved`; on refusal a message by the field. Returns the error. */
  protected async save(method: 'POST' | 'PATCH', path: string, body: unknown): Promise<ApiError | null> {
    this.errors = {};
    this.notice = '';
    this.failure = '';
    try {
      await api(method, path, body);
      this.notice = this.t('config.saved');
      this.dispatchEvent(new CustomEvent('saved', { detail: { what: path }, bubbles: true, composed: true }));
      return null;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const field = (error.details as { field?: string } | undefined)?.field;
      const name = field?.split('.')[0];
      if (name) {
        const key = error.code === 'already_exists' ? 'err.taken' : this.explain(name);
        this.errors = { [name]: this.t(key) };
      } else if (error.code !== 'service_has_waiting') {
        this.failure = this.t('config.failed', { message: error.message });
      }
      return error;
    }
  }

  protected status(): TemplateResult {
    return html`${this.notice ? html`<p class="ok" role="status">${this.notice}</p>` : nothing}
    ${this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : nothing}`;
  }
}
