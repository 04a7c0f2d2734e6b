import { asc, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { media, shareLinks } from "../db/schema";
import type { AccountDataContribution, ExportObject, PurgeContext } from "../privacy/contract";
import { deleteAllInChunks, deletePrefix } from "../privacy/purge-rows";
import { removeMedia } from "./gallery";

/** 500 rows name at most 1,000 objects (original and thumbnail): one R2 delete call, R2's per-call maximum. */
const MEDIA_ROWS_PER_CHUNK = 500;

/** Every R2 prefix that holds a person's gallery objects: uploads, generated media and their thumbnails. */
function galleryPrefixes(userId: string): string[] {
  return [`uploads/${userId}/`, `media/${userId}/`];
}

/**
 * The person's gallery, a chunk at a time through the gallery's own delete (R2 objects first, then
 * rows and share links in one batch: three calls), so a crash in between leaves rows whose objects
 * are deleted again on the next run, never an object nothing points to.
 */
async function purgeGallery(ctx: PurgeContext): Promise<boolean> {
  while (ctx.budget.spend(3)) {
    const rows = await ctx.db
      .select({ id: media.id, r2Key: media.r2Key, thumbnailKey: media.thumbnailKey })
      .from(media)
      .where(eq(media.userId, ctx.userId))
      .limit(MEDIA_ROWS_PER_CHUNK);
    if (rows.length === 0) return true;
    await removeMedia({ MEDIA: ctx.bucket }, ctx.db, ctx.userId, rows);
  }
  return false;
}

/** A gallery item as the export lists it; `file` (its path inside the ZIP) is filled in as the archive is written. */
function mediaItem(m: typeof media.$inferSelect) {
  return {
    id: m.id,
    kind: m.kind,
    jobId: m.jobId,
    contentType: m.contentType,
    bytes: m.bytes,
    width: m.width,
    height: m.height,
    durationMs: m.durationMs,
    prompt: m.prompt,
    favorite: m.favorite,
    createdAt: m.createdAt,
    file: null as string | null,
  };
}

function readShareLinks(db: Database, userId: string) {
  const { id, mediaId, expiresAt, revokedAt, createdAt } = shareLinks;
  return db
    .select({ id, mediaId, expiresAt, revokedAt, createdAt })
    .from(shareLinks)
    .where(eq(shareLinks.userId, userId))
    .orderBy(asc(createdAt))
    .all();
}

function readMedia(db: Database, userId: string) {
  return db.select().from(media).where(eq(media.userId, userId)).orderBy(asc(media.createdAt), asc(media.id)).all();
}

/**
 * The rows behind each gallery section this module returned, so that the objects to copy are
 * exactly the items the JSON lists (one read per export), each linked to its item for `file`.
 */
const readBehind = new WeakMap<object, { rows: (typeof media.$inferSelect)[]; items: ReturnType<typeof mediaItem>[] }>();

/**
 * Media's part of a person's data: the gallery (rows and R2 objects, under the person's prefixes
 * too, so an object no row names goes as well) and share links.
 */
export const mediaAccountData: AccountDataContribution = {
  capability: "media",
  tables: ["media", "share_links"],
  exportSections: async (db, userId) => {
    const [rows, shares] = await Promise.all([readMedia(db, userId), readShareLinks(db, userId)]);
    const items = rows.map(mediaItem);
    const sections = { media: items, shareLinks: shares };
    readBehind.set(sections, { rows, items });
    return sections;
  },
  exportObjects: async (db, userId, sections): Promise<ExportObject[]> => {
    const { rows, items } = readBehind.get(sections) ?? { rows: await readMedia(db, userId), items: [] };
    const byId = new Map(items.map((item) => [item.id, item]));
    return rows.map((m) => ({ mediaId: m.id, r2Key: m.r2Key, contentType: m.contentType, createdAt: m.createdAt, item: byId.get(m.id) }));
  },
  purge: async (ctx) => {
    if (!(await purgeGallery(ctx))) return false;
    for (const prefix of galleryPrefixes(ctx.userId)) if (!(await deletePrefix(ctx, prefix))) return false;
    return deleteAllInChunks(ctx, [
      [shareLinks, eq(shareLinks.userId, ctx.userId)],
      [media, eq(media.userId, ctx.userId)],
    ]);
  },
};
