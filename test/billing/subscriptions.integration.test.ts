import { describe, expect, it } from "vitest";
import { api, signUp } from "../support/users";
import { paymentData, whopIds } from "./fake-whop";
import { balanceOf, deliver, ledgerOf, PRO, send, whop } from "./support";

const IP = "10.250.4.1";
const DAY = 86_400_000;

function membership(input: { id: string; userId: string | null; status?: string; cancel?: boolean; renewalEnd?: number }) {
  return {
    id: input.id,
    status: input.status ?? "active",
    member: { id: "mber_test" },
    user: { id: "user_test", username: "buyer", name: "Buyer", email: null },
    renewal_period_start: new Date().toISOString(),
    renewal_period_end: new Date(input.renewalEnd ?? Date.now() + 30 * DAY).toISOString(),
    cancel_at_period_end: input.cancel ?? false,
    currency: "usd",
    plan: { id: PRO.whopPlanId },
    product: { id: "prod_test", title: "Ausar Pro" },
    metadata: input.userId ? { ausar_user_id: input.userId } : {},
    manage_url: "https://whop.com/billing/manage/mem_test",
  };
}

const subscriptionOf = async (cookie: string) =>
  (await (await api("/api/billing/subscription", { cookie })).json<{ subscription: Record<string, unknown> | null }>()).subscription;

/** A Whop event envelope carries its own time; out-of-order tests set it explicitly. */
async function sendAt(type: string, data: unknown, at: number) {
  const body = JSON.stringify({ id: whopIds.message(), api_version: "v1", type, timestamp: new Date(at).toISOString(), data });
  return deliver(await whop.sign(body));
}

describe("subscriptions", () => {
  it("shows an activated membership and grants each month's credits with its (renewal) payment", async () => {
    const user = await signUp({ ip: IP });
    const memId = whopIds.membership();
    expect(await subscriptionOf(user.cookie)).toBeNull();
    const renewalEnd = Date.now() + 30 * DAY;
    expect((await send("membership.activated", membership({ id: memId, userId: user.userId, renewalEnd }))).body.outcome).toBe(
      "subscription_updated",
    );
    expect(await subscriptionOf(user.cookie)).toMatchObject({
      membershipId: memId,
      planId: "pro-monthly",
      planName: "Pro",
      status: "active",
      active: true,
      cancelAtPeriodEnd: false,
      renewsAt: renewalEnd,
      creditsPerMonth: PRO.credits,
    });

    const start = await balanceOf(user.userId);
    await send("payment.succeeded", paymentData({ userId: user.userId, whopPlanId: PRO.whopPlanId, total: 12, membershipId: memId }));
    // Renewals may come without our metadata: the membership id ties them to the user.
    const renewal = paymentData({ userId: null, whopPlanId: PRO.whopPlanId, total: 12, membershipId: memId });
    expect((await send("payment.succeeded", renewal)).body.outcome).toBe("granted");
    expect((await send("payment.succeeded", renewal)).body.outcome).toBe("duplicate");
    expect(await balanceOf(user.userId)).toBe(start + 2 * PRO.credits);
    const lines = (await ledgerOf(user.userId)).filter((r) => r.description.startsWith("Subscription — Pro, "));
    expect(lines).toHaveLength(2);
  });

  it("follows cancel-at-period-end and deactivation, ignoring older events that arrive late", async () => {
    const user = await signUp({ ip: IP });
    const memId = whopIds.membership();
    const t = Date.now();
    await sendAt("membership.activated", membership({ id: memId, userId: user.userId }), t - 3000);
    await sendAt(
      "membership.cancel_at_period_end_changed",
      membership({ id: memId, userId: user.userId, cancel: true, status: "canceling" }),
      t - 2000,
    );
    expect(await subscriptionOf(user.cookie)).toMatchObject({ status: "canceling", active: true, cancelAtPeriodEnd: true });
    await sendAt("membership.deactivated", membership({ id: memId, userId: null, status: "expired", cancel: true }), t - 1000);
    // The activation again, delivered late (older timestamp): it changes nothing.
    await sendAt("membership.activated", membership({ id: memId, userId: user.userId }), t - 2500);
    expect(await subscriptionOf(user.cookie)).toMatchObject({ membershipId: memId, status: "expired", active: false });
  });

  it("records a membership for an unknown user without attaching it to anyone", async () => {
    const { body } = await send("membership.activated", membership({ id: whopIds.membership(), userId: `u-${crypto.randomUUID()}` }));
    expect(body.outcome).toBe("unknown_user");
  });

  it("needs a session", async () => {
    expect((await api("/api/billing/subscription")).status).toBe(401);
  });
});
