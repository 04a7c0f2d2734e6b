import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { cancelMembershipsOf, ERASED_MEMBERSHIP_RETENTION_MS, sweepErasedMemberships } from "../../workers/billing/cancel-memberships";
import { whopApi } from "../../workers/billing/whop-api";
import { database } from "../../workers/db/client";
import { Budget } from "../../workers/privacy/budget";
import { api, signUp, type TestUser } from "../support/users";
import { paymentData, whopIds } from "./fake-whop";
import { fakeWhopApi } from "./fake-whop-api";
import { deliver, eventRow, ledgerOf, PRO, paymentRow, send, whop } from "./support";

const IP = "10.250.9.1";
const db = database(env.DB);

/** A person with a live Pro subscription, an ended one, and a membership known only from a payment, as the webhooks would have stored them. */
async function subscriber(): Promise<{ user: TestUser; live: string; ended: string; paidOnly: string }> {
  const user = await signUp({ ip: IP });
  const [live, ended, paidOnly] = [whopIds.membership(), whopIds.membership(), whopIds.membership()];
  const now = Date.now();
  const sub = (id: string, status: string) =>
    env.DB.prepare(
      "INSERT INTO subscriptions (membership_id, user_id, plan_id, whop_plan_id, status, event_at, created_at, updated_at) VALUES (?1, ?2, 'pro-monthly', ?3, ?4, ?5, ?5, ?5)",
    ).bind(id, user.userId, PRO.whopPlanId, status, now);
  await env.DB.batch([
    sub(live, "active"),
    sub(ended, "expired"),
    env.DB.prepare(
      "INSERT INTO payments (id, user_id, plan_id, credits, status, membership_id, first_event_id, paid_at, created_at) VALUES (?1, ?2, 'pro-monthly', 0, 'paid', ?3, 'msg_seed', ?4, ?4)",
    ).bind(whopIds.payment(), user.userId, paidOnly, now),
  ]);
  return { user, live, ended, paidOnly };
}

function fakeWhop() {
  const fake = fakeWhopApi();
  return { fake, client: whopApi({ apiKey: "whop_test_key", companyId: "biz_test", fetch: fake.fetch }) };
}

const erasedRow = (id: string) =>
  env.DB.prepare("SELECT * FROM erased_memberships WHERE membership_id = ?").bind(id).first<Record<string, unknown>>();
const cancels = (fake: ReturnType<typeof fakeWhopApi>) => fake.requests.filter((r) => r.method === "POST" && r.path.endsWith("/cancel"));

describe("account deletion cancels the person's Whop memberships", () => {
  it("cancels each membership that may still bill, immediately, through Whop's API, and only once", async () => {
    const { user, live, ended, paidOnly } = await subscriber();
    const { fake, client } = fakeWhop();
    for (const id of [live, paidOnly]) fake.memberships.set(id, { id, status: "active", cancel_at_period_end: false });
    const ctx = { db, userId: user.userId, now: Date.now(), budget: new Budget(200) };

    expect(await cancelMembershipsOf(ctx, client)).toBe(true);
    expect(
      cancels(fake)
        .map((r) => r.path)
        .sort(),
    ).toEqual([`/api/v1/memberships/${live}/cancel`, `/api/v1/memberships/${paidOnly}/cancel`].sort());
    expect(cancels(fake).every((r) => JSON.parse(r.body).cancellation_mode === "immediate")).toBe(true);
    expect(fake.memberships.get(live)!.status).toBe("canceled");
    expect(await erasedRow(live)).toMatchObject({ status: "canceled", attempts: 1, canceled_at: expect.any(Number), last_error: null });
    expect(await erasedRow(ended)).toBeNull();

    // The purge is resumed and re-run: Whop is not called again.
    expect(await cancelMembershipsOf({ ...ctx, budget: new Budget(200) }, client)).toBe(true);
    expect(cancels(fake)).toHaveLength(2);
  });

  it("a Whop failure is recorded and thrown (the purge message is retried), and the retry finishes the job", async () => {
    const { user, live, paidOnly } = await subscriber();
    const { fake, client } = fakeWhop();
    for (const id of [live, paidOnly]) fake.memberships.set(id, { id, status: "active", cancel_at_period_end: false });
    fake.failWith = 503;
    const ctx = { db, userId: user.userId, now: Date.now(), budget: new Budget(200) };
    await expect(cancelMembershipsOf(ctx, client)).rejects.toThrow(/503/);
    const failed = [await erasedRow(live), await erasedRow(paidOnly)].find((r) => r!.attempts === 1);
    expect(failed).toMatchObject({ status: "pending", last_error: expect.stringContaining("503") });

    fake.failWith = null;
    expect(await cancelMembershipsOf({ ...ctx, budget: new Budget(200) }, client)).toBe(true);
    expect(await erasedRow(live)).toMatchObject({ status: "canceled" });
    expect(await erasedRow(paidOnly)).toMatchObject({ status: "canceled" });
  });

  it("takes a membership Whop already ended (or no longer knows) as done", async () => {
    const { user, live, paidOnly } = await subscriber();
    const { fake, client } = fakeWhop();
    fake.memberships.set(live, { id: live, status: "canceled", cancel_at_period_end: false });
    fake.refuseEndedWith = 422;
    const ctx = { db, userId: user.userId, now: Date.now(), budget: new Budget(200) };
    expect(await cancelMembershipsOf(ctx, client)).toBe(true);
    expect(await erasedRow(live)).toMatchObject({ status: "canceled" });
    expect(await erasedRow(paidOnly)).toMatchObject({ status: "canceled" });
    expect(fake.requests.some((r) => r.method === "GET" && r.path === `/api/v1/memberships/${live}`)).toBe(true);
  });

  it("keeps retrying a membership Whop will not end", async () => {
    const { user, live } = await subscriber();
    const { fake } = fakeWhop();
    fake.memberships.set(live, { id: live, status: "active", cancel_at_period_end: false });
    fake.refuseEndedWith = null;
    // A Whop that refuses the cancel (say, a membership of another company) while the membership stays active.
    const refusing: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.method === "POST") return new Response(JSON.stringify({ error: { message: "nope" } }), { status: 422 });
      return fake.fetch(request);
    };
    const stubborn = whopApi({ apiKey: "whop_test_key", companyId: "biz_test", fetch: refusing });
    await expect(cancelMembershipsOf({ db, userId: user.userId, now: Date.now(), budget: new Budget(200) }, stubborn)).rejects.toThrow(
      /did not end/,
    );
    expect(await erasedRow(live)).toMatchObject({ status: "pending", attempts: 1 });
  });

  it("stops when the purge budget runs out, and resumes", async () => {
    const { user, live, paidOnly } = await subscriber();
    const { fake, client } = fakeWhop();
    for (const id of [live, paidOnly]) fake.memberships.set(id, { id, status: "active", cancel_at_period_end: false });
    const ctx = { db, userId: user.userId, now: Date.now(), budget: new Budget(8) };
    expect(await cancelMembershipsOf(ctx, client)).toBe(false);
    expect(cancels(fake)).toHaveLength(1);
    expect(await cancelMembershipsOf({ ...ctx, budget: new Budget(200) }, client)).toBe(true);
    expect(cancels(fake)).toHaveLength(2);
  });

  it("without a Whop API key (offline development) records the memberships as offline and calls nothing", async () => {
    const { user, live } = await subscriber();
    expect(await cancelMembershipsOf({ db, userId: user.userId, now: Date.now(), budget: new Budget(200) }, null)).toBe(true);
    expect(await erasedRow(live)).toMatchObject({ status: "offline", attempts: 0 });
  });
});

describe("a renewal that still arrives for an erased account", () => {
  it("is recorded as refund_due and never granted, after the purge and while it is under way", async () => {
    const { user, live } = await subscriber();
    const res = await api("/api/account", { method: "DELETE", cookie: user.cookie, ip: IP, json: { password: user.password } });
    expect(res.status).toBe(202);

    // Deletion requested: the metadata names an account being erased.
    const early = paymentData({ userId: user.userId, whopPlanId: PRO.whopPlanId, membershipId: whopIds.membership() });
    expect((await send("payment.succeeded", early)).body.outcome).toBe("refund_due");

    for (let i = 0; i < 400 && (await env.DB.prepare("SELECT 1 FROM users WHERE id = ?").bind(user.userId).first()); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await env.DB.prepare("SELECT 1 FROM users WHERE id = ?").bind(user.userId).first()).toBeNull();
    expect(await erasedRow(live)).toMatchObject({ status: "offline" });

    // After the purge: the membership is what tells (the user id names nobody any more).
    const renewal = paymentData({ userId: user.userId, whopPlanId: PRO.whopPlanId, membershipId: live });
    const delivery = await whop.event("payment.succeeded", renewal);
    const answer = await deliver(delivery);
    expect(answer.status).toBe(200);
    expect(await paymentRow(renewal.id as string)).toMatchObject({
      review_reason: "refund_due",
      credits: 0,
      user_id: null,
      whop_user_id: null,
      membership_id: null,
      granted_at: null,
    });
    expect(await eventRow(delivery.headers["webhook-id"]!)).toMatchObject({ outcome: "refund_due" });
    expect(await ledgerOf(user.userId)).toEqual([]);

    // Whop's deactivation of the canceled membership writes no new row about it.
    const deactivated = await send("membership.deactivated", {
      id: live,
      status: "canceled",
      plan: { id: PRO.whopPlanId },
      metadata: { ausar_user_id: user.userId },
    });
    expect(deactivated.body.outcome).toBe("erased_account");
    expect(await env.DB.prepare("SELECT 1 FROM subscriptions WHERE membership_id = ?").bind(live).first()).toBeNull();
  });

  it("a payment for an account that never existed is still unknown_user, not refund_due", async () => {
    const stray = paymentData({ userId: "u_nobody_at_all", whopPlanId: PRO.whopPlanId });
    expect((await send("payment.succeeded", stray)).body.outcome).toBe("unknown_user");
  });
});

describe("erased memberships' retention", () => {
  it("forgets a canceled membership after 400 days, never one still waiting for Whop", async () => {
    const now = Date.now();
    const [old, waiting] = [whopIds.membership(), whopIds.membership()];
    const past = now - ERASED_MEMBERSHIP_RETENTION_MS - 1;
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO erased_memberships (membership_id, status, created_at, canceled_at) VALUES (?1, 'canceled', ?2, ?2)",
      ).bind(old, past),
      env.DB.prepare("INSERT INTO erased_memberships (membership_id, status, created_at) VALUES (?1, 'pending', ?2)").bind(waiting, past),
    ]);
    await sweepErasedMemberships(env.DB, now);
    expect(await erasedRow(old)).toBeNull();
    expect(await erasedRow(waiting)).toMatchObject({ status: "pending" });
  });
});
