import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { startCheckout } from "../../workers/billing/checkout";
import { devCheckoutEnabled } from "../../workers/billing/env-deps";
import { whopApi } from "../../workers/billing/whop-api";
import { api, signUp } from "../support/users";
import { fakeWhopApi } from "./fake-whop-api";
import { balanceOf, paymentRow } from "./support";

const IP = "10.250.6.1";

describe("GET /api/plans", () => {
  it("lists at least one pack and one subscription, with a checkout link only when signed in", async () => {
    const anonymous = await (await api("/api/plans")).json<{ plans: Record<string, unknown>[] }>();
    expect(anonymous.plans.some((p) => p.kind === "pack")).toBe(true);
    expect(anonymous.plans.some((p) => p.kind === "subscription")).toBe(true);
    for (const plan of anonymous.plans) {
      expect(plan).toMatchObject({
        id: expect.any(String),
        whopPlanId: expect.any(String),
        name: expect.any(String),
        credits: expect.any(Number),
        price: expect.any(Number),
        currency: "usd",
      });
      expect(plan.checkoutUrl).toBeUndefined();
    }
    const user = await signUp({ ip: IP });
    const signedIn = await (await api("/api/plans", { cookie: user.cookie })).json<{
      plans: { id: string; checkoutUrl: string; buys: string }[];
    }>();
    expect(signedIn.plans[0]).toMatchObject({
      id: "pack-500",
      checkoutUrl: "/api/billing/checkout-redirect?planId=pack-500",
      buys: "≈ 500 images or 100 s of video",
    });
  });
});

describe("checkout without a Whop key (offline development)", () => {
  it("sends the user to the labelled local checkout page", async () => {
    const user = await signUp({ ip: IP });
    const res = await api("/api/billing/checkout", { method: "POST", cookie: user.cookie, json: { planId: "pack-500" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ purchaseUrl: "/api/billing/dev-checkout?planId=pack-500" });
    const redirect = await api("/api/billing/checkout-redirect?planId=pro-monthly", { cookie: user.cookie, redirect: "manual" });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get("Location")).toBe("/api/billing/dev-checkout?planId=pro-monthly");

    const page = await api("/api/billing/dev-checkout?planId=pack-500", { cookie: user.cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Development checkout — no real payment");
    expect(html).toContain('action="/api/billing/dev-checkout"');
  });

  it("refuses unknown plans, bad bodies and signed-out callers with 4xx", async () => {
    const user = await signUp({ ip: IP });
    const post = (json: unknown) => api("/api/billing/checkout", { method: "POST", cookie: user.cookie, json });
    expect((await post({ planId: "pack-9999" })).status).toBe(400);
    expect((await post({})).status).toBe(400);
    expect((await post({ planId: 5 })).status).toBe(400);
    expect((await post({ planId: "pack-500", extra: true })).status).toBe(400);
    const notJson = await api("/api/billing/checkout", {
      method: "POST",
      cookie: user.cookie,
      body: "{nope",
      headers: { "Content-Type": "application/json" },
    });
    expect(notJson.status).toBe(400);
    expect((await api("/api/billing/checkout", { method: "POST", json: { planId: "pack-500" } })).status).toBe(401);
    expect((await api("/api/billing/dev-checkout?planId=nope", { cookie: user.cookie })).status).toBe(400);
  });

  it("refuses a malformed Idempotency-Key with 400 validation_failed, as generation does, and accepts a good one", async () => {
    const user = await signUp({ ip: IP });
    const post = (key: string) =>
      api("/api/billing/checkout", {
        method: "POST",
        cookie: user.cookie,
        json: { planId: "pack-500" },
        headers: { "Idempotency-Key": key },
      });
    for (const bad of ["x".repeat(201), "has space", "tab\tkey"]) {
      const res = await post(bad);
      expect(res.status).toBe(400);
      const { error } = await res.json<{ error: { code: string; issues: { path: string }[] } }>();
      expect(error.code).toBe("validation_failed");
      expect(error.issues[0]?.path).toBe("Idempotency-Key");
    }
    expect((await post(`click-${crypto.randomUUID()}`)).status).toBe(200);
  });

  it("'pays' through a signed webhook: a pack grants its credits and shows in the payments", async () => {
    const user = await signUp({ ip: IP });
    const start = await balanceOf(user.userId);
    const res = await api("/api/billing/dev-checkout", {
      method: "POST",
      cookie: user.cookie,
      body: new URLSearchParams({ planId: "pack-500" }),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("Location")!, "http://localhost");
    expect(location.pathname).toBe("/billing");
    const paymentId = location.searchParams.get("payment")!;
    expect(paymentId).toMatch(/^pay_dev_/);
    expect(await balanceOf(user.userId)).toBe(start + 500);
    expect(await paymentRow(paymentId)).toMatchObject({ user_id: user.userId, amount_minor: 500, currency: "usd", plan_id: "pack-500" });
    // It came in as a verified, recorded webhook delivery.
    const event = await env.DB.prepare("SELECT type, outcome FROM webhook_events WHERE payment_id = ?").bind(paymentId).first();
    expect(event).toEqual({ type: "payment.succeeded", outcome: "granted" });
  });

  it("'pays' for a subscription: the membership shows and the month is granted", async () => {
    const user = await signUp({ ip: IP });
    const start = await balanceOf(user.userId);
    const res = await api("/api/billing/dev-checkout", { method: "POST", cookie: user.cookie, json: { planId: "pro-monthly" } });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ outcome: "granted" });
    expect(await balanceOf(user.userId)).toBe(start + 1500);
    const sub = await (await api("/api/billing/subscription", { cookie: user.cookie })).json<{ subscription: { status: string } }>();
    expect(sub.subscription).toMatchObject({ planId: "pro-monthly", status: "active", active: true });
  });

  it("is only on in development without a Whop key", () => {
    expect(devCheckoutEnabled({ ENVIRONMENT: "development", WHOP_API_KEY: "" })).toBe(true);
    expect(devCheckoutEnabled({ ENVIRONMENT: "development", WHOP_API_KEY: "key" })).toBe(false);
    expect(devCheckoutEnabled({ ENVIRONMENT: "production", WHOP_API_KEY: "" })).toBe(false);
  });
});

describe("checkout with Whop (fake Whop API)", () => {
  const deps = (fake = fakeWhopApi()) => ({
    fake,
    deps: {
      whop: whopApi({ apiKey: "whop_test_key", companyId: "biz_test", fetch: fake.fetch }),
      publicUrl: "https://ausar.example",
      devCheckout: false,
    },
  });

  it("creates a checkout configuration carrying the user id, with an explicit Idempotency-Key", async () => {
    const { fake, deps: d } = deps();
    const url = await startCheckout(d, "user-1", "pack-500", "click-1");
    expect(url).toMatch(/^https:\/\/whop\.com\/checkout\/plan_dev_pack_500\/\?session=ch_/);
    const [call] = fake.requests;
    expect(call).toMatchObject({ method: "POST", path: "/api/v1/checkout_configurations" });
    expect(call!.headers.get("Idempotency-Key")).toMatch(/^checkout-[0-9a-f]{40}$/);
    expect(JSON.parse(call!.body)).toEqual({
      plan_id: "plan_dev_pack_500",
      metadata: { ausar_user_id: "user-1" },
      redirect_url: "https://ausar.example/billing?checkout=pack-500",
    });
    // The same click retried gets the same configuration; another click a new one.
    expect(await startCheckout(d, "user-1", "pack-500", "click-1")).toBe(url);
    expect(await startCheckout(d, "user-1", "pack-500", "click-2")).not.toBe(url);
    expect(await startCheckout(d, "user-1", "pack-500")).not.toBe(url);
  });

  it("answers 503 when Whop fails, and never offers the local checkout", async () => {
    const { fake, deps: d } = deps();
    fake.failWith = 500;
    await expect(startCheckout(d, "user-1", "pack-500")).rejects.toMatchObject({ code: "unavailable" });
    await expect(startCheckout({ ...d, whop: null }, "user-1", "pack-500")).rejects.toMatchObject({ code: "unavailable" });
  });
});
