/**
 * What the clerk console reads of its counter beside the WireCounter itself (shared/src/protocol.ts):
 * the queue preview of GET /api/counters/:id/queue (built by `counterQueue` in server/src/queues).
 */
import type { CallReason, WireTicket } from '../protocol.js';

/** A ticket in the preview: how long it has waited and, in `next`, why the policy would call it. */
export type PreviewTicket = WireTicket & { waitedSeconds: number; reason?: CallReason };

export interface CounterQueue {
  counterId: number;
  services: { id: number; waiting: number }[];
  next: PreviewTicket[];
  held: PreviewTicket[];
  noShows: PreviewTicket[];
}
