import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { FlaggedPage } from "../../shared/admin-ops";
import { accountFor } from "../../workers/credits/account-client";
import { newId } from "../../workers/lib/ids";
import { api, signUp, type TestUser } from "../support/users";
import { staffUser } from "./staff";

const ip = "10.91.8.1";
const call = (user: TestUser, path: string, json?: unknown, headers: Record<string, string> = {}) =>
  api(path, { method: json === undefined ? "GET" : "POST", json, cookie: user.cookie, ip, headers });

async function flagged(staff: TestUser): Promise<FlaggedPage> {
  const res = await call(staff, "/api/admin/flagged");
  expect(res.status).toBe(200);
  return res.json<FlaggedPage>();
}

describe("flagged accounts", () => {
  it("lists accounts flagged or in debt, and clears one through the Account object once", async () => {
    const staff = await staffUser("support");
    const inDebt = await signUp();
    const account = accountFor(env, inDebt.userId);
    await account.grant(`seed-${inDebt.userId}`, 10, "promo", null);
    await account.clawback(`test-clawback-${inDebt.userId}`, 25, "payment:pay_test", "Refund — payment refunded");
    const marked = await signUp();
    await env.DB.prepare("UPDATE users SET flagged_at = ?1, flag_reason = 'manual review' WHERE id = ?2")
      .bind(Date.now(), marked.userId)
      .run();
    const clean = await signUp();

    const page = await flagged(staff);
    expect(page.items.find((i) => i.userId === inDebt.userId)).toMatchObject({ debt: 15, available: 0, email: inDebt.email });
    expect(page.items.find((i) => i.userId === marked.userId)).toMatchObject({ flagReason: "manual review", debt: 0 });
    expect(page.items.map((i) => i.userId)).not.toContain(clean.userId);
    expect(page.items[0]).not.toHaveProperty("passwordHash");

    expect((await call(staff, `/api/admin/users/${inDebt.userId}/clear-flag`, {})).status).toBe(400);
    const key = { "Idempotency-Key": `clear-${newId()}` };
    expect((await call(staff, `/api/admin/users/${inDebt.userId}/clear-flag`, { reason: "goodwill" }, key)).status).toBe(200);
    expect(await account.balance()).toMatchObject({ debt: 0, flagged: false });
    // The same request again is a replay; a new one finds nothing to clear.
    expect((await call(staff, `/api/admin/users/${inDebt.userId}/clear-flag`, { reason: "goodwill" }, key)).status).toBe(200);
    expect((await call(staff, `/api/admin/users/${inDebt.userId}/clear-flag`, { reason: "again" })).status).toBe(409);
    const clears = await env.DB.prepare("SELECT count(*) AS n FROM credit_ledger WHERE user_id = ? AND kind = 'flag_cleared'")
      .bind(inDebt.userId)
      .first<{ n: number }>();
    expect(clears!.n).toBe(1);
    expect((await flagged(staff)).items.map((i) => i.userId)).not.toContain(inDebt.userId);

    expect((await call(staff, `/api/admin/users/${clean.userId}/clear-flag`, { reason: "x" })).status).toBe(409);
    expect((await call(staff, `/api/admin/users/${newId()}/clear-flag`, { reason: "x" })).status).toBe(404);
  });
});
