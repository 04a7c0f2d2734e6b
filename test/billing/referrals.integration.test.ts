import { describe, expect, it } from "vitest";
import { REFERRAL_BONUS } from "../../shared/plans";
import { api, signUp } from "../support/users";
import { paymentData, reversalData, whopIds } from "./fake-whop";
import { balanceOf, ledgerOf, PACK, send } from "./support";

const IP = "10.250.5.1";

async function referralsOf(cookie: string) {
  const res = await api("/api/billing/referrals", { cookie });
  expect(res.status).toBe(200);
  return res.json<{
    code: string;
    link: string;
    signedUp: number;
    rewarded: number;
    creditsEarned: number;
    rewards: { status: string }[];
  }>();
}

describe("referrals", () => {
  it("gives both people their bonus once, on the referred user's first payment, and takes the referrer's back on refund", async () => {
    const referrer = await signUp({ ip: IP });
    const summary = await referralsOf(referrer.cookie);
    expect(summary.link).toMatch(new RegExp(`/signup\\?ref=${summary.code}$`));
    const friend = await signUp({ ip: IP, referralCode: summary.code.toLowerCase() });
    expect(await referralsOf(referrer.cookie)).toMatchObject({ signedUp: 1, rewarded: 0, creditsEarned: 0 });

    const referrerStart = await balanceOf(referrer.userId);
    const friendStart = await balanceOf(friend.userId);
    const first = paymentData({ userId: friend.userId, whopPlanId: PACK.whopPlanId, total: 5 });
    await Promise.all([send("payment.succeeded", first), send("payment.succeeded", first)]);
    await send("payment.succeeded", paymentData({ userId: friend.userId, whopPlanId: PACK.whopPlanId, total: 5 }));

    expect(await balanceOf(referrer.userId)).toBe(referrerStart + REFERRAL_BONUS.referrer);
    expect(await balanceOf(friend.userId)).toBe(friendStart + 2 * PACK.credits + REFERRAL_BONUS.referred);
    expect(await referralsOf(referrer.cookie)).toMatchObject({ signedUp: 1, rewarded: 1, creditsEarned: REFERRAL_BONUS.referrer });
    expect((await ledgerOf(referrer.userId)).filter((r) => r.description.startsWith("Referral bonus"))).toHaveLength(1);

    await send("refund.created", reversalData({ id: whopIds.refund(), paymentId: String(first.id), amount: 5 }));
    await send("refund.updated", reversalData({ id: whopIds.refund(), paymentId: String(first.id), amount: 5 }));
    expect(await balanceOf(referrer.userId)).toBe(referrerStart);
    expect(await balanceOf(friend.userId)).toBe(friendStart + PACK.credits + REFERRAL_BONUS.referred);
    expect(await referralsOf(referrer.cookie)).toMatchObject({ rewarded: 0, creditsEarned: 0, rewards: [{ status: "reversed" }] });
  });

  it("earns no bonus while either person restricts processing; the first payment after lifting it does", async () => {
    const referrer = await signUp({ ip: IP });
    const { code } = await referralsOf(referrer.cookie);
    const friend = await signUp({ ip: IP, referralCode: code });
    const restrict = (user: typeof friend, restricted: boolean) =>
      api("/api/account/restriction", { method: "PUT", cookie: user.cookie, json: { restricted } });
    const referrerStart = await balanceOf(referrer.userId);
    const friendStart = await balanceOf(friend.userId);

    expect((await restrict(friend, true)).status).toBe(200);
    await send("payment.succeeded", paymentData({ userId: friend.userId, whopPlanId: PACK.whopPlanId, total: 5 }));
    await restrict(friend, false);
    await restrict(referrer, true);
    await send("payment.succeeded", paymentData({ userId: friend.userId, whopPlanId: PACK.whopPlanId, total: 5 }));
    // Both payments' credits arrived (the purchase is the contract); no bonus for either person.
    expect(await balanceOf(friend.userId)).toBe(friendStart + 2 * PACK.credits);
    expect(await balanceOf(referrer.userId)).toBe(referrerStart);
    expect(await referralsOf(referrer.cookie)).toMatchObject({ signedUp: 1, rewarded: 0, rewards: [] });

    await restrict(referrer, false);
    await send("payment.succeeded", paymentData({ userId: friend.userId, whopPlanId: PACK.whopPlanId, total: 5 }));
    expect(await balanceOf(friend.userId)).toBe(friendStart + 3 * PACK.credits + REFERRAL_BONUS.referred);
    expect(await balanceOf(referrer.userId)).toBe(referrerStart + REFERRAL_BONUS.referrer);
  });

  it("gives no bonus for payments of people nobody referred, nor for an unknown referral code", async () => {
    const loner = await signUp({ ip: IP, referralCode: "NOSUCHCODE" });
    const start = await balanceOf(loner.userId);
    await send("payment.succeeded", paymentData({ userId: loner.userId, whopPlanId: PACK.whopPlanId }));
    expect(await balanceOf(loner.userId)).toBe(start + PACK.credits);
  });

  it("needs a session", async () => {
    expect((await api("/api/billing/referrals")).status).toBe(401);
  });
});
