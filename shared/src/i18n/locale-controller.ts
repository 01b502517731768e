/**
 * The language a page is shown in, once for every screen: Vietnamese unless this device chose
 * English before. A reactive controller (Lit's `ReactiveController` shape, typed here so that
 * `shared/` imports no Lit): the host reads `locale`, and `toggle()` or `set()` change it.
 *
 * A remembered choice is written to `localStorage` under `LOCALE_STORAGE_KEY` and to
 * `<html lang>`, and every host follows it: the others in this tab at once, those in other tabs
 * through the `storage` event. A shared kiosk passes `remember: false`: it neither reads nor
 * writes the stored choice, so each citizen starts in Vietnamese whatever the last one picked.
 */
import type { Locale } from './catalogue.js';

/** The one place the stored choice lives. */
export const LOCALE_STORAGE_KEY = 'luot.locale';

/** What the controller needs of its host: the part of Lit's `ReactiveControllerHost` it uses. */
export interface LocaleHost {
  addController(controller: { hostConnected?(): void; hostDisconnected?(): void }): void;
  requestUpdate(): void;
}

export interface LocaleEnvironment {
  /** Default: `globalThis.localStorage` (none on the server: then nothing is remembered). */
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  /** Where `storage` events arrive. Default: `globalThis` (the window). */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** Whose `lang` follows the locale. Default: `document.documentElement`. */
  root?: { lang: string };
}

export interface LocaleOptions extends LocaleEnvironment {
  /** Read, write and follow the device's stored choice. Default: true. */
  remember?: boolean;
}

/** The locale stored on this device, else Vietnamese. Anything unknown counts as Vietnamese. */
export function storedLocale(storage: Pick<Storage, 'getItem'> | undefined): Locale {
  try {
    return storage?.getItem(LOCALE_STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi'; // storage refused (private mode, a sandboxed frame): the default stands
  }
}

/** The remembering controllers of this tab: one's change is every one's. */
const inTab = new Set<LocaleController>();

export class LocaleController {
  readonly #host: LocaleHost;
  readonly #remember: boolean;
  readonly #storage: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  readonly #events: LocaleEnvironment['events'];
  readonly #root: { lang: string } | undefined;
  #locale: Locale;

  constructor(host: LocaleHost, options: LocaleOptions = {}) {
    this.#host = host;
    this.#remember = options.remember ?? true;
    this.#storage = options.storage ?? globalThis.localStorage;
    this.#events =
      options.events ?? (typeof globalThis.addEventListener === 'function' ? globalThis : undefined);
    this.#root = options.root ?? globalThis.document?.documentElement;
    this.#locale = this.#remember ? storedLocale(this.#storage) : 'vi';
    host.addController(this);
  }

  get locale(): Locale {
    return this.#locale;
  }

  /** The locale the switch offers: the other one. */
  get other(): Locale {
    return this.#locale === 'vi' ? 'en' : 'vi';
  }

  hostConnected(): void {
    if (this.#root) this.#root.lang = this.#locale;
    if (!this.#remember) return;
    inTab.add(this);
    this.#events?.addEventListener('storage', this.#onStorage);
  }

  hostDisconnected(): void {
    inTab.delete(this);
    this.#events?.removeEventListener('storage', this.#onStorage);
  }

  toggle(): void {
    this.set(this.other);
  }

  set(locale: Locale): void {
    if (locale === this.#locale) return;
    this.#adopt(locale);
    if (!this.#remember) return;
    try {
      this.#storage?.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
      // not remembered on this device; this visit still changes language
    }
    for (const controller of inTab) if (controller !== this) controller.#adopt(locale);
  }

  #adopt(locale: Locale): void {
    if (locale === this.#locale) return;
    this.#locale = locale;
    if (this.#root) this.#root.lang = locale;
    this.#host.requestUpdate();
  }

  /** Another tab chose: follow it (a cleared key means the default again). */
  readonly #onStorage = (event: Event): void => {
    const key = (event as StorageEvent).key;
    if (key !== LOCALE_STORAGE_KEY && key !== null) return;
    this.#adopt(storedLocale(this.#storage));
  };
}
