/** Maps ticket rows to the wire shape: camelCase, ISO times, never the token. */
import type { Selectable } from 'kysely';
import type { WireTicket } from '../../../shared/src/protocol.js';
import type { TicketsTable } from '../db/tables.js';

export type TicketRow = Selectable<TicketsTable>;

const iso = (d: Date | string): string => (d instanceof Date ? d : new Date(d)).toISOString();

export function toWireTicket(row: TicketRow): WireTicket {
  const wire: WireTicket = {
    id: row.id,
    number: row.number,
    serviceId: row.service_id,
    status: row.status,
    priority: row.priority,
    channel: row.channel,
    issuedAt: iso(row.issued_at),
  };
  if (row.priority !== null) wire.priorityConfirmed = row.priority_confirmed;
  if (row.called_at) wire.calledAt = iso(row.called_at);
  if (row.counter_id !== null) wire.counterId = row.counter_id;
  if (row.reserved_counter_id !== null && row.status === 'waiting')
    wire.reservedCounterId = row.reserved_counter_id;
  return wire;
}
