import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type Database, database } from "../../workers/db/client";
import { newId } from "../../workers/lib/ids";
import { encodeCursor } from "../../workers/media/cursor";
import { listMedia } from "../../workers/media/gallery";
import { storageUsage } from "../../workers/media/quota";

/** The SQL drizzle sends for a gallery query, with its parameters. */
function captured(query: Parameters<typeof listMedia>[2]): Promise<{ sql: string; params: unknown[] }> {
  return capturedFrom((db) => listMedia(db, userId, query));
}

/** The SQL `run` sends, with its parameters (the spy answers every read with nothing). */
function capturedFrom(run: (db: Database) => Promise<unknown>): Promise<{ sql: string; params: unknown[] }> {
  return new Promise((resolve) => {
    const spy = {
      prepare(sql: string) {
        return {
          bind: (...params: unknown[]) => {
            resolve({ sql, params });
            return { all: async () => ({ results: [] }), raw: async () => [], first: async () => null };
          },
        };
      },
    } as unknown as D1Database;
    void run(database(spy)).catch(() => undefined);
  });
}

async function plan(query: Parameters<typeof listMedia>[2]): Promise<string> {
  return planOf(await captured(query));
}

async function planOf({ sql, params }: { sql: string; params: unknown[] }): Promise<string> {
  const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return rows.results.map((r) => r.detail).join(" | ");
}

const userId = `plan-${newId()}`;

/** 10,000 items for one user (and 2,000 for a neighbour), made in SQL so that seeding takes milliseconds. */
beforeAll(async () => {
  for (const [owner, count] of [
    [userId, 10_000],
    [`${userId}-other`, 2_000],
  ] as const) {
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
       INSERT INTO media (id, user_id, kind, r2_key, content_type, bytes, favorite, prompt, created_at)
       SELECT ?1 || '-' || i, ?1, CASE i % 3 WHEN 0 THEN 'image' WHEN 1 THEN 'video' ELSE 'upload' END,
              'k/' || i, 'image/png', 1, i % 7 = 0, 'prompt number ' || i, 1700000000000 + i FROM n`,
    )
      .bind(owner, count)
      .run();
  }
  await env.DB.prepare("ANALYZE").run();
});

const cursor = encodeCursor({ createdAt: Date.now(), id: newId() });
const page = { limit: 60 };

describe("with 10,000 items, each gallery query is one index range scan, ordered by the index", () => {
  it.each([
    ["newest", { ...page }, "media_user_created_idx"],
    ["newest after a cursor", { ...page, cursor }, "media_user_created_idx"],
    ["by kind after a cursor", { ...page, kind: "video" as const, cursor }, "media_user_kind_created_idx"],
    ["favorites after a cursor", { ...page, favorite: true, cursor }, "media_user_favorite_created_idx"],
    ["prompt search after a cursor", { ...page, q: "fox", cursor }, "media_user_created_idx"],
  ])("%s", async (_name, query, index) => {
    const detail = await plan(query);
    console.log(`${_name}: ${detail}`);
    expect(detail).toContain(`SEARCH media USING INDEX ${index}`);
    expect(detail).not.toContain("TEMP B-TREE"); // no sort step: rows come out of the index in order
    expect(detail).not.toContain("SCAN");
  });
});

describe("the storage-quota sum", () => {
  it("reads only the covering (user_id, bytes) index, the user's range of it", async () => {
    const detail = await planOf(await capturedFrom((db) => storageUsage(db, userId)));
    console.log(`storage usage: ${detail}`);
    expect(detail).toContain("SEARCH media USING COVERING INDEX media_user_bytes_idx (user_id=?)");
    expect(detail).not.toContain("SCAN");
  });
});
