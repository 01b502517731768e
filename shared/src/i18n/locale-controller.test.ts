import { afterEach, describe, expect, it } from 'vitest';
import { LOCALE_STORAGE_KEY, LocaleController, type LocaleHost, storedLocale } from './locale-controller.js';

/** A host as Lit drives one: controllers added, then connected; updates counted. */
function fakeHost() {
  const controllers: { hostConnected?(): void; hostDisconnected?(): void }[] = [];
  let updates = 0;
  return {
    get updates() {
      return updates;
    },
    addController: (c: (typeof controllers)[number]) => void controllers.push(c),
    requestUpdate: () => void updates++,
    connect: () => {
      for (const c of controllers) c.hostConnected?.();
    },
    disconnect: () => {
      for (const c of controllers) c.hostDisconnected?.();
    },
  } satisfies LocaleHost & Record<string, unknown>;
}

/** One device: its storage, its window (where storage events arrive) and its <html>. */
function device(saved?: string) {
  const items = new Map<string, string>(saved === undefined ? [] : [[LOCALE_STORAGE_KEY, saved]]);
  const storage = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
  return { items, storage, events: new EventTarget(), root: { lang: 'vi' } };
}

/** Every page a test opens; closed after it, as leaving the tab would (the tab's set is module-wide). */
const opened: ReturnType<typeof fakeHost>[] = [];
afterEach(() => {
  for (const host of opened.splice(0)) host.disconnect();
});

function page(env: ReturnType<typeof device>, options: { remember?: boolean } = {}) {
  const host = fakeHost();
  const controller = new LocaleController(host, { ...env, ...options });
  host.connect();
  opened.push(host);
  return { host, controller };
}

/** What another tab's write looks like here. */
function storageEvent(key: string | null): Event {
  return Object.assign(new Event('storage'), { key });
}

describe('LocaleController', () => {
  it('starts in Vietnamese on a new device, in the choice remembered on one that chose', () => {
    expect(page(device()).controller.locale).toBe('vi');
    const env = device('en');
    expect(page(env).controller.locale).toBe('en');
    expect(env.root.lang).toBe('en'); // <html lang> says what is shown from the start
    expect(page(device('fr')).controller.locale).toBe('vi');
  });

  it('toggles, remembers the choice and sets <html lang>', () => {
    const env = device();
    const { host, controller } = page(env);
    controller.toggle();
    expect(controller.locale).toBe('en');
    expect(controller.other).toBe('vi');
    expect(env.items.get(LOCALE_STORAGE_KEY)).toBe('en');
    expect(env.root.lang).toBe('en');
    expect(host.updates).toBe(1);
    controller.set('en'); // no change: no write-back, no render
    expect(host.updates).toBe(1);
    controller.toggle();
    expect(env.items.get(LOCALE_STORAGE_KEY)).toBe('vi');
    expect(env.root.lang).toBe('vi');
  });

  it('keeps every screen of the tab in step', () => {
    const env = device();
    const a = page(env);
    const b = page(env);
    a.controller.toggle();
    expect(b.controller.locale).toBe('en');
    expect(b.host.updates).toBe(1);
    b.host.disconnect(); // gone from the page: no longer follows
    a.controller.toggle();
    expect(b.controller.locale).toBe('en');
  });

  it('follows a choice made in another tab, and a cleared one back to Vietnamese', () => {
    const env = device();
    const { host, controller } = page(env);
    env.items.set(LOCALE_STORAGE_KEY, 'en');
    env.events.dispatchEvent(storageEvent('luot.counterId'));
    expect(controller.locale).toBe('vi'); // another key: nothing to do
    env.events.dispatchEvent(storageEvent(LOCALE_STORAGE_KEY));
    expect(controller.locale).toBe('en');
    expect(env.root.lang).toBe('en');
    expect(host.updates).toBe(1);
    env.items.clear();
    env.events.dispatchEvent(storageEvent(null)); // localStorage.clear() in another tab
    expect(controller.locale).toBe('vi');
    host.disconnect();
    env.items.set(LOCALE_STORAGE_KEY, 'en');
    env.events.dispatchEvent(storageEvent(LOCALE_STORAGE_KEY));
    expect(controller.locale).toBe('vi');
  });

  it('on a shared kiosk neither reads, writes nor follows the stored choice', () => {
    const env = device('en');
    const staff = page(env);
    const kiosk = page(env, { remember: false });
    expect(kiosk.controller.locale).toBe('vi');
    kiosk.controller.toggle();
    expect(kiosk.controller.locale).toBe('en');
    expect(env.root.lang).toBe('en');
    expect(env.items.get(LOCALE_STORAGE_KEY)).toBe('en'); // untouched by the kiosk
    staff.controller.toggle(); // staff go to Vietnamese: the kiosk's citizen stays in English
    expect(kiosk.controller.locale).toBe('en');
    env.events.dispatchEvent(storageEvent(LOCALE_STORAGE_KEY));
    expect(kiosk.controller.locale).toBe('en');
  });

  it('falls back to Vietnamese when there is no storage or it refuses', () => {
    expect(storedLocale(undefined)).toBe('vi');
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(storedLocale(refusing)).toBe('vi');
  });
});
