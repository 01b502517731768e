import { describe, expect, it } from 'vitest';
import { checkParagraph, checkPersonName } from './person-names.js';

const refused = (name: string) => {
  const checked = checkPersonName(name);
  return checked.ok ? null : checked.reason;
};

describe('checkPersonName', () => {
  it.each([
    ['', 'visible'],
    ['   ', 'visible'],
    ['\u200b\u200c\u200d\u2060\ufeff', 'visible'],
    ['\u0300\u0301', 'visible'],
    ['\u3164\u115f\u1160\uffa0\u2800', 'visible'],
    ['\u00ad\u034f', 'visible'],
    ['Quầy\u202e1', 'U+202E'],
    ['\u202aA', 'U+202A'],
    ['\u2067A\u2069', 'U+2067'],
    ['A\u200eB', 'U+200E'],
    ['A\u200fB', 'U+200F'],
    ['A\u061cB', 'U+061C'],
    ['A\nB', 'U+000A'],
    ['A\u0085B', 'U+0085'],
  ])('refuses %j (%s)', (name, reason) => {
    expect(refused(name)).toContain(reason);
  });

  it('keeps Vietnamese typed either way as one NFC name, without the invisible edges', () => {
    const nfc = 'Trung tâm Hành chính công – Uông Bí'.normalize('NFC');
    for (const typed of [
      nfc,
      nfc.normalize('NFD'),
      ` ${nfc}\u00a0`,
      `\u200b\ufeff${nfc.normalize('NFD')}\u2060`,
    ])
      expect(checkPersonName(typed)).toEqual({ ok: true, name: nfc });
  });

  it('keeps what draws inside a name: joiners in emoji, digits, signs', () => {
    for (const name of ['👩‍💻', 'Quầy 1', '#1', 'Ω', '中心', 'A\u200bB'])
      expect(checkPersonName(name)).toEqual({ ok: true, name });
  });
});

describe('checkParagraph', () => {
  const reasonOf = (text: string) => {
    const checked = checkParagraph(text);
    return checked.ok ? null : checked.reason;
  };

  it('keeps line breaks and tabs, as \\n however they were sent, without the blank edges', () => {
    expect(checkParagraph(' Dòng một\r\n\tdòng hai\rba\n\n')).toEqual({
      ok: true,
      name: 'Dòng một\n\tdòng hai\nba',
    });
  });

  it.each([
    ['A\u202eB', 'U+202E'],
    ['A\u2066B', 'U+2066'],
    ['A\u0007B', 'U+0007'],
    ['A\u001bB', 'U+001B'],
    ['A\u0085B', 'U+0085'],
    ['\n\t \n', 'visible'],
  ])('refuses %j (%s) as a name would', (text, reason) => {
    expect(reasonOf(text)).toContain(reason);
  });
});

describe('checkPersonName with orEmpty', () => {
  it("keeps nothing but blanks as '', and checks anything else as a name", () => {
    expect(checkPersonName('', { orEmpty: true })).toEqual({ ok: true, name: '' });
    expect(checkPersonName(' \u200b ', { orEmpty: true })).toEqual({ ok: true, name: '' });
    expect(checkPersonName(' 12 Quang Trung ', { orEmpty: true })).toEqual({
      ok: true,
      name: '12 Quang Trung',
    });
    expect(checkPersonName('A\u202eB', { orEmpty: true }).ok).toBe(false);
    expect(checkPersonName('', {}).ok).toBe(false);
  });
});
