/**
 * The live dashboard of a center as GET /api/centers/:id/dashboard replies (issue 5): per
 * service, per counter and per clerk figures for the center's local day, satisfaction today and
 * the day's timeline, with the seq it reflects.
 */
import type { CounterState, PauseReason, Rating, WireTicket } from '../protocol.js';
import type { ServiceName } from './services.js';

export interface ServiceFigures extends ServiceName {
  slaMinutes: number;
  waiting: number;
  longestWaitSeconds: number;
  averageWaitLastHourSeconds: number | null;
  servedToday: number;
  breached: boolean;
  /** Numbers of the open counters that serve it now, ascending. */
  servingCounters: number[];
  /** Someone waits and no open counter serves it: the dashboard raises it as an alert (issue 11 item 3). */
  unserved: boolean;
}

export interface CounterFigures {
  id: number;
  number: number;
  state: CounterState;
  pauseReason: PauseReason | null;
  /** What the clerk typed (a staff page: it may show it). */
  pauseNote: string | null;
  clerk: string | null;
  ticket: WireTicket | null;
  secondsAtCounter: number | null;
}

export interface ClerkFigures {
  userId: number;
  username: string;
  served: number;
  averageServiceSeconds: number | null;
  noShows: number;
  pauseSeconds: number;
}

export interface Breach {
  ticketId: number;
  number: string;
  serviceId: number;
  waitedSeconds: number;
  slaMinutes: number;
}

export interface TimelinePoint {
  at: string;
  waiting: number;
  averageWaitSeconds: number | null;
}

/** GET /api/centers/:id/dashboard (built by `centerDashboard` in server/src/dashboard). */
export interface CenterDashboard {
  seq: number;
  centerId: number;
  day: string;
  /** The center's time zone, for clocks and charts. */
  timezone: string;
  services: ServiceFigures[];
  counters: CounterFigures[];
  clerks: ClerkFigures[];
  breaches: Breach[];
  /** Ratings given today, by level 1 (không hài lòng) … 4 (rất hài lòng). */
  satisfaction: Record<Rating, number>;
  timeline: TimelinePoint[];
}
