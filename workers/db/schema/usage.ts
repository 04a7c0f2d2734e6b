import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * First-party usage data (docs/privacy.md): a page visited (by route pattern) or a feature used,
 * recorded only while the person's `usage_analysis` purpose is in effect; kept 13 months.
 */
export const usageEvents = sqliteTable(
  "usage_events",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    type: text("type", { enum: ["page_view", "feature"] }).notNull(),
    name: text("name").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    // The person's own view, export and purge.
    index("usage_events_user_created_idx").on(t.userId, t.createdAt),
    // The retention sweep.
    index("usage_events_created_idx").on(t.createdAt),
  ],
);

/** Daily counts per page or feature across everyone, with no person in them (the staff overview). */
export const usageDaily = sqliteTable(
  "usage_daily",
  {
    /** UTC day, `YYYY-MM-DD`. */
    day: text("day").notNull(),
    type: text("type", { enum: ["page_view", "feature"] }).notNull(),
    name: text("name").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.type, t.name] })],
);
