import { eq } from "drizzle-orm";
import { paymentReversals } from "../db/schema";
import type { EventOutcome } from "./apply-payment";
import type { BillingDeps } from "./deps";
import { toMinorUnits } from "./money";
import { insertReversal, voidReversal } from "./reversal-sql";
import { settleReversals } from "./settle";
import type { WhopReversal } from "./whop-events";

/** Statuses after which a refund or dispute takes nothing back: the money stayed with us. */
const VOID_STATUSES = {
  refund: new Set(["failed", "canceled"]),
  dispute: new Set(["won"]),
} as const;

/**
 * `refund.created|updated` and `dispute.created|updated`: record the reversal under its own id
 * (so refund and dispute events of one payment each count once), then settle the payment. A
 * reversal whose payment has not arrived yet is parked and applied when the payment is credited.
 * A refund that fails or a dispute that is won gives back what was taken.
 */
export async function applyReversal(deps: BillingDeps, kind: "refund" | "dispute", data: WhopReversal): Promise<EventOutcome> {
  const paymentId = data.payment?.id;
  if (!paymentId) return { outcome: "unmatched", detail: `${kind} ${data.id} names no payment` };
  const row = {
    id: data.id,
    paymentId,
    kind,
    amountMinor: data.amount === null || data.amount === undefined ? null : toMinorUnits(data.amount, data.currency ?? null),
    createdAt: deps.now(),
  };
  const before = await deps.db
    .select({ status: paymentReversals.status })
    .from(paymentReversals)
    .where(eq(paymentReversals.id, data.id))
    .get();
  const voids = data.status ? VOID_STATUSES[kind].has(data.status) : false;
  if (voids) await voidReversal(deps.db, row);
  else await insertReversal(deps.db, row);
  const settled = await settleReversals(deps, paymentId);
  if (settled === "parked") return { outcome: "parked", paymentId };
  if (voids) return { outcome: before?.status === "voided" ? "duplicate" : "voided", paymentId };
  return { outcome: before && before.status !== "pending" ? "duplicate" : "clawed_back", paymentId };
}
