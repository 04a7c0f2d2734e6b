import { sql } from "drizzle-orm";
import type { UsageEvent } from "../../shared/usage";
import type { Database } from "../db/client";
import { usageDaily, usageEvents } from "../db/schema";
import { newId } from "../lib/ids";
import { purposeInEffect } from "../privacy/consents";

/** The UTC day of a time, `YYYY-MM-DD`: the staff aggregates' key. */
export const utcDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * The one way usage data is written: only while the person's `usage_analysis` purpose is in effect
 * (not objected to, processing not restricted), checked on every batch so a change applies to the
 * next one. The events and the day's anonymous counts go in one batch. Answers how many were kept.
 */
export async function recordUsage(db: Database, userId: string, events: readonly UsageEvent[], now: number): Promise<number> {
  if (events.length === 0 || !(await purposeInEffect(db, userId, "usage_analysis"))) return 0;
  const day = utcDay(now);
  const counts = new Map<string, { type: UsageEvent["type"]; name: string; count: number }>();
  for (const event of events) {
    const key = `${event.type}:${event.name}`;
    const entry = counts.get(key) ?? { type: event.type, name: event.name, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  await db.batch([
    db.insert(usageEvents).values(events.map((event) => ({ id: newId(now), userId, type: event.type, name: event.name, createdAt: now }))),
    ...[...counts.values()].map((entry) =>
      db
        .insert(usageDaily)
        .values({ day, ...entry })
        .onConflictDoUpdate({
          target: [usageDaily.day, usageDaily.type, usageDaily.name],
          set: { count: sql`${usageDaily.count} + ${entry.count}` },
        }),
    ),
  ]);
  return events.length;
}
