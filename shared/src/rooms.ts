/** Socket.IO room names (DESIGN.md §6). Built here only, never from literals at call sites. */
export const centerRoom = (centerId: number): string => `center:${centerId}`;
export const counterRoom = (counterId: number): string => `counter:${counterId}`;
/** A citizen's own room: the token never appears in any other room. */
export const ticketRoom = (token: string): string => `ticket:${token}`;
