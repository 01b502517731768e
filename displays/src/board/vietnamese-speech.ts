/**
 * What the board says when a ticket is called, as words: "Mời công dân có số A không không
 * bảy đến quầy số ba" (DESIGN.md §7). The ticket's characters are read one by one (letters by
 * their Vietnamese names, digits as digits); the counter as a Vietnamese number. The same words
 * name the recorded clips played when the device has no Vietnamese voice, so this table is
 * also the list the clip script records (displays/scripts/make-voice-clips.sh).
 *
 * These are speech, always Vietnamese whatever the screen's language, so they live here and
 * not in a screen catalogue.
 */

export const INVITE = 'Mời công dân có số';
export const TO_COUNTER = 'đến quầy số';

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

/** Vowels keep their own letter (so "A" reads as in the contract's sentence); consonants by name. */
const LETTERS: Readonly<Record<string, string>> = {
  A: 'A',
  B: 'bê',
  C: 'xê',
  D: 'dê',
  Đ: 'đê',
  E: 'E',
  F: 'ép',
  G: 'giê',
  H: 'hát',
  I: 'I',
  J: 'gi',
  K: 'ca',
  L: 'e lờ',
  M: 'em mờ',
  N: 'en nờ',
  O: 'O',
  P: 'pê',
  Q: 'quy',
  R: 'e rờ',
  S: 'ét xì',
  T: 'tê',
  U: 'U',
  V: 'vê',
  W: 'vê kép',
  X: 'ích xì',
  Y: 'i dài',
  Z: 'dét',
};

const digit = (d: number): string => DIGITS[d] ?? '';

/** A counter number as said aloud: 3 → ba, 15 → mười lăm, 21 → hai mươi mốt, 105 → một trăm lẻ năm. */
export function numberWords(n: number): string[] {
  if (!Number.isInteger(n) || n < 0) return [];
  if (n < 10) return [digit(n)];
  if (n < 20) return n === 10 ? ['mười'] : ['mười', n === 15 ? 'lăm' : digit(n % 10)];
  if (n < 100) {
    const unit = n % 10;
    const tail =
      unit === 0 ? [] : [unit === 1 ? 'mốt' : unit === 4 ? 'tư' : unit === 5 ? 'lăm' : digit(unit)];
    return [digit(Math.floor(n / 10)), 'mươi', ...tail];
  }
  if (n < 1000) {
    const rest = n % 100;
    const head = [digit(Math.floor(n / 100)), 'trăm'];
    if (rest === 0) return head;
    return rest < 10 ? [...head, 'lẻ', digit(rest)] : [...head, ...numberWords(rest)];
  }
  return [...String(n)].map((d) => digit(Number(d)));
}

/** A ticket number read character by character: "A007" → A không không bảy. */
export function ticketWords(number: string): string[] {
  const words: string[] = [];
  for (const char of number.toUpperCase()) {
    if (char >= '0' && char <= '9') words.push(digit(Number(char)));
    else if (LETTERS[char]) words.push(LETTERS[char]);
  }
  return words;
}

export function announcementWords(ticketNumber: string, counterNumber: number): string[] {
  return [INVITE, ...ticketWords(ticketNumber), TO_COUNTER, ...numberWords(counterNumber)];
}

/**
 * Every word the announcement can use, with the file name of its clip and, where it differs,
 * what the synthesiser is given to record it (a vowel letter alone is read as a letter name).
 */
export const CLIPS: readonly { id: string; word: string; say?: string }[] = [
  { id: 'invite', word: INVITE },
  { id: 'to-counter', word: TO_COUNTER },
  ...DIGITS.map((word, d) => ({ id: `digit-${d}`, word })),
  { id: 'muoi-ten', word: 'mười' },
  { id: 'muoi-tens', word: 'mươi' },
  { id: 'mot-unit', word: 'mốt' },
  { id: 'tu-unit', word: 'tư' },
  { id: 'lam-unit', word: 'lăm' },
  { id: 'tram', word: 'trăm' },
  { id: 'le', word: 'lẻ' },
  ...Object.entries(LETTERS).map(([letter, word]) => ({
    id: `letter-${letter === 'Đ' ? 'dd' : letter.toLowerCase()}`,
    word,
    ...(word === letter ? { say: letter.toLowerCase() } : {}),
  })),
];

const CLIP_OF_WORD = new Map(CLIPS.map((c) => [c.word, c.id]));

/** The clip ids to play for these words, in order; a word without a clip is skipped. */
export function clipIds(words: readonly string[]): string[] {
  return words.flatMap((w) => {
    const id = CLIP_OF_WORD.get(w);
    return id ? [id] : [];
  });
}
