/** The province overview as GET /api/province/overview replies (built by `provinceOverview` in server/src/province). */

/** One center, each figure taken in that center's own local day. */
export interface CenterOverview {
  id: number;
  name: string;
  timezone: string;
  /** The center's local day the daily figures are for (YYYY-MM-DD). */
  day: string;
  waiting: number;
  longestWaitSeconds: number;
  openCounters: number;
  counters: number;
  servedToday: number;
  /** Ratings given today, and the share of them at level 3 (hài lòng) or 4 (rất hài lòng); null without ratings. */
  ratingsToday: number;
  satisfiedShare: number | null;
}

export interface ProvinceOverviewReply {
  centers: CenterOverview[];
}
