/**
 * The lines waiting tickets of one service stand in. Most stand in the service's common line,
 * which every open counter serving it draws from. A ticket a clerk transferred to one named
 * counter stands in that counter's own short line instead: that counter calls it before
 * anything else, and no other counter does. So its honest position is its place among that
 * counter's reserved tickets, and its wait is the time that one counter takes per citizen; and
 * the common line does not count it, since it will not take any of the common line's calls.
 */
import { estimateWaitSeconds } from './estimate.js';

/** The line of a ticket: null for the common one, else the counter it is reserved for. */
export type LineKey = number | null;

/**
 * Positions (1 = next) of tickets already in call order (priority first, then queue time),
 * counted within each one's line.
 */
export function positionsInLines(lines: readonly LineKey[]): number[] {
  const seen = new Map<LineKey, number>();
  return lines.map((line) => {
    const position = (seen.get(line) ?? 0) + 1;
    seen.set(line, position);
    return position;
  });
}

export interface ReservedCounter {
  number: number;
  /** Only an open counter calls; a paused one will, but nobody knows when. */
  open: boolean;
}

/**
 * The estimate and serving counters of a ticket reserved for `counter`: one counter serving
 * its line one citizen after another, each taking the service's mean time; none while it is
 * not open, as for a service nobody serves (DESIGN.md §15).
 */
export function reservedLineLoad(
  position: number,
  counter: ReservedCounter | undefined,
  meanServiceSeconds: number,
): { estimatedWaitSeconds: number | null; servingCounters: number[] } {
  const open = counter?.open === true;
  return {
    estimatedWaitSeconds: estimateWaitSeconds(position, meanServiceSeconds, open ? 1 : 0),
    servingCounters: open && counter ? [counter.number] : [],
  };
}
