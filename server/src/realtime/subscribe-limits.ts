/**
 * Limits on socket `subscribe` (issue 6): per client address a minute, per socket a minute,
 * and rooms per socket. A page subscribes once or twice and again after each reconnect, so
 * the limits sit far above that, but a script that floods subscribes (each one reads a
 * snapshot from the database) or joins thousands of ticket rooms on one socket is refused.
 * Counted per instance in memory: a flood spread over instances is bounded by each.
 */
export interface SubscribeLimits {
  perAddressPerMinute: number;
  perSocketPerMinute: number;
  roomsPerSocket: number;
  /** Open connections from one address (connection-limits.ts). */
  socketsPerAddress: number;
  /** How often the sessions of sockets in staff rooms are read again (staff-recheck.ts). */
  staffRecheckMs: number;
}
