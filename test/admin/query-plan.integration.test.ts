import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditQuery } from "../../shared/admin-audit";
import { listAudit } from "../../workers/admin/audit-list";
import { listDataRequests } from "../../workers/admin/data-requests-store";
import { usersByEmailPrefix, usersByIds } from "../../workers/auth/staff-view";
import { usersPaidByWhopUser } from "../../workers/billing/staff-view";
import { type Database, database } from "../../workers/db/client";
import { newId } from "../../workers/lib/ids";

/** The SQL drizzle sends for `run`, with its parameters (the spy answers every read with nothing). */
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

async function planOf({ sql, params }: { sql: string; params: unknown[] }): Promise<string> {
  const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return rows.results.map((r) => r.detail).join(" | ");
}

/** No step reads the whole table, and rows come out of an index in the wanted order (no sort step). */
function expectIndexed(detail: string, index: RegExp) {
  expect(detail).toMatch(index);
  expect(detail).not.toMatch(/SCAN \w+\b(?! USING (COVERING )?INDEX)/);
  expect(detail).not.toContain("TEMP B-TREE");
}

const actor = newId();
const target = newId();

/** 20,000 audit rows over 20 actors and 50 targets, 100 users and their payments, made in SQL in milliseconds. */
beforeAll(async () => {
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
     INSERT INTO audit_log (id, actor_id, actor_role, action, outcome, status, target_user_id, request_id, created_at)
     SELECT printf('00000000-%04x-7000-8000-%012x', i / 65536, i), CASE i % 20 WHEN 0 THEN ?1 ELSE 'actor-' || (i % 20) END, 'admin',
            CASE i % 4 WHEN 0 THEN 'user.read' WHEN 1 THEN 'audit.read' WHEN 2 THEN 'job.retry' ELSE 'data_request.list' END,
            'ok', 200, CASE i % 50 WHEN 0 THEN ?2 ELSE 'target-' || (i % 50) END, 'req-' || i, 1700000000000 + i FROM n`,
  )
    .bind(actor, target)
    .run();
  await env.DB.prepare("ANALYZE").run();
});

const cursor = newId();
const page = { limit: 50 } as const;

describe("each audit-log query is one index range scan, in id order", () => {
  it.each<[string, AuditQuery, RegExp]>([
    ["first page", { ...page }, /SCAN audit_log USING (COVERING )?INDEX sqlite_autoindex_audit_log_1/],
    ["after a cursor", { ...page, cursor }, /SEARCH audit_log USING (COVERING )?INDEX sqlite_autoindex_audit_log_1 \(id<\?\)/],
    ["by actor", { ...page, actor }, /SEARCH audit_log USING INDEX audit_log_actor_idx \(actor_id=\?\)/],
    ["by actor after a cursor", { ...page, actor, cursor }, /SEARCH audit_log USING INDEX audit_log_actor_idx \(actor_id=\? AND id<\?\)/],
    [
      "by target after a cursor",
      { ...page, target, cursor },
      /SEARCH audit_log USING INDEX audit_log_target_idx \(target_user_id=\? AND id<\?\)/,
    ],
    [
      "by action after a cursor",
      { ...page, action: "job.retry", cursor },
      /SEARCH audit_log USING INDEX audit_log_action_idx \(action=\? AND id<\?\)/,
    ],
    ["by actor and action", { ...page, actor, action: "user.read" }, /SEARCH audit_log USING INDEX audit_log_(actor|action)_idx/],
  ])("%s", async (name, query, index) => {
    const detail = await planOf(await capturedFrom((db) => listAudit(db, query)));
    console.log(`audit ${name}: ${detail}`);
    expectIndexed(detail, index);
  });
});

describe("the data-request list reads its index in due order", () => {
  it.each([
    ["open", "open" as const, /SEARCH data_requests USING INDEX data_requests_status_due_idx \(status=\?\)/],
    ["all", "all" as const, /SCAN data_requests USING INDEX data_requests_due_idx/],
  ])("%s", async (name, status, index) => {
    const detail = await planOf(await capturedFrom((db) => listDataRequests(db, status)));
    console.log(`data requests ${name}: ${detail}`);
    expectIndexed(detail, index);
  });
});

/**
 * The console's user lookup (`GET /api/admin/users?q=`, `workers/admin/user-lookup.ts`): an email
 * prefix is a range on the unique email index (emails are stored lower-cased, so `email >= q AND
 * email < q || U+10FFFF` is the prefix, where SQLite's default `LIKE`, case-insensitive, could not
 * use the index); an id is the primary key; a Whop user id is found through the payments index.
 */
describe("user lookup queries use an index", () => {
  it.each<[string, (db: Database) => Promise<unknown>, RegExp]>([
    ["email prefix", (db) => usersByEmailPrefix(db, "Ann", 20), /SEARCH users USING INDEX users_email_unique \(email>\? AND email<\?\)/],
    ["id", (db) => usersByIds(db, [newId()]), /SEARCH users USING INDEX sqlite_autoindex_users_1 \(id=\?\)/],
    ["Whop user id", (db) => usersPaidByWhopUser(db, "user_abc"), /SEARCH payments USING INDEX payments_whop_user_idx \(whop_user_id=\?\)/],
  ])("%s", async (name, run, index) => {
    const captured = await capturedFrom(run);
    const detail = await planOf(captured);
    console.log(`users ${name}: ${detail}`);
    expect(detail).toMatch(index);
    expect(detail).not.toMatch(/SCAN \w+\b(?! USING (COVERING )?INDEX)/);
    if (name === "email prefix") expect(captured.params.slice(0, 2)).toEqual(["ann", "ann\u{10ffff}"]);
  });
});
