/**
 * The pages whose visits are counted, by route pattern (never the address itself: `/gallery/:id`,
 * not the item's id). The web router's paths are typed by this list, so a new page must be named here.
 */
export const USAGE_PAGES = [
  "/",
  "/signup",
  "/login",
  "/verify-email",
  "/forgot-password",
  "/cancel-email-change",
  "/reset-password",
  "/whop-sign-in",
  "/unsubscribe",
  "/privacy",
  "/terms",
  "/docs/api",
  "/verify",
  "/create",
  "/gallery",
  "/gallery/:id",
  "/history",
  "/billing",
  "/credits",
  "/account",
  "/account/developers",
  "/account/usage",
  "/support",
  "/support/:id",
  "/admin",
  "/admin/:section",
  "/admin/:section/:item",
] as const;
export type UsagePage = (typeof USAGE_PAGES)[number];

/** The features whose use is counted (the policy's "features used"). */
export const USAGE_FEATURES = ["generate", "upload", "share", "export", "favourite", "download"] as const;
export type UsageFeature = (typeof USAGE_FEATURES)[number];

/** Usage events are kept this long, then the daily sweep deletes them (docs/privacy.md). */
export const USAGE_RETENTION_MONTHS = 13;
/** At most this many events in one batch from the browser. */
export const USAGE_BATCH_MAX = 50;

/** One event the web app reports (validated by `usageBatchSchema`, shared/usage-requests.ts). */
export type UsageEvent = { type: "page_view"; name: UsagePage } | { type: "feature"; name: UsageFeature };

/** One day of the person's generations (their local day, `YYYY-MM-DD`). */
export interface UsageDay {
  day: string;
  credits: number;
  generations: number;
  images: number;
  videoSeconds: number;
}

/** Totals of one calendar month (the viewer's). */
export interface UsageTotals {
  credits: number;
  generations: number;
  images: number;
  videoSeconds: number;
}

interface UsageModel {
  model: string;
  generations: number;
  credits: number;
}

/** `GET /api/account/usage`: what the "Your usage" page shows. */
export interface UsageResponse {
  /** Every day of the period, oldest first, zeros included (a chart needs no gaps). */
  days: UsageDay[];
  thisMonth: UsageTotals;
  lastMonth: UsageTotals;
  /** Models by credits spent in the period, most first. */
  topModels: UsageModel[];
  /** The usage events held about the person (all of them, within retention). */
  events: {
    recording: boolean;
    total: number;
    oldestAt: number | null;
    pages: { name: UsagePage; count: number }[];
    features: { name: UsageFeature; count: number }[];
    recent: { type: UsageEvent["type"]; name: string; createdAt: number }[];
  };
}
