import { describe, expect, it } from 'vitest';
import { Announcer, type VoiceOutput } from './announcer.js';

/** A voice whose every step ends only when the test says so, and which records what it did. */
class ScriptedVoice implements VoiceOutput {
  log: string[] = [];
  #pending: (() => void)[] = [];
  fail = false;

  chime(): Promise<void> {
    return this.#step('chime');
  }
  say(words: readonly string[]): Promise<void> {
    return this.#step(words.join(' '));
  }
  /**
   * Ends the step in progress, then lets the announcer react: its promise chain runs in
   * microtasks, which all drain before the next macrotask.
   */
  async finish(): Promise<void> {
    const end = this.#pending.shift();
    if (!end) throw new Error('nothing is playing');
    end();
    await new Promise((r) => setTimeout(r, 0));
  }
  #step(what: string): Promise<void> {
    this.log.push(`start ${what}`);
    return new Promise((resolve, reject) => {
      this.#pending.push(() => {
        this.log.push(`end ${what}`);
        if (this.fail) reject(new Error('device error'));
        else resolve();
      });
    });
  }
}

describe('Announcer', () => {
  it('plays each announcement whole, chime first, one after another', async () => {
    const voice = new ScriptedVoice();
    const announcer = new Announcer(voice);
    expect(announcer.announce({ key: '1', words: ['một'] })).toBe(true);
    expect(announcer.announce({ key: '2', words: ['hai'] })).toBe(true);
    expect(voice.log).toEqual(['start chime']);
    await voice.finish();
    expect(voice.log).toEqual(['start chime', 'end chime', 'start một']);
    await voice.finish();
    await voice.finish();
    await voice.finish();
    expect(voice.log).toEqual([
      'start chime',
      'end chime',
      'start một',
      'end một',
      'start chime',
      'end chime',
      'start hai',
      'end hai',
    ]);
    expect(announcer.speaking).toBe(false);
  });

  it('never says the same announcement twice, even after it was said', async () => {
    const voice = new ScriptedVoice();
    const announcer = new Announcer(voice);
    announcer.announce({ key: 'seq:5', words: ['năm'] });
    expect(announcer.announce({ key: 'seq:5', words: ['năm'] })).toBe(false);
    await voice.finish();
    await voice.finish();
    expect(announcer.announce({ key: 'seq:5', words: ['năm'] })).toBe(false);
    expect(voice.log.filter((l) => l === 'start năm')).toHaveLength(1);
  });

  it('keeps its backlog and its memory bounded, dropping the oldest', async () => {
    const voice = new ScriptedVoice();
    const announcer = new Announcer(voice, { maxPending: 2, remember: 3 });
    for (const n of ['1', '2', '3', '4']) announcer.announce({ key: n, words: [n] });
    expect(announcer.pending).toBe(2);
    for (let i = 0; i < 6; i++) await voice.finish();
    expect(voice.log.filter((l) => l.startsWith('start ') && l !== 'start chime')).toEqual([
      'start 1',
      'start 3',
      'start 4',
    ]);
    // Key 1 is forgotten after three newer ones: memory does not grow with the months.
    expect(announcer.announce({ key: '1', words: ['1'] })).toBe(true);
  });

  it('goes on with the next announcement when the device fails', async () => {
    const voice = new ScriptedVoice();
    voice.fail = true;
    const announcer = new Announcer(voice);
    announcer.announce({ key: 'a', words: ['a'] });
    announcer.announce({ key: 'b', words: ['b'] });
    for (let i = 0; i < 3; i++) await voice.finish();
    expect(voice.log.at(-1)).toBe('start b');
  });

  it('says nothing more once disposed', async () => {
    const voice = new ScriptedVoice();
    const announcer = new Announcer(voice);
    announcer.announce({ key: 'a', words: ['a'] });
    announcer.announce({ key: 'b', words: ['b'] });
    announcer.dispose();
    await voice.finish();
    await voice.finish();
    expect(voice.log).toEqual(['start chime', 'end chime', 'start a', 'end a']);
    expect(announcer.announce({ key: 'c', words: ['c'] })).toBe(false);
  });
});
