import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { pseudonymiseBilling } from "../../workers/billing/pseudonymise";
import { database } from "../../workers/db/client";
import { signUp } from "../support/users";
import { paymentData } from "./fake-whop";
import { PACK, PRO, paymentRow, send } from "./support";

describe("account erasure, billing's part", () => {
  it("keeps the payments for tax law but cuts every link to the person", async () => {
    const user = await signUp({ ip: "10.250.8.1" });
    const first = paymentData({ userId: user.userId, whopPlanId: PACK.whopPlanId });
    const second = paymentData({ userId: user.userId, whopPlanId: PRO.whopPlanId });
    await send("payment.succeeded", first);
    await send("payment.succeeded", second);
    await send("membership.activated", {
      id: (second.membership as { id: string }).id,
      status: "active",
      plan: { id: PRO.whopPlanId },
      metadata: { ausar_user_id: user.userId },
    });

    const db = database(env.DB);
    await db.batch(pseudonymiseBilling(db, user.userId));

    const rows = [await paymentRow(String(first.id)), await paymentRow(String(second.id))];
    for (const row of rows) {
      expect(row).toMatchObject({ user_id: null, whop_user_id: null, membership_id: null, status: "paid" });
      expect(String(row!.user_ref)).toMatch(/^erased:/);
    }
    // Each paid its plan's full price ($5 pack, $12 Pro), kept as paid.
    expect(rows.map((r) => r!.amount_minor)).toEqual([500, 1200]);
    expect(rows[0]!.user_ref).toBe(rows[1]!.user_ref);
    const subs = await env.DB.prepare("SELECT COUNT(*) AS n FROM subscriptions WHERE user_id = ?").bind(user.userId).first<{ n: number }>();
    expect(subs!.n).toBe(0);
  });
});
