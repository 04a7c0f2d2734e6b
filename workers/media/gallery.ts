import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { MediaListQuery, MediaPatch } from "../../shared/media";
import type { Database } from "../db/client";
import { media, shareLinks } from "../db/schema";
import { decodeCursor, encodeCursor } from "./cursor";
import { deleteMediaObjects, type MediaBucket, type MediaObjects } from "./storage";
import type { MediaRow, MediaViewColumns } from "./views";

/** What a listed item needs; leaving out the long R2 keys and the user id makes each page lighter to read and ship. */
const VIEW_COLUMNS = {
  id: media.id,
  kind: media.kind,
  contentType: media.contentType,
  bytes: media.bytes,
  width: media.width,
  height: media.height,
  durationMs: media.durationMs,
  thumbnailKey: media.thumbnailKey,
  jobId: media.jobId,
  prompt: media.prompt,
  favorite: media.favorite,
  createdAt: media.createdAt,
};

/** LIKE treats % and _ as wildcards; a search for "50%" means the text "50%". */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of a user's gallery, newest first, by keyset: `(created_at, id) < cursor` on the
 * `(user_id[, kind | favorite], created_at, id)` indexes, so each page is one index range scan
 * whatever its depth, and items added meanwhile never shift later pages (no duplicates or gaps).
 * `q` is a LIKE over the denormalised prompt within the user's rows (see docs/media.md).
 */
export async function listMedia(
  db: Database,
  userId: string,
  query: MediaListQuery,
): Promise<{ rows: MediaViewColumns[]; nextCursor: string | null }> {
  const where: SQL[] = [eq(media.userId, userId)];
  if (query.kind) where.push(eq(media.kind, query.kind));
  if (query.favorite !== undefined) where.push(eq(media.favorite, query.favorite));
  if (query.q) where.push(sql`${media.prompt} LIKE ${likePattern(query.q)} ESCAPE '\\'`);
  if (query.cursor) {
    const after = decodeCursor(query.cursor);
    where.push(sql`(${media.createdAt}, ${media.id}) < (${after.createdAt}, ${after.id})`);
  }
  const rows = await db
    .select(VIEW_COLUMNS)
    .from(media)
    .where(and(...where))
    .orderBy(desc(media.createdAt), desc(media.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

/** One of the user's items, or null (absent and not-yours look the same). */
export async function findMedia(db: Database, userId: string, id: string): Promise<MediaRow | null> {
  const row = await db
    .select()
    .from(media)
    .where(and(eq(media.id, id), eq(media.userId, userId)))
    .get();
  return row ?? null;
}

/** Applies a patch (favorite) to one of the user's items; null when the item is not the user's. */
export async function updateMedia(db: Database, userId: string, id: string, patch: MediaPatch): Promise<MediaRow | null> {
  const row = await db
    .update(media)
    .set(patch)
    .where(and(eq(media.id, id), eq(media.userId, userId)))
    .returning()
    .get();
  return row ?? null;
}

/** D1 binds at most 100 parameters per statement; the user id takes one. */
const IDS_PER_STATEMENT = 90;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The user's rows among `ids` (others' ids are silently absent). */
export async function findManyMedia(db: Database, userId: string, ids: readonly string[]): Promise<MediaRow[]> {
  const found = await Promise.all(
    chunks([...new Set(ids)], IDS_PER_STATEMENT).map((part) =>
      db
        .select()
        .from(media)
        .where(and(eq(media.userId, userId), inArray(media.id, part))),
    ),
  );
  return found.flat();
}

/** The user's items made by the jobs `jobIds`, in each job's output order. */
export function mediaOfJobs(db: Database, userId: string, jobIds: readonly string[]): Promise<MediaRow[]> {
  return db
    .select()
    .from(media)
    .where(and(eq(media.userId, userId), inArray(media.jobId, [...jobIds])))
    .orderBy(asc(media.position));
}

/** Deletes the user's items among `ids` (see `removeMedia`); returns how many were deleted. */
export async function deleteMedia(env: MediaBucket, db: Database, userId: string, ids: readonly string[]): Promise<number> {
  const rows = await findManyMedia(db, userId, ids);
  await removeMedia(env, db, userId, rows);
  return rows.length;
}

/**
 * Removes some of the user's items: first their R2 objects (original and thumbnail), then their
 * rows and share links in one batch. In that order a failure leaves a row whose delete can simply
 * be retried, never an orphaned object nobody can find.
 */
export async function removeMedia(
  env: MediaBucket,
  db: Database,
  userId: string,
  rows: readonly (MediaObjects & { id: string })[],
): Promise<void> {
  await deleteMediaObjects(env, rows);
  const statements = chunks(
    rows.map((row) => row.id),
    IDS_PER_STATEMENT,
  ).flatMap((part) => [
    db.delete(shareLinks).where(and(eq(shareLinks.userId, userId), inArray(shareLinks.mediaId, part))),
    db.delete(media).where(and(eq(media.userId, userId), inArray(media.id, part))),
  ]);
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}
