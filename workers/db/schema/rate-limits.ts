import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Fixed-window counters, one row per key and window; old windows are swept by the cron. */
export const rateLimits = sqliteTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: integer("window_start").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);
