/**
 * The report of a center over a range of local days, as GET /api/centers/:id/reports sends it
 * (server/src/reports/center-report.ts computes it; the reports page renders it). Times are
 * in seconds.
 */
export interface Figures {
  issued: number;
  /** Started and completed, transfers excluded: the one definition of shared/src/served.ts. */
  served: number;
  noShow: number;
  cancelled: number;
  transferred: number;
  expired: number;
  waitMean: number | null;
  waitMedian: number | null;
  waitP90: number | null;
  serviceMean: number | null;
  serviceMedian: number | null;
  serviceP90: number | null;
  /** Share (0..1) of called tickets whose wait was within the service's target. */
  withinSla: number | null;
  ratings: Record<'1' | '2' | '3' | '4', number>;
}

export interface CenterReport {
  centerId: number;
  from: string;
  to: string;
  total: Figures;
  services: (Figures & { serviceId: number; code: string; name: string })[];
  clerks: (Figures & { userId: number; username: string })[];
  /** Tickets issued per local hour of day, 0..23. */
  arrivals: { hour: number; issued: number }[];
}
