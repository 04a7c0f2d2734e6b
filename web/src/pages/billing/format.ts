import type { PaymentReviewReason, PaymentStatus } from "../../../../shared/billing";
import { formatPrice, minorDigits } from "../../../../shared/plans";

/** "$12.00" in the reader's locale; our own formatting if the browser does not know the currency. */
export function formatMoney(minor: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(
      minor / 10 ** minorDigits(currency),
    );
  } catch {
    return formatPrice(minor, currency);
  }
}

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  paid: "Paid",
  review: "Under review",
  partially_refunded: "Partly refunded",
  refunded: "Refunded",
  disputed: "Disputed",
};

/** Why a payment is under review, as its owner reads it. */
export const REVIEW_REASON_TEXT: Record<PaymentReviewReason, string> = {
  underpaid: "This payment was less than the plan's price (a coupon or a trial).",
  currency_mismatch: "This payment was in a different currency from the plan's.",
  amount_unknown: "Whop did not tell us how much was paid.",
  unknown_plan: "This payment was for a plan we do not recognise.",
};

const MEMBERSHIP_LABELS: Record<string, string> = {
  active: "Active",
  trialing: "Trial",
  past_due: "Payment due",
  canceling: "Canceling",
  canceled: "Canceled",
  expired: "Ended",
  completed: "Ended",
};

/** Whop's membership status as people say it. */
export const membershipLabel = (status: string) => MEMBERSHIP_LABELS[status] ?? status.replaceAll("_", " ");
