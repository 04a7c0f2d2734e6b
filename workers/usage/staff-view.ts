import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { AdminOverview } from "../../shared/admin-overview";
import type { Database } from "../db/client";
import { usageDaily } from "../db/schema";
import { utcDay } from "./record";

const DAY_MS = 24 * 60 * 60 * 1000;
const TOP = 3;

/**
 * The overview's usage figures, from the anonymous daily counts only (no person's events are read):
 * today (UTC) and the last 7 UTC days, and the most used pages and features of those 7 days.
 */
export async function usageFigures(db: Database, now: number): Promise<AdminOverview["usage"]> {
  const today = utcDay(now);
  const weekStart = utcDay(now - 6 * DAY_MS);
  const total = sql<number>`sum(${usageDaily.count})`;
  const inWeek = gte(usageDaily.day, weekStart);
  /** The most counted names of one type over the 7 days. */
  const top = (type: "page_view" | "feature") =>
    db
      .select({ name: usageDaily.name, count: total })
      .from(usageDaily)
      .where(and(inWeek, eq(usageDaily.type, type)))
      .groupBy(usageDaily.name)
      .orderBy(desc(total))
      .limit(TOP)
      .all();
  const [byDayType, pages, features] = await Promise.all([
    db
      .select({ today: sql<boolean>`${usageDaily.day} = ${today}`, type: usageDaily.type, n: total })
      .from(usageDaily)
      .where(inWeek)
      .groupBy(sql`1`, usageDaily.type)
      .all(),
    top("page_view"),
    top("feature"),
  ]);
  const figure = (type: "page_view" | "feature") => {
    const rows = byDayType.filter((row) => row.type === type);
    return { day: rows.filter((row) => row.today).reduce((sum, row) => sum + row.n, 0), week: rows.reduce((sum, row) => sum + row.n, 0) };
  };
  return { pageViews: figure("page_view"), features: figure("feature"), topPages: pages, topFeatures: features };
}
