import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, signUp } from "../support/users";
import { paymentData, whopIds } from "./fake-whop";
import { balanceOf, deliver, eventRow, ledgerOf, PACK, paymentRow, rowsFor, send, whop } from "./support";

const IP = "10.250.2.1";

describe("payment.succeeded", () => {
  it("grants the plan's credits once, keyed by the payment, and stores the payment in minor units", async () => {
    const user = await signUp({ ip: IP });
    const before = await balanceOf(user.userId);
    const data = paymentData({ userId: user.userId, whopPlanId: PACK.whopPlanId, total: 10.43 });
    const { status, body } = await send("payment.succeeded", data);
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, outcome: "granted" });
    expect(await balanceOf(user.userId)).toBe(before + PACK.credits);
    const rows = await rowsFor(String(data.id));
    expect(rows).toEqual([
      {
        kind: "grant",
        delta: PACK.credits,
        reference: `payment:${data.id}`,
        description: "Purchase — 500 credit pack",
        idempotency_key: `grant:${data.id}`,
      },
    ]);
    expect(await paymentRow(String(data.id))).toMatchObject({
      user_id: user.userId,
      plan_id: "pack-500",
      whop_plan_id: PACK.whopPlanId,
      credits: PACK.credits,
      amount_minor: 1043,
      currency: "usd",
      status: "paid",
      review_reason: null,
      whop_user_id: (data.user as { id: string }).id,
      membership_id: (data.membership as { id: string }).id,
    });
  });

  it("grants once when the same delivery arrives 5 times at once", async () => {
    const user = await signUp({ ip: IP });
    const before = await balanceOf(user.userId);
    const delivery = await whop.event("payment.succeeded", paymentData({ userId: user.userId, whopPlanId: PACK.whopPlanId }));
    const answers = await Promise.all(Array.from({ length: 5 }, () => deliver(delivery)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await balanceOf(user.userId)).toBe(before + PACK.credits);
  });

  it("grants once when the same payment arrives 5 times at once under new message ids", async () => {
    const user = await signUp({ ip: IP });
    const before = await balanceOf(user.userId);
    const data = paymentData({ userId: user.userId, whopPlanId: PACK.whopPlanId });
    const deliveries = await Promise.all(Array.from({ length: 5 }, () => whop.event("payment.succeeded", data)));
    const answers = await Promise.all(deliveries.map((d) => deliver(d).then((r) => r.json<{ outcome: string }>())));
    expect(answers.filter((a) => a.outcome === "granted")).toHaveLength(1);
    expect(answers.filter((a) => a.outcome === "duplicate")).toHaveLength(4);
    expect(await balanceOf(user.userId)).toBe(before + PACK.credits);
    expect((await rowsFor(String(data.id))).length).toBe(1);
    // ...and again later, sequentially.
    await send("payment.succeeded", data);
    expect(await balanceOf(user.userId)).toBe(before + PACK.credits);
  });

  it("records a payment for an unknown user, flags it, and grants nothing to anyone", async () => {
    const ledgerRows = await env.DB.prepare("SELECT COUNT(*) AS n FROM credit_ledger WHERE reference = ?");
    for (const userId of [`u-${crypto.randomUUID()}`, null]) {
      const data = paymentData({ userId, whopPlanId: PACK.whopPlanId, membershipId: whopIds.membership() });
      const { status, body } = await send("payment.succeeded", data);
      expect(status).toBe(200);
      expect(body.outcome).toBe("unknown_user");
      expect(await paymentRow(String(data.id))).toMatchObject({ user_id: null, credits: 0, review_reason: "unknown_user" });
      expect((await ledgerRows.bind(`payment:${data.id}`).first<{ n: number }>())!.n).toBe(0);
    }
  });

  it("records a payment for an unknown plan and grants nothing", async () => {
    const user = await signUp({ ip: IP });
    const before = await balanceOf(user.userId);
    const data = paymentData({ userId: user.userId, whopPlanId: "plan_somebody_elses" });
    const { status, body } = await send("payment.succeeded", data);
    expect(status).toBe(200);
    expect(body.outcome).toBe("unknown_plan");
    expect(await paymentRow(String(data.id))).toMatchObject({
      user_id: user.userId,
      credits: 0,
      plan_id: null,
      review_reason: "unknown_plan",
    });
    expect(await balanceOf(user.userId)).toBe(before);
  });

  it("records and acknowledges bad input without granting: amounts as strings, missing fields, wrong types", async () => {
    const user = await signUp({ ip: IP });
    const before = await balanceOf(user.userId);
    const good = paymentData({ userId: user.userId, whopPlanId: PACK.whopPlanId });
    const bad = [
      { ...good, id: whopIds.payment(), total: "5.00" },
      { ...good, id: undefined },
      { ...good, id: "pay with spaces" },
      { ...good, id: whopIds.payment(), plan: "plan_dev_pack_500" },
      { ...good, id: whopIds.payment(), currency: 840 },
      { ...good, id: whopIds.payment(), total: -5 },
      "not an object",
      null,
    ];
    for (const data of bad) {
      const delivery = await whop.event("payment.succeeded", data);
      const res = await deliver(delivery);
      expect(res.status, JSON.stringify(data)?.slice(0, 80)).toBe(200);
      expect(await eventRow(delivery.headers["webhook-id"]!)).toMatchObject({ outcome: "invalid_payload" });
    }
    expect(await balanceOf(user.userId)).toBe(before);
    expect(await paymentRow(String((bad[0] as { id: string }).id))).toBeNull();
  });

  describe("the amount paid is checked against the plan's price", () => {
    const PRO_PLAN = "plan_dev_pro_monthly";
    const cases = [
      { name: "a coupon (paid $2.50 for the $5 pack)", data: { whopPlanId: PACK.whopPlanId, total: 2.5 }, reason: "underpaid" },
      {
        name: "a coupon shown only in total (subtotal $5, total $2.50)",
        data: { whopPlanId: PACK.whopPlanId, total: 5 },
        patch: { total: 2.5 },
        reason: "underpaid",
      },
      { name: "a free trial ($0 for Pro)", data: { whopPlanId: PRO_PLAN, total: 0 }, reason: "underpaid" },
      {
        name: "another currency (5 EUR for the $5 pack)",
        data: { whopPlanId: PACK.whopPlanId, total: 5, currency: "eur" },
        reason: "currency_mismatch",
      },
      { name: "no amount at all", data: { whopPlanId: PACK.whopPlanId }, patch: { total: null, subtotal: null }, reason: "amount_unknown" },
    ] as const;
    it.each(cases)(
      "$name: recorded for review, nothing granted, shown to the owner as under review",
      async ({ data: input, reason, ...rest }) => {
        const user = await signUp({ ip: IP });
        const before = await balanceOf(user.userId);
        const data: Record<string, unknown> = { ...paymentData({ userId: user.userId, ...input }), ...("patch" in rest ? rest.patch : {}) };
        const first = await send("payment.succeeded", data);
        expect(first).toMatchObject({ status: 200, body: { ok: true, outcome: reason } });
        // Redelivered (new message id): still exactly one row, still nothing granted.
        expect((await send("payment.succeeded", data)).body.outcome).toBe(reason);
        expect(await balanceOf(user.userId)).toBe(before);
        expect(await rowsFor(String(data.id))).toEqual([]);
        expect(await paymentRow(String(data.id))).toMatchObject({
          user_id: user.userId,
          credits: 0,
          status: "review",
          review_reason: reason,
          granted_at: null,
        });
        const { items } = await (await api("/api/billing/payments", { cookie: user.cookie })).json<{ items: Record<string, unknown>[] }>();
        expect(items).toEqual([expect.objectContaining({ id: data.id, status: "review", reviewReason: reason, credits: 0 })]);
      },
    );

    it("an overpayment in the plan's currency (tax on top) grants the plan's credits, no more", async () => {
      const user = await signUp({ ip: IP });
      const before = await balanceOf(user.userId);
      const data: Record<string, unknown> = {
        ...paymentData({ userId: user.userId, whopPlanId: PACK.whopPlanId, total: 5.45 }),
        subtotal: 5,
      };
      expect((await send("payment.succeeded", data)).body.outcome).toBe("granted");
      expect(await balanceOf(user.userId)).toBe(before + PACK.credits);
      expect(await paymentRow(String(data.id))).toMatchObject({ status: "paid", review_reason: null, amount_minor: 545 });
    });
  });

  it("records and acknowledges unknown event types", async () => {
    for (const type of ["invoice.paid", "payment.failed", "something.new"]) {
      const { status, body } = await send(type, { id: "x_1" });
      expect(status).toBe(200);
      expect(body.outcome).toBe("ignored");
    }
  });

  it("lists the payment for its owner only", async () => {
    const owner = await signUp({ ip: IP });
    const other = await signUp({ ip: IP });
    const data = paymentData({ userId: owner.userId, whopPlanId: PACK.whopPlanId, total: 5 });
    await send("payment.succeeded", data);
    const mine = await (await api("/api/billing/payments", { cookie: owner.cookie })).json<{ items: { id: string }[] }>();
    expect(mine.items).toEqual([
      expect.objectContaining({
        id: data.id,
        planId: "pack-500",
        planName: "500 credit pack",
        credits: 500,
        amount: 500,
        currency: "usd",
        status: "paid",
      }),
    ]);
    const theirs = await (await api("/api/billing/payments", { cookie: other.cookie })).json<{ items: unknown[] }>();
    expect(theirs.items).toEqual([]);
    expect((await api("/api/billing/payments")).status).toBe(401);
    expect((await api("/api/billing/payments?cursor=nonsense", { cookie: owner.cookie })).status).toBe(400);
    expect((await api("/api/billing/payments?limit=0", { cookie: owner.cookie })).status).toBe(400);
  });

  it("pushes the payment to the user's open tabs as soon as it is granted", async () => {
    const user = await signUp({ ip: IP });
    // Straight to the user's Account object (what `GET /api/live` forwards to after checking the session).
    const res = await env.ACCOUNT.getByName(user.userId).fetch(new Request("http://account/live", { headers: { Upgrade: "websocket" } }));
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    ws.accept();
    const messages: { type: string; payment?: { id: string } }[] = [];
    ws.addEventListener("message", (event) => messages.push(JSON.parse(String(event.data))));
    const data = paymentData({ userId: user.userId, whopPlanId: PACK.whopPlanId });
    await send("payment.succeeded", data);
    await expect.poll(() => messages.find((m) => m.type === "payment")?.payment?.id).toBe(data.id);
    ws.close();
  });

  it("writes ledger lines that read naturally", async () => {
    const user = await signUp({ ip: IP });
    const data = paymentData({ userId: user.userId, whopPlanId: PACK.whopPlanId });
    await send("payment.succeeded", data);
    expect((await ledgerOf(user.userId)).map((r) => r.description)).toContain("Purchase — 500 credit pack");
  });
});
