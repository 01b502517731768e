/**
 * What every message catalogue shares: the locales (Vietnamese first) and how a message is
 * looked up and filled. Each surface keeps its own catalogue file; `en` must have exactly the
 * keys of `vi`, which the types check.
 */
export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type Params = Record<string, string | number>;
export type Translate<K extends string> = (locale: Locale, key: K, params?: Params) => string;

export function createCatalogue<K extends string>(messages: Record<Locale, Record<K, string>>): Translate<K> {
  return (locale, key, params = {}) =>
    messages[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
