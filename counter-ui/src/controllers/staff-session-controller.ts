/**
 * The signed-in staff member of a staff page (the clerk console and the manager pages):
 * restores the session on load, signs in and out, and goes back to sign-in when the server
 * answers 401. Each page says what to do once someone is in (`entered`) and what to clear on
 * the way out (`left`). A refused sign-in says why: wrong credentials, no connection, or the
 * server's own reason (a lockout after too many tries, say).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SignedIn, SignedInUser } from '../../../shared/src/api/users.js';
import { ApiError, api } from '../../../shared/src/http/api-client.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { translate } from '../../../shared/src/i18n/messages.js';
import type { SignInEvent } from '../clerk-console/sign-in-form.js';

export interface StaffSessionHooks {
  locale(): Locale;
  entered(user: SignedInUser): Promise<void>;
  left?(): void;
}

export class StaffSessionController implements ReactiveController {
  user: SignedInUser | null = null;
  /** True until the first answer about the session: the page shows nothing meanwhile. */
  loading = true;
  signInError = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly hooks: StaffSessionHooks,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.#restore();
  }

  async #restore(): Promise<void> {
    try {
      const { user } = await api<SignedIn>('GET', '/api/auth/me');
      await this.#enter(user);
    } catch {
      this.user = null;
    } finally {
      this.loading = false;
      this.host.requestUpdate();
    }
  }

  async #enter(user: SignedInUser): Promise<void> {
    this.user = user;
    this.host.requestUpdate();
    await this.hooks.entered(user);
  }

  readonly signIn = async (event: SignInEvent): Promise<void> => {
    this.signInError = '';
    try {
      const { user } = await api<SignedIn>('POST', '/api/auth/login', event.detail);
      this.signInError = '';
      await this.#enter(user);
    } catch (error) {
      this.signInError = this.#refusal(error);
      this.host.requestUpdate();
    }
  };

  #refusal(error: unknown): string {
    const locale = this.hooks.locale();
    if (error instanceof ApiError && error.status === 401) return translate(locale, 'auth.invalid');
    if (error instanceof ApiError && error.code === 'offline') return translate(locale, 'error.offline');
    return translate(locale, 'error.generic', {
      message: error instanceof Error ? error.message : String(error),
    });
  }

  readonly signOut = async (): Promise<void> => {
    await api('POST', '/api/auth/logout').catch(() => null);
    this.user = null;
    this.hooks.left?.();
    this.host.requestUpdate();
  };

  /** The server answered 401: the session has ended. */
  lost(): void {
    this.user = null;
    this.host.requestUpdate();
  }
}
