/**
 * Text typed by staff (a call's reason, a priority-removal reason, a pause note) reaches staff
 * rooms and staff routes only (DESIGN.md §14): an anonymous board, counter display or citizen
 * page gets the same event or snapshot without it. The server keeps the full form internally
 * and applies these at every public edge: rooms, replays, snapshots and public routes.
 */
import {
  type CenterSnapshot,
  type CounterSnapshot,
  isPauseReason,
  type LiveEvent,
  type TicketSnapshot,
  type WireCounter,
} from './protocol.js';

/**
 * The counter without its pause note and who holds it; a reason from before codes (free text)
 * reads "other".
 */
export function publicCounter<C extends WireCounter>(counter: C): C {
  const { pauseNote: _, holder: __, ...rest } = counter;
  const reason = counter.pauseReason;
  if (reason === undefined || reason === null || isPauseReason(reason)) return rest as C;
  return { ...rest, pauseReason: 'other' } as C;
}

/** Whether the event holds anything the public must not see. */
export function carriesStaffText(event: LiveEvent): boolean {
  if (event.note !== undefined) return true;
  const counter = event.counter;
  return (
    counter !== undefined &&
    (counter.pauseNote != null ||
      counter.holder !== undefined ||
      !isPauseReason(counter.pauseReason ?? 'other'))
  );
}

export function publicEvent(event: LiveEvent): LiveEvent {
  if (!carriesStaffText(event)) return event;
  const { note: _, ...rest } = event;
  return rest.counter ? { ...rest, counter: publicCounter(rest.counter) } : rest;
}

export const publicCenterSnapshot = (s: CenterSnapshot): CenterSnapshot => ({
  ...s,
  counters: s.counters.map(publicCounter),
});

export const publicCounterSnapshot = (s: CounterSnapshot): CounterSnapshot => ({
  ...s,
  counter: publicCounter(s.counter),
});

export const publicTicketSnapshot = <S extends Omit<TicketSnapshot, 'seq'>>(s: S): S => ({
  ...s,
  counter: s.counter ? publicCounter(s.counter) : null,
});
