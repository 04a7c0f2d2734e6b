import { and, count, desc, eq, gte, inArray, isNull, ne, sql, sum } from "drizzle-orm";
import type { ApiKeyScope } from "../../shared/developer-limits";
import { API_KEYS_MAX } from "../../shared/developer-limits";
import type { ApiKeyView, CreateApiKeyBody, CreatedApiKeyResponse } from "../../shared/developers";
import type { Database } from "../db/client";
import { apiKeys, creditHolds, users } from "../db/schema";
import { randomToken, sha256Hex } from "../lib/crypto";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";

type ApiKeyRow = typeof apiKeys.$inferSelect;

/** What every secret starts with, so that a leaked one is recognisable (and secret scanners can match it). */
const SECRET_PREFIX = "ausar_sk_";
/** A secret: the prefix and 32 random bytes, URL-safe base64. */
const SECRET_PATTERN = /^ausar_sk_[A-Za-z0-9_-]{43}$/;
/** How much of the secret the list shows: the prefix and four random characters. */
const VISIBLE_LENGTH = SECRET_PREFIX.length + 4;

/** The first moment of `now`'s calendar month, UTC: caps and "spent this month" count from here. */
export function monthStart(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** Credits held or captured (not released) for jobs of each key since `since`. */
async function spentSince(db: Database, keyIds: string[], since: number): Promise<Map<string, number>> {
  if (keyIds.length === 0) return new Map();
  const rows = await db
    .select({ keyId: creditHolds.apiKeyId, spent: sum(creditHolds.amount) })
    .from(creditHolds)
    .where(and(inArray(creditHolds.apiKeyId, keyIds), gte(creditHolds.createdAt, since), ne(creditHolds.status, "released")))
    .groupBy(creditHolds.apiKeyId);
  return new Map(rows.map((r) => [r.keyId ?? "", Number(r.spent ?? 0)]));
}

function toView(row: ApiKeyRow, spentThisMonth: number): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    monthlyCreditCap: row.monthlyCreditCap,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    spentThisMonth,
  };
}

/** The person's live keys, newest first, each with what it spent this month. */
export async function listApiKeys(db: Database, userId: string, now: number): Promise<ApiKeyView[]> {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  const spent = await spentSince(
    db,
    rows.map((r) => r.id),
    monthStart(now),
  );
  return rows.map((row) => toView(row, spent.get(row.id) ?? 0));
}

/**
 * Makes a key and answers its secret, the only time it is ever seen. At most API_KEYS_MAX live keys:
 * the insert counts them in the same statement, so two creations at once cannot pass the limit.
 */
export async function createApiKey(db: Database, userId: string, body: CreateApiKeyBody, now: number): Promise<CreatedApiKeyResponse> {
  const secret = `${SECRET_PREFIX}${randomToken(32)}`;
  const row: ApiKeyRow = {
    id: newId(now),
    userId,
    name: body.name,
    prefix: secret.slice(0, VISIBLE_LENGTH),
    secretHash: await sha256Hex(secret),
    scopes: [...body.scopes].sort() as ApiKeyScope[],
    monthlyCreditCap: body.monthlyCreditCap ?? null,
    createdAt: now,
    lastUsedAt: null,
    revokedAt: null,
  };
  const live = db
    .select({ n: count() })
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)));
  const inserted = await db.run(sql`
    INSERT INTO api_keys (id, user_id, name, prefix, secret_hash, scopes, monthly_credit_cap, created_at, last_used_at, revoked_at)
    SELECT ${row.id}, ${row.userId}, ${row.name}, ${row.prefix}, ${row.secretHash}, ${JSON.stringify(row.scopes)},
      ${row.monthlyCreditCap}, ${row.createdAt}, NULL, NULL
    WHERE (${live}) < ${API_KEYS_MAX}`);
  if (inserted.meta.changes === 0) {
    throw new AppError("conflict", `You have ${API_KEYS_MAX} keys already. Revoke one you no longer use first.`);
  }
  return { key: toView(row, 0), secret };
}

/** Revokes one of the person's live keys: it fails from the next request on. False when there is no such live key. */
export async function revokeApiKey(db: Database, userId: string, keyId: string, now: number): Promise<boolean> {
  const row = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id })
    .get();
  return row !== undefined;
}

/** Who a live key speaks for, and with what rights. */
export interface KeyCaller {
  keyId: string;
  userId: string;
  scopes: ApiKeyScope[];
  monthlyCreditCap: number | null;
  lastUsedAt: number | null;
}

/**
 * The live key behind a secret, or null: unknown, revoked, or its owner's account deleted (the key
 * stops at once, not when the purge later removes the row) or suspended.
 */
export async function resolveApiKey(db: Database, secret: string): Promise<KeyCaller | null> {
  if (!SECRET_PATTERN.test(secret)) return null;
  const row = await db
    .select({
      keyId: apiKeys.id,
      userId: apiKeys.userId,
      scopes: apiKeys.scopes,
      monthlyCreditCap: apiKeys.monthlyCreditCap,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(
      and(eq(apiKeys.secretHash, await sha256Hex(secret)), isNull(apiKeys.revokedAt), isNull(users.deletedAt), isNull(users.suspendedAt)),
    )
    .get();
  return row ?? null;
}

/** Records use, at most once a minute per key (a write on every call would double each call's D1 work). */
export async function touchApiKey(db: Database, caller: KeyCaller, now: number): Promise<void> {
  if (caller.lastUsedAt !== null && now - caller.lastUsedAt < 60_000) return;
  await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, caller.keyId));
}
