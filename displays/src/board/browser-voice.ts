/**
 * The board's voice in a browser: the chime as a recorded clip, then the words through
 * `speechSynthesis` with a Vietnamese voice where the device has one, else the recorded
 * Vietnamese clips in sequence (TV boxes usually have no vi-VN voice). Each step resolves
 * when it has ended, so the announcer never cuts one off; a watchdog moves on if a device
 * never reports the end. A browser that blocks sound until a click is reported to `onBlocked`.
 */
import type { VoiceOutput } from './announcer.js';
import { clipIds } from './vietnamese-speech.js';
import { CLIP_URLS } from './voice-clips.js';

/** Longest a clip may take before the announcer moves on (the longest clip is under 2 s). */
const CLIP_WATCHDOG_MS = 6000;

export function vietnameseVoice(): SpeechSynthesisVoice | null {
  if (typeof speechSynthesis === 'undefined') return null;
  return speechSynthesis.getVoices().find((v) => /^vi(?:[-_]|$)/i.test(v.lang)) ?? null;
}

export class BrowserVoice implements VoiceOutput {
  #clips = new Map<string, HTMLAudioElement>();
  /** Held while speaking: Chrome may drop the events of an utterance nothing references. */
  #utterance: SpeechSynthesisUtterance | null = null;

  constructor(private readonly onBlocked: () => void) {}

  chime(): Promise<void> {
    return this.#play('chime');
  }

  async say(words: readonly string[]): Promise<void> {
    const voice = vietnameseVoice();
    if (voice) return this.#speak(words.join(' '), voice);
    for (const id of clipIds(words)) await this.#play(id);
  }

  #speak(text: string, voice: SpeechSynthesisVoice): Promise<void> {
    return new Promise((resolve) => {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.rate = 0.9;
      const done = () => {
        clearTimeout(watchdog);
        if (this.#utterance === utterance) this.#utterance = null;
        resolve();
      };
      // Generous: a slow voice says a dozen words in well under this.
      const watchdog = setTimeout(done, 8000 + text.length * 120);
      utterance.onend = done;
      utterance.onerror = (event) => {
        if (event.error === 'not-allowed') this.onBlocked();
        done();
      };
      this.#utterance = utterance;
      speechSynthesis.speak(utterance);
    });
  }

  #play(id: string): Promise<void> {
    const url = CLIP_URLS.get(id);
    if (!url) return Promise.resolve();
    let audio = this.#clips.get(id);
    if (!audio) {
      audio = new Audio(url);
      audio.preload = 'auto';
      audio.dataset.clip = id;
      this.#clips.set(id, audio);
    }
    const clip = audio;
    clip.currentTime = 0;
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(watchdog);
        clip.removeEventListener('ended', finish);
        clip.removeEventListener('error', finish);
        resolve();
      };
      const watchdog = setTimeout(finish, CLIP_WATCHDOG_MS);
      clip.addEventListener('ended', finish);
      clip.addEventListener('error', finish);
      clip.play().catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'NotAllowedError') this.onBlocked();
        finish();
      });
    });
  }
}
