/** A figure over the last 24 hours and the last 7 days. */
export interface DayWeek {
  day: number;
  week: number;
}

/** `GET /api/admin/overview`: counts computed from D1 at the time of the call. */
export interface AdminOverview {
  /** When the counts were made; the windows end here. */
  at: number;
  signups: DayWeek;
  /** Jobs created in the window, by their status now. */
  generations: Record<"queued" | "running" | "succeeded" | "failed" | "canceled", DayWeek>;
  credits: { granted: DayWeek; spent: DayWeek; adjusted: DayWeek };
  /** Amounts in minor units of each currency, as paid; refunds of those payments beside them. */
  revenue: { currency: string; day: RevenueFigure; week: RevenueFigure }[];
  jobs: {
    inFlight: { queued: number; running: number };
    /** Queued or running past their deadline: the sweeper (every 5 minutes) should have failed them. */
    stuck: { count: number; oldestDeadlineAt: number | null };
    /** Jobs whose message reached the dead-letter queue and that nobody has requeued yet. */
    deadLettered: number;
  };
  /** Support threads waiting for staff (`open`), by time since their last message; and those waiting for the person. */
  support: {
    open: { underDay: number; oneToThreeDays: number; overThreeDays: number; oldestActivityAt: number | null };
    waitingForPerson: number;
  };
  /**
   * First-party usage from the anonymous daily counts (UTC days: `day` is today so far, `week` the
   * last 7 days including today); no person's events are read.
   */
  usage: {
    pageViews: DayWeek;
    features: DayWeek;
    topPages: { name: string; count: number }[];
    topFeatures: { name: string; count: number }[];
  };
  dataRequests: {
    open: number;
    /** Open past their due date (received + 30 days). */
    overdue: number;
    /** Open and due within the next 7 days. */
    dueSoon: number;
    oldestDueAt: number | null;
  };
}

interface RevenueFigure {
  payments: number;
  grossMinor: number;
  refundedMinor: number;
}
