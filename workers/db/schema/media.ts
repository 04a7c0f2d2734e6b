import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Everything in a gallery: the user's uploads and generated outputs, each one object in R2. */
export const media = sqliteTable(
  "media",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    jobId: text("job_id"),
    /** Position of this output within its job (0 for uploads). */
    position: integer("position").notNull().default(0),
    kind: text("kind", { enum: ["upload", "image", "video"] }).notNull(),
    r2Key: text("r2_key").notNull(),
    contentType: text("content_type").notNull(),
    bytes: integer("bytes").notNull(),
    width: integer("width"),
    height: integer("height"),
    durationMs: integer("duration_ms"),
    thumbnailKey: text("thumbnail_key"),
    favorite: integer("favorite", { mode: "boolean" }).notNull().default(false),
    /** Denormalised from the job so that gallery search needs no join. */
    prompt: text("prompt"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("media_user_created_idx").on(t.userId, t.createdAt, t.id),
    index("media_user_kind_created_idx").on(t.userId, t.kind, t.createdAt, t.id),
    index("media_user_favorite_created_idx").on(t.userId, t.favorite, t.createdAt, t.id),
    index("media_job_idx").on(t.jobId),
    // Covers the storage-quota sum (`SUM(bytes) WHERE user_id = ?`): read from the index alone, no table rows.
    index("media_user_bytes_idx").on(t.userId, t.bytes),
  ],
);

/** Expiring, revocable links that let anyone holding the token view one item. */
export const shareLinks = sqliteTable(
  "share_links",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    mediaId: text("media_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: integer("expires_at").notNull(),
    revokedAt: integer("revoked_at"),
    createdAt: integer("created_at").notNull(),
    /** The owner chose to show the prompt on the public share page (off by default: nothing but the picture). */
    showPrompt: integer("show_prompt", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    index("share_links_media_idx").on(t.mediaId),
    index("share_links_user_idx").on(t.userId),
    // Public delivery looks a link up by the hash of the token it was given.
    uniqueIndex("share_links_token_hash_unique").on(t.tokenHash),
  ],
);
