import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { BillingDeps } from "../../workers/billing/deps";
import { reconcilePayments } from "../../workers/billing/reconcile";
import { whopApi } from "../../workers/billing/whop-api";
import { accountFor } from "../../workers/credits/account-client";
import { database } from "../../workers/db/client";
import { payments } from "../../workers/db/schema";
import { signUp } from "../support/users";
import { paymentData, reversalData, whopIds } from "./fake-whop";
import { fakeWhopApi } from "./fake-whop-api";
import { balanceOf, PACK, paymentRow, rowsFor, send } from "./support";

const IP = "10.250.7.1";

function depsWith(fake: ReturnType<typeof fakeWhopApi> | null): BillingDeps {
  return {
    db: database(env.DB),
    account: (userId) => accountFor(env, userId),
    now: () => Date.now(),
    whop: fake ? whopApi({ apiKey: "whop_test_key", companyId: "biz_test", fetch: fake.fetch }) : null,
  };
}

describe("reconciliation", () => {
  it("applies paid payments the webhook missed, once, through the same path", async () => {
    const user = await signUp({ ip: IP });
    const start = await balanceOf(user.userId);
    const fake = fakeWhopApi();
    const missed = paymentData({ userId: user.userId, whopPlanId: PACK.whopPlanId, total: 5 });
    const delivered = paymentData({ userId: user.userId, whopPlanId: PACK.whopPlanId, total: 5 });
    const unpaid = { ...paymentData({ userId: user.userId, whopPlanId: PACK.whopPlanId }), status: "open", substatus: "pending" };
    await send("payment.succeeded", delivered);
    fake.payments.push(unpaid, missed, delivered);

    const report = await reconcilePayments(depsWith(fake), Date.now());
    expect(report).toMatchObject({ listed: 3, applied: 1 });
    expect(await balanceOf(user.userId)).toBe(start + 2 * PACK.credits);
    expect(await paymentRow(String(missed.id))).toMatchObject({ user_id: user.userId, credits: PACK.credits, amount_minor: 500 });
    // Only the missing paid payment was fetched in full (the list has no metadata).
    const fetched = fake.requests.filter((r) => r.path.startsWith("/api/v1/payments/")).map((r) => r.path);
    expect(fetched).toEqual([`/api/v1/payments/${missed.id}`]);
    const list = fake.requests.find((r) => r.path.startsWith("/api/v1/payments?"))!;
    expect(new URL(`https://x${list.path}`).searchParams.get("company_id")).toBe("biz_test");

    // A late webhook, and the next run, change nothing.
    await send("payment.succeeded", missed);
    expect((await reconcilePayments(depsWith(fake), Date.now())).applied).toBe(0);
    expect(await balanceOf(user.userId)).toBe(start + 2 * PACK.credits);
    expect(await rowsFor(String(missed.id))).toHaveLength(1);
  });

  it("finishes a grant a failed request left behind; a later refund still applies once", async () => {
    const user = await signUp({ ip: IP });
    const start = await balanceOf(user.userId);
    const paymentId = whopIds.payment();
    const long = Date.now() - 10 * 60_000;
    // As if the request died right after recording the payment.
    await database(env.DB).insert(payments).values({
      id: paymentId,
      userId: user.userId,
      userRef: null,
      planId: "pack-500",
      whopPlanId: PACK.whopPlanId,
      credits: PACK.credits,
      amountMinor: 500,
      currency: "usd",
      whopUserId: null,
      membershipId: null,
      status: "paid",
      reviewReason: null,
      refundedMinor: 0,
      clawedBack: 0,
      clawbackShortfall: 0,
      firstEventId: "msg_lost",
      paidAt: long,
      grantedAt: null,
      createdAt: long,
    });
    const report = await reconcilePayments(depsWith(null), Date.now());
    expect(report.resumed).toBeGreaterThanOrEqual(1);
    expect(await balanceOf(user.userId)).toBe(start + PACK.credits);
    expect(await paymentRow(paymentId)).toMatchObject({ granted_at: expect.any(Number) });

    await send("refund.created", reversalData({ id: whopIds.refund(), paymentId, amount: 5 }));
    expect(await balanceOf(user.userId)).toBe(start);
    await reconcilePayments(depsWith(null), Date.now());
    expect(await balanceOf(user.userId)).toBe(start);
  });

  it("walks every page of Whop's list", async () => {
    const user = await signUp({ ip: IP });
    const start = await balanceOf(user.userId);
    const fake = fakeWhopApi("whop_test_key", 2);
    for (let i = 0; i < 5; i++) fake.payments.push(paymentData({ userId: user.userId, whopPlanId: PACK.whopPlanId }));
    expect(await reconcilePayments(depsWith(fake), Date.now())).toMatchObject({ listed: 5, applied: 5 });
    expect(await balanceOf(user.userId)).toBe(start + 5 * PACK.credits);
  });

  it("fails loudly (for the cron log) when Whop is down, having granted nothing", async () => {
    const fake = fakeWhopApi();
    fake.failWith = 503;
    await expect(reconcilePayments(depsWith(fake), Date.now())).rejects.toMatchObject({ name: "WhopApiError", status: 503 });
  });
});
