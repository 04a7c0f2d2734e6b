import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Data exports (access and portability): a ZIP in R2 built in the background, downloadable by its
 * owner until `expires_at`, then deleted by the cron (`status` → `expired`, `r2_key` cleared).
 */
export const dataExports = sqliteTable(
  "exports",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    status: text("status", { enum: ["queued", "building", "ready", "failed", "expired"] }).notNull(),
    r2Key: text("r2_key"),
    bytes: integer("bytes"),
    /** How many media files the archive holds. */
    mediaCount: integer("media_count"),
    /** A user-readable reason when `failed`. */
    errorMessage: text("error_message"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    startedAt: integer("started_at"),
    finishedAt: integer("finished_at"),
    expiresAt: integer("expires_at"),
  },
  (t) => [
    index("exports_user_created_idx").on(t.userId, t.createdAt),
    index("exports_status_expires_idx").on(t.status, t.expiresAt),
    // One export in flight per person, enforced by the database so two quick clicks cannot both start one.
    uniqueIndex("exports_user_in_flight_unique").on(t.userId).where(sql`status IN ('queued', 'building')`),
  ],
);
