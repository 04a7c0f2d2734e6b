import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { accountFor } from "../../workers/credits/account-client";
import * as ops from "../../workers/credits/operations";
import { newId } from "../../workers/lib/ids";
import { api, signUpVerified } from "../support/users";
import { expectInvariants, freshJob, freshUser } from "./support";

const IP = "203.0.113.77";
const CREDITS = 25;
const ATTEMPTS = 80;

async function fundedUser(credits: number): Promise<string> {
  const userId = freshUser();
  await accountFor(env, userId).grant(`seed-${userId}`, credits, "promo", null);
  return userId;
}

describe("racing for the last credits", () => {
  it(`through the Account object: ${ATTEMPTS} simultaneous one-credit holds, exactly ${CREDITS} succeed`, async () => {
    const userId = await fundedUser(CREDITS);
    // A stub per call, as separate requests would have.
    const results = await Promise.all(Array.from({ length: ATTEMPTS }, () => accountFor(env, userId).hold(freshJob(), 1)));
    expect(results.filter((r) => r.ok)).toHaveLength(CREDITS);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === "insufficient_credits")).toBe(true);
    expect(await expectInvariants(userId)).toEqual({ available: 0, held: CREDITS, debt: 0 });
  });

  it("straight against D1, with no object and no queue, the SQL alone still refuses to overdraw", async () => {
    const userId = await fundedUser(CREDITS);
    const deps: ops.LedgerDeps = { db: env.DB, userId, now: () => Date.now(), newId };
    const results = await Promise.all(Array.from({ length: ATTEMPTS }, () => ops.hold(deps, { jobId: freshJob(), amount: 1 })));
    expect(results.filter((r) => r.ok)).toHaveLength(CREDITS);
    expect(await expectInvariants(userId)).toEqual({ available: 0, held: CREDITS, debt: 0 });
  });

  it("simultaneous captures and releases of one hold: exactly one settlement is applied", async () => {
    const userId = await fundedUser(5);
    const job = freshJob();
    await accountFor(env, userId).hold(job, 5);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 2 ? accountFor(env, userId).capture(job) : accountFor(env, userId).release(job, "canceled"),
      ),
    );
    const applied = results.filter((r) => r.ok && r.applied);
    expect(applied).toHaveLength(1);
    // Every other answer is the same settlement replayed, or the other one refused.
    for (const r of results) expect(r.ok ? true : r.code === "already_settled").toBe(true);
    await expectInvariants(userId);
  });

  it("simultaneous duplicate grants with one key: credited once", async () => {
    const userId = freshUser();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => accountFor(env, userId).grant("pay_dup", 100, "purchase", "payment:pay_dup")),
    );
    expect(results.filter((r) => r.ok && r.applied)).toHaveLength(1);
    expect(await expectInvariants(userId)).toEqual({ available: 100, held: 0, debt: 0 });
  });
});

describe("racing through HTTP", () => {
  it("a user with 3 credits fires 12 simultaneous one-credit generations: exactly 3 are accepted", async () => {
    const user = await signUpVerified({ ip: IP });
    const account = accountFor(env, user.userId);
    const { available } = await account.balance();
    if (available > 3) await account.adjust(`trim-${user.userId}`, 3 - available, "test setup", "test");
    expect(await account.balance()).toEqual({ available: 3, held: 0, debt: 0, flagged: false });

    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        api("/api/generations", {
          method: "POST",
          ip: IP,
          cookie: user.cookie,
          json: { model: "demo-image", prompt: "a lighthouse at dusk", count: 1 },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(3);
    // The rest: 402 (no credits), or 429 from the generation in-flight cap (4), which is above 3.
    expect(statuses.every((s) => s === 202 || s === 402 || s === 429)).toBe(true);
    expect(statuses).toContain(402);
    await Promise.all(responses.map((r) => r.body?.cancel()));

    const holds = await env.DB.prepare("SELECT COUNT(*) AS n FROM credit_ledger WHERE user_id = ? AND kind = 'hold'")
      .bind(user.userId)
      .first();
    expect(holds).toEqual({ n: 3 });
    const { available: after, held } = await expectInvariants(user.userId);
    expect(after).toBe(0);
    expect(held).toBeLessThanOrEqual(3);
  });
});
