import { and, desc, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { ShareView } from "../../shared/media";
import type { Database } from "../db/client";
import { media, shareLinks, users } from "../db/schema";
import { randomToken, sha256Hex } from "../lib/crypto";
import { newId } from "../lib/ids";
import type { MediaRow } from "./views";

type ShareRow = typeof shareLinks.$inferSelect;

/** 32 random bytes, URL-safe base64: 43 characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Public path of a share link's file; the token itself is never stored, only its hash. */
function sharePath(token: string): string {
  return `/media/shared/${token}`;
}

/** Public path of a share link's page (the picture with a card for link previews). */
function sharePagePath(token: string): string {
  return `/share/${token}`;
}

function toShareView(row: ShareRow, urls?: { url: string; pageUrl: string }): ShareView {
  const view: ShareView = {
    id: row.id,
    mediaId: row.mediaId,
    showPrompt: row.showPrompt,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  };
  return urls ? { ...view, ...urls } : view;
}

/** What a live token opens: the item, and whether its owner chose to show the prompt. */
export interface SharedItem {
  item: MediaRow;
  showPrompt: boolean;
}

/** Makes a link to one of the user's items that works without a session until `now + ttlSeconds`. */
export async function createShare(
  db: Database,
  item: Pick<MediaRow, "id" | "userId">,
  options: { ttlSeconds: number; showPrompt: boolean },
  now: number,
  origin: string,
): Promise<ShareView> {
  const token = randomToken(32);
  const row: ShareRow = {
    id: newId(now),
    userId: item.userId,
    mediaId: item.id,
    tokenHash: await sha256Hex(token),
    expiresAt: now + options.ttlSeconds * 1000,
    revokedAt: null,
    createdAt: now,
    showPrompt: options.showPrompt,
  };
  await db.insert(shareLinks).values(row);
  return toShareView(row, { url: new URL(sharePath(token), origin).toString(), pageUrl: new URL(sharePagePath(token), origin).toString() });
}

/** The user's live (unexpired, unrevoked) links for one item, newest first. */
export async function listShares(db: Database, userId: string, mediaId: string, now: number): Promise<ShareView[]> {
  const rows = await db
    .select()
    .from(shareLinks)
    .where(and(eq(shareLinks.userId, userId), eq(shareLinks.mediaId, mediaId), isNull(shareLinks.revokedAt), gt(shareLinks.expiresAt, now)))
    .orderBy(desc(shareLinks.createdAt));
  return rows.map((row) => toShareView(row));
}

/** Revokes one of the user's links for that item; false when there is no such link. */
export async function revokeShare(db: Database, userId: string, mediaId: string, shareId: string, now: number): Promise<boolean> {
  const row = await db
    .update(shareLinks)
    .set({ revokedAt: now })
    .where(and(eq(shareLinks.id, shareId), eq(shareLinks.userId, userId), eq(shareLinks.mediaId, mediaId)))
    .returning({ id: shareLinks.id })
    .get();
  return row !== undefined;
}

/**
 * The item a share token opens, or null for an unknown, expired or revoked token, or one whose owner
 * has deleted their account: the owner's `deleted_at` is checked in the same query, so a link dies the
 * moment the account does, not when the purge later removes its rows.
 */
export async function resolveShare(db: Database, token: string, now: number): Promise<SharedItem | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await db
    .select({ item: media, showPrompt: shareLinks.showPrompt })
    .from(shareLinks)
    .innerJoin(media, and(eq(media.id, shareLinks.mediaId), eq(media.userId, shareLinks.userId)))
    .innerJoin(users, and(eq(users.id, shareLinks.userId), isNull(users.deletedAt)))
    .where(and(eq(shareLinks.tokenHash, await sha256Hex(token)), isNull(shareLinks.revokedAt), gt(shareLinks.expiresAt, now)))
    .get();
  return row ?? null;
}

/** Cron task: forgets links that expired or were revoked more than a day ago. */
export async function sweepShares(db: Database, now: number): Promise<void> {
  const cutoff = now - 24 * 60 * 60 * 1000;
  await db.delete(shareLinks).where(or(lt(shareLinks.expiresAt, cutoff), lt(shareLinks.revokedAt, cutoff)));
}
