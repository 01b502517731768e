/**
 * Names people give things (a center, a service, a counter, a user, a device): they reach
 * boards, kiosks and the staff pages, so one that shows nothing, or that reorders the text
 * around it (a bidi override turns "Quầy 1" into something else on screen), is refused.
 * Surrounding whitespace and zero-width characters are trimmed, not refused: nobody means
 * them, and kept they would make two names that look the same. The
 * name is kept in NFC, so the same Vietnamese letters typed as one code point or as a letter
 * and its combining marks (NFD) are one name.
 */

/** The schema keyword that marks such a name (schemas.ts PersonName; checked in validation.ts). */
export const PERSON_NAME = 'x-person-name';
/**
 * Every other text a person types follows the same rules, for the same reasons: a clerk's reason
 * or note, a center's address reach staff pages and the audit log, a citizen's comment reaches
 * the manager's. One line (schemas.ts Text) is checked exactly as a name; a text of several
 * lines (schemas.ts Paragraph: a comment, an outcome note) may also break lines and hold tabs.
 */
export const PARAGRAPH = 'x-paragraph';
/** The value of PERSON_NAME for a field that may be cleared. */
export const OR_EMPTY = 'or-empty';

/** Bidirectional controls: embeddings, overrides, isolates, and the implicit marks. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** C0 and C1 controls: a name is one line of text. */
const CONTROL = /\p{Cc}/u;
/** In a paragraph, line breaks and tabs are text; every other control is not. */
const PARAGRAPH_CONTROL = /(?![\n\t])\p{Cc}/u;
/**
 * Something that shows: a letter, digit, punctuation or symbol, but not the Hangul fillers or
 * the blank Braille pattern, which are letters or symbols that draw nothing. Whitespace,
 * zero-width characters (U+200B–U+200D, U+2060, U+FEFF are format characters) and combining
 * marks on their own are not.
 */
const VISIBLE = /(?![\u115F\u1160\u3164\uFFA0\u2800])[\p{L}\p{N}\p{P}\p{S}]/u;

/** What trim() leaves at the ends that still draws nothing. */
const EDGES = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/gu;

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

export type NameCheck = { ok: true; name: string } | { ok: false; reason: string };

/** `orEmpty`: a field that may be cleared (a center's address): nothing but blanks is kept as ''. */
export function checkPersonName(raw: string, options: { orEmpty?: boolean } = {}): NameCheck {
  if (options.orEmpty && raw.replace(EDGES, '') === '') return { ok: true, name: '' };
  return checkText(raw, CONTROL);
}

/** A text of several lines: line ends kept as `\n` (however the browser sent them), tabs allowed. */
export function checkParagraph(raw: string): NameCheck {
  return checkText(raw.replace(/\r\n?/g, '\n'), PARAGRAPH_CONTROL);
}

function checkText(raw: string, controls: RegExp): NameCheck {
  const bidi = BIDI.exec(raw);
  if (bidi) return { ok: false, reason: `must not contain ${codePoint(bidi[0])} (a bidirectional control)` };
  const control = controls.exec(raw);
  if (control)
    return { ok: false, reason: `must not contain ${codePoint(control[0])} (a control character)` };
  const name = raw.replace(EDGES, '').normalize('NFC');
  if (!VISIBLE.test(name)) return { ok: false, reason: 'must contain a visible letter, digit or sign' };
  return { ok: true, name };
}
