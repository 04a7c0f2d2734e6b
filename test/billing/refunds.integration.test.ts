import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, signUp, signUpVerified } from "../support/users";
import { paymentData, reversalData, whopIds } from "./fake-whop";
import { balanceOf, deliver, PACK, paymentRow, rowsFor, send, whop } from "./support";

const IP = "10.250.3.1";
const BIG_PACK = { whopPlanId: "plan_dev_pack_2000", credits: 2000 } as const;

/** A user who has just bought the 500-credit pack for $5. */
async function buyer() {
  const user = await signUp({ ip: IP });
  const payment = paymentData({ userId: user.userId, whopPlanId: PACK.whopPlanId, total: 5 });
  const start = await balanceOf(user.userId);
  await send("payment.succeeded", payment);
  return { user, paymentId: String(payment.id), payment, start };
}

const clawbacks = async (paymentId: string) => (await rowsFor(paymentId)).filter((r) => r.kind === "refund_clawback");

describe("refunds and disputes", () => {
  it("claws back a full refund once, however often refund.created and refund.updated arrive", async () => {
    const { user, paymentId, start } = await buyer();
    const refund = reversalData({ id: whopIds.refund(), paymentId, amount: 5, status: "pending" });
    expect((await send("refund.created", refund)).body.outcome).toBe("clawed_back");
    const again = await Promise.all([
      send("refund.created", refund),
      send("refund.updated", { ...refund, status: "succeeded" }),
      send("refund.updated", { ...refund, status: "succeeded" }),
    ]);
    expect(again.map((a) => a.body.outcome)).toEqual(["duplicate", "duplicate", "duplicate"]);
    expect(await balanceOf(user.userId)).toBe(start);
    const rows = await clawbacks(paymentId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ delta: -PACK.credits, description: "Refund — payment refunded", reference: `payment:${paymentId}` });
    expect(await paymentRow(paymentId)).toMatchObject({
      status: "refunded",
      refunded_minor: 500,
      clawed_back: PACK.credits,
      clawback_shortfall: 0,
    });
  });

  it("parks a refund that arrives before its payment and applies it when the payment lands", async () => {
    const user = await signUp({ ip: IP });
    const start = await balanceOf(user.userId);
    const payment = paymentData({ userId: user.userId, whopPlanId: PACK.whopPlanId, total: 5 });
    const refund = reversalData({ id: whopIds.refund(), paymentId: String(payment.id), amount: 5 });
    expect((await send("refund.created", refund)).body.outcome).toBe("parked");
    expect(await balanceOf(user.userId)).toBe(start);
    expect((await send("payment.succeeded", payment)).body.outcome).toBe("granted");
    expect(await balanceOf(user.userId)).toBe(start);
    expect((await rowsFor(String(payment.id))).map((r) => r.delta)).toEqual([PACK.credits, -PACK.credits]);
    expect(await paymentRow(String(payment.id))).toMatchObject({ status: "refunded" });
  });

  it("never takes back more than the payment granted: a refund then a dispute of the same payment", async () => {
    const { user, paymentId, start } = await buyer();
    await send("refund.created", reversalData({ id: whopIds.refund(), paymentId, amount: 5 }));
    const dispute = reversalData({ id: whopIds.dispute(), paymentId, amount: 5, status: "needs_response" });
    expect((await send("dispute.created", dispute)).body.outcome).toBe("clawed_back");
    expect(await balanceOf(user.userId)).toBe(start);
    expect(await clawbacks(paymentId)).toHaveLength(1);
  });

  it("claws back a dispute (chargeback) mapped through the stored payment id", async () => {
    const { user, paymentId, start } = await buyer();
    const dispute = { ...reversalData({ id: whopIds.dispute(), paymentId, amount: 5, status: "needs_response" }), reason: "fraudulent" };
    expect((await send("dispute.created", dispute)).body.outcome).toBe("clawed_back");
    expect(await balanceOf(user.userId)).toBe(start);
    expect((await clawbacks(paymentId))[0]).toMatchObject({ delta: -PACK.credits, description: "Chargeback — payment disputed" });
    expect(await paymentRow(paymentId)).toMatchObject({ status: "disputed" });
  });

  it("handles a refund and a dispute of one payment arriving at the same moment", async () => {
    const { user, paymentId, start } = await buyer();
    const events = [
      await whop.event("refund.created", reversalData({ id: whopIds.refund(), paymentId, amount: 5 })),
      await whop.event("dispute.created", reversalData({ id: whopIds.dispute(), paymentId, amount: 5 })),
      await whop.event("refund.created", reversalData({ id: whopIds.refund(), paymentId, amount: 5 })),
    ];
    await Promise.all(events.flatMap((e) => [deliver(e), deliver(e)]));
    expect(await balanceOf(user.userId)).toBe(start);
    expect((await clawbacks(paymentId)).reduce((sum, r) => sum + r.delta, 0)).toBe(-PACK.credits);
  });

  it("claws back partial refunds in proportion, and in total exactly the grant", async () => {
    const { user, paymentId, start } = await buyer();
    await send("refund.created", reversalData({ id: whopIds.refund(), paymentId, amount: 1.5 }));
    expect(await balanceOf(user.userId)).toBe(start + PACK.credits - 150);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "partially_refunded", refunded_minor: 150, clawed_back: 150 });
    await send("refund.created", reversalData({ id: whopIds.refund(), paymentId, amount: 1.66 }));
    await send("refund.created", reversalData({ id: whopIds.refund(), paymentId, amount: 1.84 }));
    expect(await balanceOf(user.userId)).toBe(start);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "refunded", refunded_minor: 500, clawed_back: PACK.credits });
    // A further refund (more money than was paid) takes nothing more.
    await send("refund.created", reversalData({ id: whopIds.refund(), paymentId, amount: 1 }));
    expect(await balanceOf(user.userId)).toBe(start);
  });

  it("takes back what is left of the payment when a refund names no amount", async () => {
    const { user, paymentId, start } = await buyer();
    await send("refund.created", reversalData({ id: whopIds.refund(), paymentId, amount: 2.5 }));
    await send("refund.created", reversalData({ id: whopIds.refund(), paymentId, amount: null }));
    expect(await balanceOf(user.userId)).toBe(start);
  });

  it("records the shortfall on the payment when the credits were already spent, and flags the user", async () => {
    const { user, paymentId, start } = await buyer();
    // Spend most of the balance the way a generation does: a hold then its capture.
    const spend = start + PACK.credits - 100;
    const account = env.ACCOUNT.getByName(user.userId);
    await account.hold("job-spend", spend);
    await account.capture("job-spend");
    await send("refund.created", reversalData({ id: whopIds.refund(), paymentId, amount: 5 }));
    expect(await balanceOf(user.userId)).toBe(0);
    expect(await paymentRow(paymentId)).toMatchObject({ clawed_back: 100, clawback_shortfall: PACK.credits - 100 });
    const flagged = await env.DB.prepare("SELECT flagged_at FROM users WHERE id = ?")
      .bind(user.userId)
      .first<{ flagged_at: number | null }>();
    expect(flagged?.flagged_at).not.toBeNull();
  });

  it("a dispute while the credits are held by running jobs leaves a debt: cancelling the jobs pays it, nothing escapes", async () => {
    // The review's scenario: buy 2,000 credits, start long jobs that hold them, dispute, cancel the jobs, spend.
    const user = await signUpVerified({ ip: IP });
    const start = await balanceOf(user.userId);
    const payment = paymentData({ userId: user.userId, whopPlanId: BIG_PACK.whopPlanId });
    expect((await send("payment.succeeded", payment)).body.outcome).toBe("granted");
    const account = env.ACCOUNT.getByName(user.userId);
    const [video1, video2] = [`job-${crypto.randomUUID()}`, `job-${crypto.randomUUID()}`];
    // Held the way generation holds (hold per job), all of it.
    await account.hold(video1, 1500, "Generation — video");
    await account.hold(video2, start + BIG_PACK.credits - 1500, "Generation — video");
    const dispute = reversalData({ id: whopIds.dispute(), paymentId: String(payment.id), amount: 18, status: "needs_response" });
    expect((await send("dispute.created", dispute)).body.outcome).toBe("clawed_back");
    expect(await paymentRow(String(payment.id))).toMatchObject({
      status: "disputed",
      clawed_back: 0,
      clawback_shortfall: BIG_PACK.credits,
    });
    const credits = async () => (await api("/api/credits", { cookie: user.cookie, ip: IP })).json<Record<string, unknown>>();
    expect(await credits()).toEqual({ available: 0, held: start + BIG_PACK.credits, debt: BIG_PACK.credits, flagged: true });

    // While the debt is open nothing new starts, and the answer says why and what to do.
    const refused = await api("/api/generations", {
      method: "POST",
      cookie: user.cookie,
      ip: IP,
      json: { model: "demo-image", prompt: "x" },
    });
    expect(refused.status).toBe(402);
    const { error } = await refused.json<{ error: { code: string; message: string } }>();
    expect(error.code).toBe("credit_debt");
    expect(error.message).toContain(`owing ${BIG_PACK.credits} credits`);
    expect(error.message).toMatch(/Buy credits/);

    // Cancelling the jobs releases their holds into the debt first.
    await account.release(video1, "canceled");
    await account.release(video2, "canceled");
    expect(await credits()).toEqual({ available: start, held: 0, debt: 0, flagged: false });
    expect(await account.hold(`job-${crypto.randomUUID()}`, start + 1)).toMatchObject({ ok: false, code: "insufficient_credits" });
    expect(await balanceOf(user.userId)).toBe(start);
  });

  it("a won dispute gives back what it took and cancels the debt it left", async () => {
    const { user, paymentId, start } = await buyer();
    const account = env.ACCOUNT.getByName(user.userId);
    const job = `job-${crypto.randomUUID()}`;
    await account.hold(job, start + PACK.credits - 100);
    const dispute = reversalData({ id: whopIds.dispute(), paymentId, amount: 5, status: "needs_response" });
    await send("dispute.created", dispute);
    expect(await account.balance()).toMatchObject({ available: 0, debt: PACK.credits - 100 });
    expect((await send("dispute.updated", { ...dispute, status: "won" })).body.outcome).toBe("voided");
    expect(await account.balance()).toEqual({ available: 100, held: start + PACK.credits - 100, debt: 0, flagged: false });
    await account.release(job, "canceled");
    expect(await balanceOf(user.userId)).toBe(start + PACK.credits);
  });

  it("gives the credits back when a refund fails after it was taken, once", async () => {
    const { user, paymentId, start } = await buyer();
    const refund = reversalData({ id: whopIds.refund(), paymentId, amount: 5, status: "pending" });
    await send("refund.created", refund);
    expect(await balanceOf(user.userId)).toBe(start);
    expect((await send("refund.updated", { ...refund, status: "failed" })).body.outcome).toBe("voided");
    expect((await send("refund.updated", { ...refund, status: "failed" })).body.outcome).toBe("duplicate");
    expect(await balanceOf(user.userId)).toBe(start + PACK.credits);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "paid", clawed_back: 0 });
  });

  it("takes nothing for a refund that failed before it was ever applied", async () => {
    const { user, paymentId, start } = await buyer();
    await send("refund.created", reversalData({ id: whopIds.refund(), paymentId, amount: 5, status: "canceled" }));
    expect(await balanceOf(user.userId)).toBe(start + PACK.credits);
  });

  it("acknowledges reversals with bad or unmatched data without taking anything", async () => {
    const { user, paymentId, start } = await buyer();
    expect((await send("refund.created", { id: whopIds.refund(), amount: "5.00", payment: { id: paymentId } })).body.outcome).toBe(
      "invalid_payload",
    );
    expect((await send("refund.created", { id: whopIds.refund(), amount: 5, payment: null })).body.outcome).toBe("unmatched");
    expect((await send("dispute.created", { amount: 5, payment: { id: paymentId } })).body.outcome).toBe("invalid_payload");
    expect(await balanceOf(user.userId)).toBe(start + PACK.credits);
  });
});
