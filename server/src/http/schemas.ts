/** Schemas shared by several route modules. */
import { Type } from 'typebox';
import { CANCEL_REASONS, CHANNELS, OUTCOMES, PRIORITIES } from '../../../shared/src/protocol.js';
import { OR_EMPTY, PARAGRAPH, PERSON_NAME } from './person-names.js';

/** Database ids are positive 32-bit integers; anything else is a 400, not a database error. */
export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
export const Token = Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

// Enums, not unions of literals: a wrong value is answered with every allowed one, not the first.
export const Priority = Type.Enum(PRIORITIES);
export const Channel = Type.Enum(CHANNELS);
export const Outcome = Type.Enum(OUTCOMES);
export const CancelReason = Type.Enum(CANCEL_REASONS);

export const CenterParams = Type.Object({ centerId: Id });
export const CounterParams = Type.Object({ counterId: Id });
export const TicketParams = Type.Object({ id: Id });
export const TokenParams = Type.Object({ token: Token });

/** For actions that take no body: none, or `{}`; anything else is a 400, never ignored. */
export const NoBody = Type.Optional(Type.Object({}, { additionalProperties: false }));

/**
 * Text Postgres can store: no U+0000 and no half of a surrogate pair (JSON allows both, text
 * and jsonb do not). Refused here, they would otherwise fail in the database as a 500.
 */
export const STORABLE = '^[^\\u0000\\ud800-\\udfff]*$';

/**
 * A name a person gives (a center, service, counter, user, device): refused when blank,
 * invisible-only or carrying bidi controls, trimmed and kept in NFC (http/person-names.ts,
 * checked by the keyword validation.ts defines).
 */
export const PersonName = (max: number) =>
  Type.String({ minLength: 1, maxLength: max, pattern: STORABLE, [PERSON_NAME]: true });

/** As Text, for a field that may be cleared: '' (or only blanks, kept as '') is allowed. */
export const OptionalText = (max: number) =>
  Type.String({ maxLength: max, pattern: STORABLE, [PERSON_NAME]: OR_EMPTY });

/**
 * A short text a person types (a reason, a pause note, an address): one line, refused and kept
 * exactly as a name is (bidi and control characters refused, invisible edges trimmed, NFC).
 */
export const Text = PersonName;

/** A text of several lines a person types (a citizen's comment, an outcome note): as Text, and line breaks. */
export const Paragraph = (max: number) =>
  Type.String({ minLength: 1, maxLength: max, pattern: STORABLE, [PARAGRAPH]: true });
