/** Socket.IO room names (DESIGN.md §6). Built here only, never from literals at call sites. */
export const centerRoom = (centerId: number): string => `center:${centerId}`;
export const counterRoom = (counterId: number): string => `counter:${counterId}`;
/** A citizen's own room: the token never appears in any other room. */
export const ticketRoom = (token: string): string => `ticket:${token}`;
/** A center's staff screens (consoles, dashboards): its events with what staff typed. */
export const staffRoom = (centerId: number): string => `staff:${centerId}`;

/** What a room is about, from its name: for metrics and logs, never for authorisation. */
export function roomKind(room: string): 'center' | 'counter' | 'ticket' | 'staff' | null {
  const kind = room.slice(0, room.indexOf(':'));
  return kind === 'center' || kind === 'counter' || kind === 'ticket' || kind === 'staff' ? kind : null;
}
