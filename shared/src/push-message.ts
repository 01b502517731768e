/**
 * What a Web Push notification carries (encrypted end to end, read by the citizen page's
 * service worker). The server writes it; the worker shows it.
 */
import type { Locale } from './i18n/catalogue.js';

export interface PushMessage {
  title: string;
  body: string;
  /** The citizen page of the ticket: opened when the notification is tapped. */
  url: string;
  /** One notification per ticket and kind: a newer one replaces the older. */
  tag: string;
  lang: Locale;
}

/** A push payload as the worker receives it, checked: anything else is ignored, never shown half. */
export function parsePushMessage(value: unknown): PushMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  const text = (k: string) => typeof m[k] === 'string';
  if (!text('title') || !text('body') || !text('url') || !text('tag')) return null;
  if (!String(m.url).startsWith('/')) return null; // only pages of this site
  return {
    title: String(m.title),
    body: String(m.body),
    url: String(m.url),
    tag: String(m.tag),
    lang: m.lang === 'en' ? 'en' : 'vi',
  };
}
