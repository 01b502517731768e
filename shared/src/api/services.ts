/**
 * Services as the HTTP replies carry them: once, for the server that builds them and the pages
 * that read them. A page that needs only some fields takes a `Pick` of these, never a copy.
 */

/** A time window in the center's local time, "HH:MM" to "HH:MM". */
export interface IssuingWindow {
  from: string;
  to: string;
}

/** What every screen shows of a service: its code and its name in both languages. */
export interface ServiceName {
  id: number;
  code: string;
  name: string;
  nameEn: string;
}

/** A service in GET /api/centers/:id/services (built by `listServices` in server/src/centers). */
export interface WireService extends ServiceName {
  slaMinutes: number;
  active: boolean;
  issuingHours: IssuingWindow[] | null;
  dailyQuota: number | null;
  issuedToday: number;
  /** Whether a ticket can be taken right now: active, within issuing hours, quota not reached. */
  issuingNow: boolean;
  /** Of dailyQuota, the share (%) that may be taken remotely. */
  webQuotaPercent: number;
  /** Whether a citizen can take one remotely now: issuing, and the web share not used up. */
  webIssuingNow: boolean;
  /** Numbers of the open counters that serve it now, ascending; empty while none does (DESIGN.md §15). */
  servingCounters: number[];
}

/** A service as the manager's configuration lists and saves it (server/src/config-admin). */
export interface ConfigService extends ServiceName {
  slaMinutes: number;
  active: boolean;
  issuingHours: IssuingWindow[] | null;
  dailyQuota: number | null;
  /** Of dailyQuota, the share (%) citizens may take remotely (web); the rest is for walk-ins. */
  webQuotaPercent: number;
}
