import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { insertWhopIdentity } from "../../workers/auth/whop/identities";
import { database } from "../../workers/db/client";
import { signUp } from "../support/users";
import { paymentData, whopIds } from "./fake-whop";
import { balanceOf, PACK, PRO, paymentRow, send } from "./support";

const IP = "10.250.9.1";

/** A person who connected Whop account `whopUserId` (Sign in with Whop). */
async function linkedPerson(whopUserId: string) {
  const person = await signUp({ ip: IP });
  await insertWhopIdentity(database(env.DB), { userId: person.userId, subject: whopUserId, email: null, now: Date.now() });
  return person;
}

const paidBy = (whopUserId: string, metadataUserId: string | null): Record<string, unknown> => ({
  ...paymentData({ userId: metadataUserId, whopPlanId: PACK.whopPlanId, membershipId: null }),
  user: { id: whopUserId, email: null, name: "Buyer", username: "buyer" },
});

describe("payments attributed by the linked Whop user id", () => {
  it("credits the account that linked the buyer's Whop account, with no metadata at all", async () => {
    const whopUserId = whopIds.user();
    const person = await linkedPerson(whopUserId);
    const before = await balanceOf(person.userId);
    const data = paidBy(whopUserId, null);
    expect((await send("payment.succeeded", data)).body.outcome).toBe("granted");
    expect(await balanceOf(person.userId)).toBe(before + PACK.credits);
    expect(await paymentRow(String(data.id))).toMatchObject({ user_id: person.userId, whop_user_id: whopUserId });
  });

  it("prefers the linked identity over metadata naming another account", async () => {
    const whopUserId = whopIds.user();
    const owner = await linkedPerson(whopUserId);
    const other = await signUp({ ip: IP });
    const [ownerBefore, otherBefore] = [await balanceOf(owner.userId), await balanceOf(other.userId)];
    expect((await send("payment.succeeded", paidBy(whopUserId, other.userId))).body.outcome).toBe("granted");
    expect(await balanceOf(owner.userId)).toBe(ownerBefore + PACK.credits);
    expect(await balanceOf(other.userId)).toBe(otherBefore);
  });

  it("falls back to metadata when the buyer's Whop account is linked to nobody (the old path)", async () => {
    const person = await signUp({ ip: IP });
    const before = await balanceOf(person.userId);
    expect((await send("payment.succeeded", paidBy(whopIds.user(), person.userId))).body.outcome).toBe("granted");
    expect(await balanceOf(person.userId)).toBe(before + PACK.credits);
  });

  it("finds a membership's owner by the linked Whop user id", async () => {
    const whopUserId = whopIds.user();
    const person = await linkedPerson(whopUserId);
    const memId = whopIds.membership();
    const membership = {
      id: memId,
      status: "active",
      user: { id: whopUserId, username: "buyer", name: "Buyer", email: null },
      renewal_period_end: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      cancel_at_period_end: false,
      plan: { id: PRO.whopPlanId },
      metadata: {},
    };
    expect((await send("membership.activated", membership)).body.outcome).not.toBe("unknown_user");
    const row = await env.DB.prepare("SELECT user_id FROM subscriptions WHERE membership_id = ?").bind(memId).first<{ user_id: string }>();
    expect(row?.user_id).toBe(person.userId);
  });
});
