/**
 * Which counters serve a service now, and how screens say it (DESIGN.md §15, issue 11 item 3):
 * the open counters whose list holds it. A paused or closed counter serves nobody now, and
 * while none is open a waiting ticket has no estimate: screens say "chưa có quầy phục vụ"
 * rather than a time. Pure, so the board, kiosk, phone page and dashboard agree; the words are
 * in i18n/serving.ts.
 */
import type { WireCounter } from './protocol.js';

/** Numbers of the open counters that serve `serviceId`, ascending. */
export function servingCounterNumbers(
  counters: readonly Pick<WireCounter, 'number' | 'serviceIds' | 'state'>[],
  serviceId: number,
): number[] {
  return counters
    .filter((c) => c.state === 'open' && c.serviceIds.includes(serviceId))
    .map((c) => c.number)
    .sort((a, b) => a - b);
}

/** "1, 3, 5–8": runs of three or more as a range, so thirty counters stay one short line. */
export function counterRanges(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}–${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  return parts.join(', ');
}
