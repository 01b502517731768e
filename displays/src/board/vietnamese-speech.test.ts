import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { announcementWords, CLIPS, clipIds, numberWords, ticketWords } from './vietnamese-speech.js';

const AUDIO = new URL('../../audio/vi/', import.meta.url);

describe('Vietnamese announcement', () => {
  it('says the contract sentence for A007 at counter 3', () => {
    expect(announcementWords('A007', 3).join(' ')).toBe(
      'Mời công dân có số A không không bảy đến quầy số ba',
    );
  });

  it('reads counter numbers as Vietnamese numbers', () => {
    const said = (n: number) => numberWords(n).join(' ');
    expect(said(0)).toBe('không');
    expect(said(7)).toBe('bảy');
    expect(said(10)).toBe('mười');
    expect(said(11)).toBe('mười một');
    expect(said(15)).toBe('mười lăm');
    expect(said(20)).toBe('hai mươi');
    expect(said(21)).toBe('hai mươi mốt');
    expect(said(24)).toBe('hai mươi tư');
    expect(said(25)).toBe('hai mươi lăm');
    expect(said(99)).toBe('chín mươi chín');
    expect(said(100)).toBe('một trăm');
    expect(said(105)).toBe('một trăm lẻ năm');
    expect(said(115)).toBe('một trăm mười lăm');
    expect(said(231)).toBe('hai trăm ba mươi mốt');
  });

  it('reads ticket characters one by one, letters by their Vietnamese names', () => {
    expect(ticketWords('B120')).toEqual(['bê', 'một', 'hai', 'không']);
    expect(ticketWords('đ5')).toEqual(['đê', 'năm']);
    expect(ticketWords('X-9')).toEqual(['ích xì', 'chín']);
  });

  it('has a committed clip for every word any ticket and counter can need, and no stray file', () => {
    const words = new Set<string>();
    for (const letter of 'ABCDĐEFGHIJKLMNOPQRSTUVWXYZ') {
      for (let counter = 1; counter < 1000; counter += 1) {
        for (const w of announcementWords(`${letter}0123456789`, counter)) words.add(w);
      }
    }
    for (const w of words) expect(clipIds([w]), w).toHaveLength(1);
    const files = readdirSync(AUDIO).sort();
    expect(files).toEqual([...CLIPS.map((c) => `${c.id}.ogg`), 'chime.ogg'].sort());
    for (const clip of CLIPS) expect(existsSync(new URL(`${clip.id}.ogg`, AUDIO)), clip.id).toBe(true);
  });

  it('maps the sentence to its clips in order', () => {
    expect(clipIds(announcementWords('A007', 21))).toEqual([
      'invite',
      'letter-a',
      'digit-0',
      'digit-0',
      'digit-7',
      'to-counter',
      'digit-2',
      'muoi-tens',
      'mot-unit',
    ]);
  });
});
