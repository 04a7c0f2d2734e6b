import type { PaymentReviewReason } from "../../shared/billing";
import type { Plan } from "../../shared/plans";
import { toMinorUnits } from "./money";

/** What Whop says was paid: decimals in major units of `currency`. */
export interface PaidAmount {
  total?: number | null;
  subtotal?: number | null;
  currency?: string | null;
}

/**
 * Why a payment for `plan` must wait for staff instead of granting the plan's credits, or null
 * when it paid the price in full. The amount checked is the lower of `total` and `subtotal`
 * when Whop sends both: a coupon lowers `total` below `subtotal`, tax raises it above, so the
 * lower one is what the plan itself was sold for. Paying more than the price (tax, a tip) in
 * the plan's currency grants the plan's credits, no more; any other currency is not converted.
 */
export function paymentReviewReason(plan: Plan, paid: PaidAmount): Exclude<PaymentReviewReason, "unknown_plan"> | null {
  const currency = paid.currency?.toLowerCase() ?? null;
  const amounts = [paid.total, paid.subtotal]
    .filter((n): n is number => typeof n === "number")
    .map((n) => toMinorUnits(n, currency))
    .filter((n): n is number => n !== null);
  if (currency === null || amounts.length === 0) return "amount_unknown";
  if (currency !== plan.currency.toLowerCase()) return "currency_mismatch";
  return Math.min(...amounts) < plan.price ? "underpaid" : null;
}
