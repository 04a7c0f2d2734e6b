import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../workers/lib/ids";
import { paymentData } from "../billing/fake-whop";
import { PACK, paymentRow, send } from "../billing/support";
import { rowsMentioning, waitFor } from "../privacy/support";
import { api, signUp, type TestUser } from "../support/users";
import { staffUser } from "./staff";
import { enrolTotp } from "./totp";

const ip = "10.91.9.1";
const post = (user: TestUser, path: string, json: unknown) => api(path, { method: "POST", json, cookie: user.cookie, ip });

async function enrolled(role: "support" | "admin") {
  const member = await staffUser(role);
  return { ...member, code: await enrolTotp(member.userId) };
}

async function errorCode(res: Response): Promise<string> {
  return (await res.json<{ error: { code: string } }>()).error.code;
}

describe("POST /api/admin/payments/:id/refund", () => {
  it("is admin only, needs a reason and a fresh code, and writes nothing on a refusal", async () => {
    const admin = await enrolled("admin");
    const support = await enrolled("support");
    const buyer = await signUp();
    const payment = paymentData({ userId: buyer.userId, whopPlanId: PACK.whopPlanId, total: 5 });
    await send("payment.succeeded", payment);
    const path = `/api/admin/payments/${payment.id}/refund`;

    expect((await post(support, path, { reason: "asked", code: support.code() })).status).toBe(403);
    expect((await post(admin, path, { reason: "asked" })).status).toBe(400);
    expect((await post(admin, path, { reason: "", code: "123456" })).status).toBe(400);
    expect((await post(admin, path, { reason: "asked", code: "123456", amount: -1 })).status).toBe(400);
    const wrong = await post(admin, path, { reason: "asked", code: "000000" });
    expect(wrong.status).toBe(400);
    expect(await errorCode(wrong)).toBe("invalid_code");
    // No Whop key in tests: the route says so, and records nothing.
    const offline = await post(admin, path, { reason: "asked", code: admin.code() });
    expect(offline.status).toBe(503);
    expect(await paymentRow(String(payment.id))).toMatchObject({ refund_requested_at: null, status: "paid" });
    expect((await post(admin, "/api/admin/payments/pay_unknown123/refund", { reason: "asked", code: admin.code() })).status).toBe(404);
    expect((await post(admin, "/api/admin/payments/not-a-payment/refund", { reason: "asked", code: "123456" })).status).toBe(404);
  });

  it("refuses a payment already fully refunded", async () => {
    const admin = await enrolled("admin");
    const buyer = await signUp();
    const payment = paymentData({ userId: buyer.userId, whopPlanId: PACK.whopPlanId, total: 5 });
    await send("payment.succeeded", payment);
    await env.DB.prepare("UPDATE payments SET status = 'refunded', refunded_minor = 500 WHERE id = ?").bind(payment.id).run();
    const res = await post(admin, `/api/admin/payments/${payment.id}/refund`, { reason: "asked", code: admin.code() });
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe("invalid_state");
  });
});

describe("POST /api/admin/users/:id/delete-as-minor", () => {
  it("needs a fresh code, refuses staff accounts, and erases the person at once otherwise", async () => {
    const support = await enrolled("support");
    const other = await staffUser("admin");
    const user = await signUp();
    const path = `/api/admin/users/${user.userId}/delete-as-minor`;

    expect((await post(support, path, { reason: "parent's email" })).status).toBe(400);
    expect((await post(support, path, { reason: "parent's email", code: "000000" })).status).toBe(400);
    expect((await api("/api/me", { cookie: user.cookie, ip })).status).toBe(200);
    expect((await post(support, `/api/admin/users/${other.userId}/delete-as-minor`, { reason: "x", code: support.code() })).status).toBe(
      409,
    );
    expect((await post(support, `/api/admin/users/${newId()}/delete-as-minor`, { reason: "x", code: support.code() })).status).toBe(404);

    const res = await post(support, path, { reason: "parent's email: the user is 14", code: support.code() });
    expect(res.status).toBe(202);
    expect((await api("/api/me", { cookie: user.cookie, ip })).status).toBe(401);
    await waitFor(
      async () => ((await env.DB.prepare("SELECT id FROM users WHERE id = ?").bind(user.userId).first()) ? undefined : true),
      "purge",
    );
    expect(await rowsMentioning(user.userId, user.email)).toEqual({});
  });
});
