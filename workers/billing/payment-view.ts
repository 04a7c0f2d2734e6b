import type { PaymentReviewReason, PaymentView } from "../../shared/billing";
import { planById } from "../../shared/plans";
import type { PaymentRow } from "./payment-store";

const OWNER_REVIEW_REASONS: readonly string[] = [
  "underpaid",
  "currency_mismatch",
  "amount_unknown",
  "unknown_plan",
] satisfies PaymentReviewReason[];

/** The review reason the owner may see: one of the known codes (never free text). */
function reviewReasonOf(reason: string | null): PaymentReviewReason | null {
  return reason !== null && OWNER_REVIEW_REASONS.includes(reason) ? (reason as PaymentReviewReason) : null;
}

/** A payment as its owner sees it (no Whop user or membership ids; the review reason only as a known code). */
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
    reviewReason: reviewReasonOf(row.reviewReason),
    refundedAmount: row.refundedMinor,
    creditsReversed: row.clawedBack,
    paidAt: row.paidAt,
    refundRequestedAt: row.refundRequestedAt,
  };
}
