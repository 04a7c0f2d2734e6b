import type { PaymentView } from "../../shared/billing";
import { planById } from "../../shared/plans";
import type { PaymentRow } from "./payment-store";

/** A payment as its owner sees it (no Whop user or membership ids, no review notes). */
export function toPaymentView(row: PaymentRow): PaymentView {
  const plan = row.planId ? planById(row.planId) : undefined;
  return {
    id: row.id,
    planId: row.planId,
    planName: plan?.name ?? null,
    kind: plan?.kind ?? null,
    credits: row.credits,
    amount: row.amountMinor,
    currency: row.currency,
    status: row.status,
    refundedAmount: row.refundedMinor,
    creditsReversed: row.clawedBack,
    paidAt: row.paidAt,
  };
}
