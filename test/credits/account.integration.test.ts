import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { accountFor } from "../../workers/credits/account-client";
import { MAX_CREDITS_PER_OPERATION } from "../../workers/credits/input";
import { AppError } from "../../workers/lib/errors";
import { countAllRows, expectInvariants, freshJob, freshUser, ledgerOf } from "./support";

/** A user with `credits` granted. */
async function funded(credits: number) {
  const userId = freshUser();
  const account = accountFor(env, userId);
  if (credits > 0) await account.grant(`seed-${userId}`, credits, "promo", null);
  return { userId, account };
}

async function expectValidationError(call: Promise<unknown>): Promise<void> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("validation_failed");
}

describe("grant", () => {
  it("adds credits once per key and writes a grant row with its wording", async () => {
    const userId = freshUser();
    const account = accountFor(env, userId);
    expect(await account.grant("pay_1", 500, "purchase", "payment:pay_1", "Purchase — 500 credit pack")).toEqual({
      ok: true,
      applied: true,
      balance: { available: 500, held: 0, debt: 0, flagged: false },
    });
    expect(await account.grant("pay_1", 500, "purchase", "payment:pay_1", "Purchase — 500 credit pack")).toEqual({
      ok: true,
      applied: false,
      balance: { available: 500, held: 0, debt: 0, flagged: false },
    });
    expect(await ledgerOf(userId)).toEqual([
      {
        kind: "grant",
        delta: 500,
        held_delta: 0,
        debt_delta: 0,
        reference: "payment:pay_1",
        description: "Purchase — 500 credit pack",
        idempotency_key: "grant:pay_1",
        balance_after: 500,
      },
    ]);
    await expectInvariants(userId);
  });

  it("takes the sign-up grant keyed by the user id, exactly as the auth code calls it", async () => {
    const userId = freshUser();
    const account = accountFor(env, userId);
    await account.grant(userId, 50, "signup", null, "Welcome credits");
    await account.grant(userId, 50, "signup", null, "Welcome credits");
    const rows = await ledgerOf(userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ idempotency_key: `grant:${userId}`, description: "Welcome credits", delta: 50 });
    expect(await account.balance()).toEqual({ available: 50, held: 0, debt: 0, flagged: false });
  });

  it("uses a default line per source", async () => {
    const { userId, account } = await funded(0);
    await account.grant("r-1", 5, "referral", null);
    expect((await ledgerOf(userId))[0]!.description).toBe("Referral bonus");
  });

  it("refuses a key another user already used (409), writing nothing", async () => {
    const key = `shared-${crypto.randomUUID()}`;
    await accountFor(env, freshUser()).grant(key, 10, "purchase", null);
    const other = freshUser();
    const error = await accountFor(env, other)
      .grant(key, 10, "purchase", null)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("idempotency_conflict");
    expect(await ledgerOf(other)).toEqual([]);
  });
});

describe("hold, capture and release", () => {
  it("holds, then captures once; a second capture is a no-op and a release after it is refused", async () => {
    const { userId, account } = await funded(10);
    const job = freshJob();
    expect(await account.hold(job, 4, "Generation — 2 images")).toEqual({
      ok: true,
      applied: true,
      balance: { available: 6, held: 4, debt: 0, flagged: false },
    });
    expect(await account.hold(job, 4, "Generation — 2 images")).toEqual({
      ok: true,
      applied: false,
      balance: { available: 6, held: 4, debt: 0, flagged: false },
    });
    expect(await account.capture(job)).toEqual({ ok: true, applied: true, balance: { available: 6, held: 0, debt: 0, flagged: false } });
    expect(await account.capture(job)).toEqual({ ok: true, applied: false, balance: { available: 6, held: 0, debt: 0, flagged: false } });
    expect(await account.release(job, "provider failed")).toEqual({
      ok: false,
      code: "already_settled",
      balance: { available: 6, held: 0, debt: 0, flagged: false },
    });
    const rows = await ledgerOf(userId);
    expect(rows.slice(1)).toEqual([
      expect.objectContaining({
        kind: "hold",
        delta: 0,
        held_delta: 4,
        reference: `job:${job}`,
        balance_after: 6,
        description: "Generation — 2 images",
      }),
      expect.objectContaining({
        kind: "capture",
        delta: -4,
        held_delta: -4,
        reference: `job:${job}`,
        balance_after: 6,
        description: "Generation — 2 images",
      }),
    ]);
    await expectInvariants(userId);
  });

  it("releases once with a readable reason; capture after release is refused, a second release is a no-op", async () => {
    const { userId, account } = await funded(10);
    const job = freshJob();
    await account.hold(job, 3);
    expect(await account.release(job, "provider failed")).toEqual({
      ok: true,
      applied: true,
      balance: { available: 10, held: 0, debt: 0, flagged: false },
    });
    expect(await account.release(job, "provider failed")).toEqual({
      ok: true,
      applied: false,
      balance: { available: 10, held: 0, debt: 0, flagged: false },
    });
    expect(await account.capture(job)).toEqual({
      ok: false,
      code: "already_settled",
      balance: { available: 10, held: 0, debt: 0, flagged: false },
    });
    const release = (await ledgerOf(userId)).at(-1)!;
    expect(release).toMatchObject({
      kind: "release",
      delta: 0,
      held_delta: -3,
      description: "Refund — provider failed",
      balance_after: 10,
    });
    const hold = await env.DB.prepare("SELECT status, settled_at FROM credit_holds WHERE job_id = ?").bind(job).first();
    expect(hold).toMatchObject({ status: "released", settled_at: expect.any(Number) });
    await expectInvariants(userId);
  });

  it("refuses a hold larger than what is available, with nothing written", async () => {
    const { userId, account } = await funded(5);
    const before = await countAllRows();
    expect(await account.hold(freshJob(), 6)).toEqual({
      ok: false,
      code: "insufficient_credits",
      balance: { available: 5, held: 0, debt: 0, flagged: false },
    });
    expect(await countAllRows()).toBe(before);
    expect(await account.hold(freshJob(), 5)).toMatchObject({
      ok: true,
      applied: true,
      balance: { available: 0, held: 5, debt: 0, flagged: false },
    });
    await expectInvariants(userId);
  });

  it("a refused hold can be retried with the same job id once credits arrive", async () => {
    const { account } = await funded(0);
    const job = freshJob();
    expect(await account.hold(job, 2)).toMatchObject({ ok: false, code: "insufficient_credits" });
    await account.grant(`late-${job}`, 2, "purchase", null);
    expect(await account.hold(job, 2)).toMatchObject({ ok: true, applied: true });
  });

  it("answers unknown_hold for a job it never held, and for another user's hold", async () => {
    const { account } = await funded(10);
    expect(await account.capture(freshJob())).toMatchObject({ ok: false, code: "unknown_hold" });
    expect(await account.release(freshJob())).toMatchObject({ ok: false, code: "unknown_hold" });

    const owner = await funded(10);
    const job = freshJob();
    await owner.account.hold(job, 2);
    const before = await countAllRows();
    expect(await account.capture(job)).toMatchObject({ ok: false, code: "unknown_hold" });
    expect(await account.release(job)).toMatchObject({ ok: false, code: "unknown_hold" });
    expect(await countAllRows()).toBe(before);
    expect(await owner.account.capture(job)).toMatchObject({ ok: true, applied: true });
    expect(await account.capture(job)).toMatchObject({ ok: false, code: "unknown_hold" });
  });

  it("refuses to hold a job id another user holds (409)", async () => {
    const job = freshJob();
    await (await funded(5)).account.hold(job, 1);
    const error = await (await funded(5)).account.hold(job, 1).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("idempotency_conflict");
  });
});

describe("adjust", () => {
  it("adds and removes credits once per key, with the reason and the actor", async () => {
    const { userId, account } = await funded(10);
    expect(await account.adjust("ticket-1", 5, "goodwill for a failed upscale", "admin:42")).toMatchObject({
      ok: true,
      applied: true,
      balance: { available: 15 },
    });
    expect(await account.adjust("ticket-1", 5, "goodwill for a failed upscale", "admin:42")).toMatchObject({
      ok: true,
      applied: false,
      balance: { available: 15 },
    });
    expect(await account.adjust("ticket-2", -15, "duplicate grant", "admin:42")).toMatchObject({
      ok: true,
      applied: true,
      balance: { available: 0 },
    });
    expect((await ledgerOf(userId)).at(-2)).toMatchObject({
      kind: "adjust",
      delta: 5,
      reference: "admin:42",
      description: "Adjustment — goodwill for a failed upscale",
    });
    await expectInvariants(userId);
  });

  it("never drives the balance below zero", async () => {
    const { account } = await funded(3);
    expect(await account.adjust("too-much", -4, "correction", "admin:1")).toEqual({
      ok: false,
      code: "insufficient_credits",
      balance: { available: 3, held: 0, debt: 0, flagged: false },
    });
  });
});

describe("clawback", () => {
  it("takes the whole amount when it is available, once", async () => {
    const { userId, account } = await funded(100);
    const result = await account.clawback("pay_9", 40, "payment:pay_9");
    expect(result).toEqual({
      ok: true,
      applied: true,
      taken: 40,
      shortfall: 0,
      balance: { available: 60, held: 0, debt: 0, flagged: false },
    });
    expect(await account.clawback("pay_9", 40, "payment:pay_9")).toEqual({ ...result, applied: false });
    expect((await ledgerOf(userId)).at(-1)).toMatchObject({
      kind: "refund_clawback",
      delta: -40,
      held_delta: 0,
      description: "Payment reversed",
    });
    await expectInvariants(userId);
  });

  it("takes what is there, records the shortfall and flags the user, never going negative", async () => {
    const userId = freshUser();
    await env.DB.prepare(
      "INSERT INTO users (id, email, name, password_hash, age_confirmed_at, referral_code, created_at) VALUES (?, ?, 'T', 'x', 0, ?, 0)",
    )
      .bind(userId, `${userId}@example.com`, userId)
      .run();
    const account = accountFor(env, userId);
    await account.grant("pay_2", 50, "purchase", "payment:pay_2");
    await account.hold(freshJob(), 30);
    const result = await account.clawback("pay_2", 50, "payment:pay_2", "Refund — 500 credit pack");
    expect(result).toEqual({
      ok: true,
      applied: true,
      taken: 20,
      shortfall: 30,
      balance: { available: 0, held: 30, debt: 30, flagged: true },
    });
    expect(await account.clawback("pay_2", 50, "payment:pay_2")).toMatchObject({ applied: false, taken: 20, shortfall: 30 });
    const balance = await env.DB.prepare("SELECT shortfall FROM credit_balances WHERE user_id = ?").bind(userId).first();
    expect(balance).toEqual({ shortfall: 30 });
    const user = await env.DB.prepare("SELECT flagged_at, flag_reason FROM users WHERE id = ?").bind(userId).first();
    expect(user).toEqual({ flagged_at: expect.any(Number), flag_reason: "Clawback of payment:pay_2 found credits already spent" });
    await expectInvariants(userId);
  });

  it("with nothing available still records the clawback (taken 0) so it happens once", async () => {
    const { userId, account } = await funded(0);
    expect(await account.clawback("pay_0", 10, null)).toMatchObject({ applied: true, taken: 0, shortfall: 10 });
    expect(await ledgerOf(userId)).toEqual([expect.objectContaining({ kind: "refund_clawback", delta: 0, balance_after: 0 })]);
  });
});

describe("bad input is refused with a 400-mapped error and no row", () => {
  const bad = [-1, 0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_CREDITS_PER_OPERATION + 1, "5" as unknown as number];
  it.each(bad)("amount %s", async (amount) => {
    const { userId, account } = await funded(10);
    const before = await countAllRows();
    await expectValidationError(account.grant(`g-${crypto.randomUUID()}`, amount, "promo", null));
    await expectValidationError(account.hold(freshJob(), amount));
    await expectValidationError(account.clawback(`c-${crypto.randomUUID()}`, amount, null));
    expect(await countAllRows()).toBe(before);
    await expectInvariants(userId);
  });

  it("zero, fractional and huge adjustments, empty keys and reasons, unknown sources", async () => {
    const { account } = await funded(10);
    const before = await countAllRows();
    await expectValidationError(account.adjust("a", 0, "r", "admin:1"));
    await expectValidationError(account.adjust("a", 0.5, "r", "admin:1"));
    await expectValidationError(account.adjust("a", -(MAX_CREDITS_PER_OPERATION + 1), "r", "admin:1"));
    await expectValidationError(account.adjust("a", 1, "  ", "admin:1"));
    await expectValidationError(account.adjust("", 1, "r", "admin:1"));
    await expectValidationError(account.grant("has space", 1, "promo", null));
    await expectValidationError(account.grant("k", 1, "lottery" as "promo", null));
    await expectValidationError(account.hold("", 1));
    await expectValidationError(account.capture(""));
    await expectValidationError(account.release("x".repeat(201)));
    expect(await countAllRows()).toBe(before);
  });
});

describe("the object itself", () => {
  it("knows its user from its name, also after eviction, and replays stay no-ops across it", async () => {
    const { userId, account } = await funded(10);
    const job = freshJob();
    await account.hold(job, 4);
    const stub = env.ACCOUNT.getByName(userId);
    await runInDurableObject(stub, (_instance, state) => expect(state.id.name).toBe(userId));
    await evictDurableObject(stub);
    const after = accountFor(env, userId);
    expect(await after.hold(job, 4)).toEqual({ ok: true, applied: false, balance: { available: 6, held: 4, debt: 0, flagged: false } });
    expect(await after.capture(job)).toMatchObject({ ok: true, applied: true });
    await evictDurableObject(env.ACCOUNT.getByName(userId));
    expect(await accountFor(env, userId).capture(job)).toMatchObject({ ok: true, applied: false });
    await expectInvariants(userId);
  });

  it("refuses to work when it was not addressed by a user id", async () => {
    const stub = env.ACCOUNT.get(env.ACCOUNT.newUniqueId());
    const error = await stub.balance().then(
      () => null,
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/getByName/);
  });
});

describe("balance", () => {
  it("is zero for a user who has never had credits", async () => {
    expect(await accountFor(env, freshUser()).balance()).toEqual({ available: 0, held: 0, debt: 0, flagged: false });
  });
});
