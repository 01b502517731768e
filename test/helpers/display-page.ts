/**
 * For the public displays' browser tests: a stand-in for the browser's voice that records
 * what is said and played, in order, and an accessibility check and screenshots.
 *
 * The stand-in `speechSynthesis` has one Vietnamese voice (or none, on request) and ends each
 * utterance asynchronously: by itself a moment later, or, while held, only when the test says
 * so. It records an `overlap` if anything is spoken before the previous utterance ended, and a
 * `cancel` if anything is cut off. Audio clips "play" by recording their `data-clip` name.
 */

import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';

export interface VoiceEntry {
  kind: 'start' | 'end' | 'overlap' | 'cancel' | 'clip';
  text?: string;
  lang?: string;
}

declare global {
  interface Window {
    __voice: {
      log: VoiceEntry[];
      hold(on: boolean): void;
      finishCurrent(): void;
      withoutVietnamese(): void;
    };
  }
}

function installVoiceStub(): void {
  const log: VoiceEntry[] = [];
  // Every entry tells the test, which waits for the log instead of polling it.
  const push = log.push.bind(log);
  log.push = (...entries: VoiceEntry[]) => {
    const n = push(...entries);
    (window as unknown as { __voiceChanged?: () => void }).__voiceChanged?.();
    return n;
  };
  type Utterance = { text: string; lang: string; onend: ((e: Event) => void) | null };
  let current: Utterance | null = null;
  let held = false;
  let voices = [{ name: 'Giọng thử', lang: 'vi-VN', default: true, localService: true, voiceURI: 'test-vi' }];
  const finish = (u: Utterance) => {
    if (current !== u) return;
    current = null;
    log.push({ kind: 'end', text: u.text });
    u.onend?.(new Event('end'));
  };
  class FakeUtterance {
    text: string;
    lang = '';
    voice: unknown = null;
    rate = 1;
    onend: ((e: Event) => void) | null = null;
    onerror: ((e: Event) => void) | null = null;
    constructor(text: string) {
      this.text = text;
    }
  }
  const synth = {
    getVoices: () => voices,
    speak(u: Utterance) {
      if (current) log.push({ kind: 'overlap', text: u.text });
      log.push({ kind: 'start', text: u.text, lang: u.lang });
      current = u;
      if (!held) setTimeout(() => finish(u), 20);
    },
    cancel() {
      if (current) log.push({ kind: 'cancel', text: current.text });
      current = null;
    },
    pause() {},
    resume() {},
    speaking: false,
    pending: false,
    paused: false,
    onvoiceschanged: null,
    addEventListener() {},
    removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance, configurable: true });
  HTMLMediaElement.prototype.play = function play(this: HTMLMediaElement) {
    log.push({ kind: 'clip', text: this.dataset.clip ?? this.currentSrc });
    setTimeout(() => this.dispatchEvent(new Event('ended')), 0);
    return Promise.resolve();
  };
  window.__voice = {
    log,
    hold: (on) => {
      held = on;
    },
    finishCurrent: () => {
      if (current) finish(current);
    },
    withoutVietnamese: () => {
      voices = [];
    },
  };
}

/** Tests waiting for the next change of any page's voice log. */
let voiceWaiters: (() => void)[] = [];

export async function stubVoice(context: BrowserContext): Promise<void> {
  await context.exposeBinding('__voiceChanged', () => {
    const waiting = voiceWaiters;
    voiceWaiters = [];
    for (const wake of waiting) wake();
  });
  await context.addInitScript(installVoiceStub);
}

export function voiceLog(page: Page): Promise<VoiceEntry[]> {
  return page.evaluate(() => window.__voice.log.slice());
}

/**
 * Waits until the page's voice log satisfies `predicate`, re-reading it each time the page
 * logs something (no polling, no string evaluated in the page, which its CSP forbids).
 */
export async function untilVoice(
  page: Page,
  predicate: (log: VoiceEntry[]) => boolean,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const changed = new Promise<void>((resolve) => voiceWaiters.push(resolve));
    if (predicate(await voiceLog(page))) return;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`the voice log never matched: ${JSON.stringify(await voiceLog(page))}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([changed, new Promise<void>((resolve) => (timer = setTimeout(resolve, left)))]);
    clearTimeout(timer);
  }
}

/** Writes docs/screenshots/<name>.png, only when UPDATE_SCREENSHOTS is set. */
export async function shoot(page: Page, name: string): Promise<void> {
  if (!process.env.UPDATE_SCREENSHOTS) return;
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
}
