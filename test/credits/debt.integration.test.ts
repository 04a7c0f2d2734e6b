import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { accountFor } from "../../workers/credits/account-client";
import { expectInvariants, freshJob, freshUser, ledgerOf } from "./support";

/** A user with a `users` row (the flag lives there), and `credits` granted as a purchase. */
async function buyer(credits: number) {
  const userId = freshUser();
  await env.DB.prepare(
    "INSERT INTO users (id, email, name, password_hash, age_confirmed_at, referral_code, created_at) VALUES (?, ?, 'T', 'x', 0, ?, 0)",
  )
    .bind(userId, `${userId}@example.com`, userId)
    .run();
  const account = accountFor(env, userId);
  if (credits > 0) await account.grant(`pay-${userId}`, credits, "purchase", `payment:pay-${userId}`);
  return { userId, account };
}

const flagOf = async (userId: string) =>
  (await env.DB.prepare("SELECT flagged_at, flag_reason FROM users WHERE id = ?")
    .bind(userId)
    .first<{ flagged_at: number | null; flag_reason: string | null }>())!;

describe("a clawback of credits held by running jobs", () => {
  it("leaves a debt that the jobs' releases pay first, so cancelled jobs free nothing to spend", async () => {
    // The review's scenario: buy 2,000, hold them all in long jobs, dispute the payment, cancel the jobs, spend.
    const { userId, account } = await buyer(2000);
    const [a, b] = [freshJob(), freshJob()];
    await account.hold(a, 1200, "Generation — video, 120 s");
    await account.hold(b, 800, "Generation — video, 80 s");
    const clawback = await account.clawback("dispute-1", 2000, "payment:pay-1", "Chargeback — payment disputed");
    expect(clawback).toMatchObject({
      applied: true,
      taken: 0,
      shortfall: 2000,
      balance: { available: 0, held: 2000, debt: 2000, flagged: true },
    });

    expect(await account.hold(freshJob(), 1)).toMatchObject({ ok: false, code: "credit_debt", balance: { debt: 2000 } });
    expect(await account.release(a, "cancelled")).toMatchObject({
      ok: true,
      applied: true,
      balance: { available: 0, held: 800, debt: 800 },
    });
    expect(await account.release(b, "cancelled")).toMatchObject({ ok: true, applied: true, balance: { available: 0, held: 0, debt: 0 } });
    expect(await account.hold(freshJob(), 1)).toMatchObject({ ok: false, code: "insufficient_credits" });

    const rows = await ledgerOf(userId);
    expect(rows.filter((r) => r.kind === "debt_repaid")).toEqual([
      expect.objectContaining({
        delta: -1200,
        held_delta: 0,
        debt_delta: -1200,
        reference: `job:${a}`,
        balance_after: 0,
        idempotency_key: `repay:settle:${a}`,
      }),
      expect.objectContaining({
        delta: -800,
        held_delta: 0,
        debt_delta: -800,
        reference: `job:${b}`,
        balance_after: 0,
        idempotency_key: `repay:settle:${b}`,
      }),
    ]);
    await expectInvariants(userId);
  });

  it("a capture while in debt spends the held credits; the debt stays until grants pay it", async () => {
    const { userId, account } = await buyer(500);
    const job = freshJob();
    await account.hold(job, 400);
    expect(await account.clawback("refund-1", 500, "payment:pay-2")).toMatchObject({
      taken: 100,
      shortfall: 400,
      balance: { available: 0, held: 400, debt: 400 },
    });
    expect(await account.capture(job)).toMatchObject({ ok: true, balance: { available: 0, held: 0, debt: 400 } });
    // A grant pays the debt first, in the same batch; what is left is spendable.
    expect(await account.grant("pay-3", 300, "purchase", "payment:pay-3")).toMatchObject({
      balance: { available: 0, debt: 100, flagged: true },
    });
    expect(await account.grant("pay-3", 300, "purchase", "payment:pay-3")).toMatchObject({
      applied: false,
      balance: { available: 0, debt: 100 },
    });
    expect(await account.adjust("goodwill-1", 150, "goodwill", "staff:1")).toMatchObject({
      balance: { available: 50, debt: 0, flagged: false },
    });
    expect(await account.hold(freshJob(), 50)).toMatchObject({ ok: true, applied: true });
    await expectInvariants(userId);
  });

  it("paying the debt in full lifts the shortfall flag; until then holds are refused and nothing is written", async () => {
    const { userId, account } = await buyer(100);
    await account.hold(freshJob(), 100);
    await account.clawback("refund-2", 100, "payment:pay-4");
    expect((await flagOf(userId)).flagged_at).not.toBeNull();
    const before = (await ledgerOf(userId)).length;
    expect(await account.hold(freshJob(), 1)).toEqual({
      ok: false,
      code: "credit_debt",
      balance: { available: 0, held: 100, debt: 100, flagged: true },
    });
    expect(await ledgerOf(userId)).toHaveLength(before);
    await account.grant("pay-5", 100, "purchase", "payment:pay-5");
    expect(await flagOf(userId)).toEqual({ flagged_at: null, flag_reason: null });
    await expectInvariants(userId);
  });
});

describe("the review flag", () => {
  it("blocks holds of a flagged account without a debt, with its own code", async () => {
    const { userId, account } = await buyer(100);
    await env.DB.prepare("UPDATE users SET flagged_at = 1, flag_reason = 'manual review' WHERE id = ?").bind(userId).run();
    expect(await account.hold(freshJob(), 10)).toEqual({
      ok: false,
      code: "account_flagged",
      balance: { available: 100, held: 0, debt: 0, flagged: true },
    });
    await expectInvariants(userId);
  });

  it("staff clear it once per key, writing off the open debt; the account can spend again", async () => {
    const { userId, account } = await buyer(100);
    await account.hold(freshJob(), 100);
    await account.clawback("refund-3", 250, "payment:pay-6");
    expect(await account.balance()).toEqual({ available: 0, held: 100, debt: 250, flagged: true });
    const cleared = await account.clearFlag("case-1", "staff:7", "customer paid by bank transfer");
    expect(cleared).toEqual({ ok: true, applied: true, balance: { available: 0, held: 100, debt: 0, flagged: false } });
    expect(await account.clearFlag("case-1", "staff:7", "customer paid by bank transfer")).toMatchObject({ ok: true, applied: false });
    expect((await ledgerOf(userId)).at(-1)).toMatchObject({
      kind: "flag_cleared",
      delta: 0,
      held_delta: 0,
      debt_delta: -250,
      reference: "staff:7",
      description: "Review cleared — customer paid by bank transfer",
      idempotency_key: "clear_flag:case-1",
    });
    expect(await flagOf(userId)).toEqual({ flagged_at: null, flag_reason: null });
    await account.grant("pay-7", 10, "purchase", null);
    expect(await account.hold(freshJob(), 10)).toMatchObject({ ok: true, applied: true });
    // Nothing to clear: refused, nothing written, and the key stays free.
    expect(await account.clearFlag("case-2", "staff:7", "again")).toMatchObject({ ok: false, code: "not_flagged" });
    expect((await ledgerOf(userId)).some((r) => r.idempotency_key === "clear_flag:case-2")).toBe(false);
    await expectInvariants(userId);
  });
});
