/**
 * Finding a lost ticket again (issue 11): `POST /api/centers/:centerId/tickets/lookup
 * { number, phone }` → 200 `{ number, token }` when that number was issued today (the center's
 * local day) at that center and still carries the phone its citizen gave for text messages,
 * with consent (`ticket_contacts`, kept only while the ticket lives). Anything else is one
 * generic 404, so the answer never tells whether a number exists or whose phone it is. Limited
 * per address: each try is a guess at a phone. Logged without the phone, number or token.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { FoundTicket } from '../../../shared/src/api/tickets.js';
import { normalizeVnPhone } from '../../../shared/src/vn-phone.js';
import type { Database } from '../db/tables.js';
import { DomainError } from '../errors.js';
import type { App } from '../http/app-type.js';
import { failures } from '../http/responses.js';
import { CenterParams } from '../http/schemas.js';

const LookupBody = Type.Object(
  {
    // A service code (1–3 letters) and its number of the day, as printed: "A012".
    number: Type.String({ pattern: '^[A-Za-z]{1,3}[0-9]{1,4}$' }),
    // Digits with the separators people type; the form is checked below, naming the field.
    phone: Type.String({ minLength: 9, maxLength: 20, pattern: '^[0-9+ .()-]+$' }),
  },
  { additionalProperties: false },
);
const LookupReply = Type.Object({ number: Type.String(), token: Type.String() });

const NOT_FOUND = 'no ticket of today matches this number and phone';

const lookupRateLimit = (max: number) => ({
  max,
  timeWindow: 3_600_000,
  errorResponseBuilder: (_request: unknown, context: { after: string; max: number }) =>
    new DomainError(
      'rate_limited',
      `more than ${context.max} ticket lookups an hour from this address; try again in ${context.after}`,
      { retryAfter: context.after },
    ),
});

/** The token of today's live ticket with that number at that center and that phone, if any. */
export async function findTicketByPhone(
  db: Kysely<Database>,
  centerId: number,
  number: string,
  phone: string,
): Promise<FoundTicket | null> {
  const row = await db
    .selectFrom('tickets as t')
    .innerJoin('centers as c', 'c.id', 't.center_id')
    .innerJoin('ticket_contacts as k', 'k.ticket_id', 't.id')
    .select(['t.number', 't.token'])
    .where('t.center_id', '=', centerId)
    .where('t.number', '=', number)
    .where('k.phone', '=', phone)
    // `day` is the center's local day the ticket was issued on: only today's count.
    .where(sql<boolean>`t.day = (now() AT TIME ZONE c.timezone)::date`)
    .executeTakeFirst();
  return row ?? null;
}

export function ticketLookupRoutes(app: App, db: Kysely<Database>, perAddressHour: number): void {
  app.post(
    '/api/centers/:centerId/tickets/lookup',
    {
      schema: {
        tags: ['tickets'],
        summary: "Find today's ticket again by its number and the phone given for text messages",
        params: CenterParams,
        body: LookupBody,
        response: { 200: LookupReply, ...failures(400, 404, 429, 503) },
      },
      config: { rateLimit: lookupRateLimit(perAddressHour) },
    },
    async (request) => {
      const phone = normalizeVnPhone(request.body.phone);
      if (phone === null) {
        throw new DomainError('validation_failed', 'body.phone is not a Vietnamese phone number', {
          in: 'body',
          field: 'phone',
          reason: 'is not a Vietnamese phone number',
        });
      }
      const { centerId } = request.params;
      const found = await findTicketByPhone(db, centerId, request.body.number.toUpperCase(), phone);
      request.log.info({ centerId, found: found !== null }, 'ticket lookup by number and phone');
      if (!found) throw new DomainError('not_found', NOT_FOUND);
      return found;
    },
  );
}
