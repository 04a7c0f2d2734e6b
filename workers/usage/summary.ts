import { and, asc, count, desc, eq, gte, min, sql } from "drizzle-orm";
import type { UsageDay, UsageFeature, UsagePage, UsageResponse, UsageTotals } from "../../shared/usage";
import type { Database } from "../db/client";
import { jobs, usageEvents } from "../db/schema";
import { purposeInEffect } from "../privacy/consents";

const MINUTE_MS = 60 * 1000;
/** How many of the newest events the page lists one by one. */
const RECENT_EVENTS = 20;
const TOP_MODELS = 5;

/** The viewer's calendar: `offsetMinutes` is added to UTC to get their local time. */
interface LocalCalendar {
  now: number;
  offsetMinutes: number;
}

const localDay = (at: number, offsetMinutes: number) => new Date(at + offsetMinutes * MINUTE_MS).toISOString().slice(0, 10);

/** The UTC instant at which the viewer's local day `days` days before today began. */
function localDayStart(cal: LocalCalendar, daysBack: number): number {
  const local = new Date(cal.now + cal.offsetMinutes * MINUTE_MS);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - daysBack);
  return midnight - cal.offsetMinutes * MINUTE_MS;
}

/** The UTC instant at which the viewer's local month `monthsBack` months ago began. */
function localMonthStart(cal: LocalCalendar, monthsBack: number): number {
  const local = new Date(cal.now + cal.offsetMinutes * MINUTE_MS);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - monthsBack, 1) - cal.offsetMinutes * MINUTE_MS;
}

const emptyTotals = (): UsageTotals => ({ credits: 0, generations: 0, images: 0, videoSeconds: 0 });

function add(into: UsageTotals, row: UsageTotals): void {
  into.credits += row.credits;
  into.generations += row.generations;
  into.images += row.images;
  into.videoSeconds += row.videoSeconds;
}

/**
 * The person's generations per local day from `since`: only succeeded jobs count, because a failed
 * or canceled job's credits came back (what was spent is what was captured).
 */
function generationsByDay(db: Database, userId: string, since: number, offsetMinutes: number) {
  const day = sql<string>`strftime('%Y-%m-%d', (${jobs.createdAt} + ${offsetMinutes * MINUTE_MS}) / 1000, 'unixepoch')`;
  return db
    .select({
      day,
      credits: sql<number>`sum(${jobs.cost})`,
      generations: count(),
      images: sql<number>`sum(CASE WHEN ${jobs.kind} = 'image' THEN coalesce(json_extract(${jobs.params}, '$.count'), 1) ELSE 0 END)`,
      videoSeconds: sql<number>`sum(CASE WHEN ${jobs.kind} = 'video' THEN coalesce(json_extract(${jobs.params}, '$.durationSeconds'), 0) ELSE 0 END)`,
    })
    .from(jobs)
    .where(and(eq(jobs.userId, userId), eq(jobs.status, "succeeded"), gte(jobs.createdAt, since)))
    .groupBy(day)
    .all();
}

function topModels(db: Database, userId: string, since: number) {
  const credits = sql<number>`sum(${jobs.cost})`;
  return db
    .select({ model: jobs.model, generations: count(), credits })
    .from(jobs)
    .where(and(eq(jobs.userId, userId), eq(jobs.status, "succeeded"), gte(jobs.createdAt, since)))
    .groupBy(jobs.model)
    .orderBy(desc(credits), asc(jobs.model))
    .limit(TOP_MODELS)
    .all();
}

async function eventsHeld(db: Database, userId: string) {
  const own = eq(usageEvents.userId, userId);
  const [groups, oldest, recent] = await Promise.all([
    db
      .select({ type: usageEvents.type, name: usageEvents.name, count: count() })
      .from(usageEvents)
      .where(own)
      .groupBy(usageEvents.type, usageEvents.name)
      .orderBy(desc(count()), asc(usageEvents.name))
      .all(),
    db
      .select({ at: min(usageEvents.createdAt) })
      .from(usageEvents)
      .where(own)
      .get(),
    db
      .select({ type: usageEvents.type, name: usageEvents.name, createdAt: usageEvents.createdAt })
      .from(usageEvents)
      .where(own)
      .orderBy(desc(usageEvents.createdAt), desc(usageEvents.id))
      .limit(RECENT_EVENTS)
      .all(),
  ]);
  return {
    total: groups.reduce((sum, group) => sum + group.count, 0),
    oldestAt: oldest?.at ?? null,
    pages: groups.filter((g) => g.type === "page_view").map((g) => ({ name: g.name as UsagePage, count: g.count })),
    features: groups.filter((g) => g.type === "feature").map((g) => ({ name: g.name as UsageFeature, count: g.count })),
    recent,
  };
}

/** `GET /api/account/usage`: the last `days` local days, this month against last, top models, and the events held. */
export async function usageSummary(db: Database, userId: string, days: number, cal: LocalCalendar): Promise<UsageResponse> {
  const periodStart = localDayStart(cal, days - 1);
  const thisMonthStart = localMonthStart(cal, 0);
  const lastMonthStart = localMonthStart(cal, 1);
  const since = Math.min(periodStart, lastMonthStart);
  const [rows, models, events, recording] = await Promise.all([
    generationsByDay(db, userId, since, cal.offsetMinutes),
    topModels(db, userId, periodStart),
    eventsHeld(db, userId),
    purposeInEffect(db, userId, "usage_analysis"),
  ]);
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const series: UsageDay[] = [];
  for (let back = days - 1; back >= 0; back--) {
    const day = localDay(localDayStart(cal, back), cal.offsetMinutes);
    const row = byDay.get(day);
    series.push({
      day,
      ...emptyTotals(),
      ...(row && { credits: row.credits, generations: row.generations, images: row.images, videoSeconds: row.videoSeconds }),
    });
  }
  const thisMonth = emptyTotals();
  const lastMonth = emptyTotals();
  const thisMonthKey = localDay(thisMonthStart, cal.offsetMinutes);
  const lastMonthKey = localDay(lastMonthStart, cal.offsetMinutes);
  for (const row of rows) {
    if (row.day >= thisMonthKey) add(thisMonth, row);
    else if (row.day >= lastMonthKey) add(lastMonth, row);
  }
  return { days: series, thisMonth, lastMonth, topModels: models, events: { recording, ...events } };
}
