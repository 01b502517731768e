/** The error catalogue shared by server and browsers: stable codes and their HTTP status. */
export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  bad_origin: 403,
  not_found: 404,
  illegal_transition: 409,
  counter_busy: 409,
  counter_not_open: 409,
  /** A transfer named a counter that is closed: nobody there would call the citizen. */
  counter_closed: 409,
  /** Another signed-in clerk holds the counter: `details.holder` names them; `open` with `takeover: true` takes it over. */
  counter_held_by_other: 409,
  outside_issuing_hours: 409,
  daily_quota_reached: 409,
  service_inactive: 409,
  feedback_exists: 409,
  /** A rating at a counter for a ticket that is not the one just completed there. */
  rating_closed: 409,
  /** Configuration: a code, number or username already taken. */
  already_exists: 409,
  /** Configuration: deactivating a service while people wait, without saying what to do with them. */
  service_has_waiting: 409,
  /** Configuration: demoting or deactivating the last active admin would leave nobody to manage accounts. */
  last_admin: 409,
  /** A center that admits paired devices only: this board, kiosk or display has no valid device token. */
  device_not_paired: 403,
  /** Pairing: no code like this was issued (or it was mistyped). */
  pairing_code_invalid: 404,
  /** Pairing: the code was right but is past its ten minutes, or has already paired a device. */
  pairing_code_expired: 409,
  pairing_code_used: 409,
  /**
   * Socket only: a `subscribe` spoke another `protocolVersion` than this server (a screen left
   * open across an upgrade, or a server rolled back). The screen reloads itself (DESIGN.md §15).
   */
  protocol_mismatch: 409,
  rate_limited: 429,
  database_unavailable: 503,
  /** Work that is limited to a few at once (a report) is at its limit: retry in `details.retryAfterSeconds`. */
  busy: 503,
  not_ready: 503,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** The body of every error response (DESIGN.md §7). */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
