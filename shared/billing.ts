import { z } from "zod";
import type { Plan, PlanKind } from "./plans";

const planId = z.string("Choose a plan.").trim().min(1, "Choose a plan.").max(64, "That plan does not exist.");

/** `POST /api/billing/checkout`. */
export const checkoutSchema = z.strictObject({ planId });

/** `GET /api/billing/checkout-redirect?planId=` and the development checkout page. */
export const checkoutQuerySchema = z.object({ planId });

/** An empty query value (`?cursor=`) means "not given". */
const omitEmpty = (value: unknown) => (value === "" ? undefined : value);
const PAYMENTS_PAGE_MAX = 100;

/** `GET /api/billing/payments?cursor=&limit=`. */
export const paymentsQuerySchema = z.object({
  cursor: z.preprocess(omitEmpty, z.string().max(200, "That cursor is not valid.").optional()),
  limit: z.preprocess(
    omitEmpty,
    z.coerce
      .number("Give the page size as a number.")
      .int("Give the page size as a whole number.")
      .min(1)
      .max(PAYMENTS_PAGE_MAX)
      .default(25),
  ),
});

/** One plan in `GET /api/plans`; `checkoutUrl` only when signed in. */
export interface PlanView extends Plan {
  /** "≈ 250 images or 50 s of video". */
  buys: string;
  checkoutUrl?: string;
}

export interface PlansResponse {
  plans: PlanView[];
}

/** `review`: recorded but held for staff review, no credits granted (`reviewReason` says why). */
export type PaymentStatus = "paid" | "review" | "partially_refunded" | "refunded" | "disputed";

/**
 * Why a payment is held for review instead of granted: it paid less than the plan's price (a
 * coupon, a trial), in another currency, without an amount, or for a plan we do not sell.
 */
export type PaymentReviewReason = "underpaid" | "currency_mismatch" | "amount_unknown" | "unknown_plan";

/** One payment as its owner sees it. Amounts in minor units. */
export interface PaymentView {
  id: string;
  planId: string | null;
  planName: string | null;
  kind: PlanKind | null;
  credits: number;
  amount: number | null;
  currency: string | null;
  status: PaymentStatus;
  /** Set while the payment is under review. */
  reviewReason: PaymentReviewReason | null;
  refundedAmount: number;
  creditsReversed: number;
  paidAt: number;
  /** When staff last asked Whop to refund it; the refund shows in `refundedAmount` once Whop confirms. */
  refundRequestedAt: number | null;
}

export interface PaymentsPage {
  items: PaymentView[];
  nextCursor: string | null;
}

/** The user's current (or latest) subscription. */
export interface SubscriptionView {
  membershipId: string;
  planId: string | null;
  planName: string | null;
  /** Whop's membership status: `active`, `trialing`, `past_due`, `canceling`, `canceled`, `expired`, … */
  status: string;
  active: boolean;
  cancelAtPeriodEnd: boolean;
  /** When the current period ends: the next renewal, or the end of access when canceling. */
  renewsAt: number | null;
  creditsPerMonth: number | null;
  manageUrl: string | null;
}

/** The user's referral link and what it has earned. Referred people are never named. */
export interface ReferralSummary {
  code: string;
  link: string;
  bonus: { referrer: number; referred: number };
  signedUp: number;
  rewarded: number;
  creditsEarned: number;
  rewards: { createdAt: number; credits: number; status: "earned" | "granted" | "reversed" }[];
}

/** Membership statuses in which the subscription still gives access. */
export const ACTIVE_MEMBERSHIP_STATUSES = ["active", "trialing", "past_due", "canceling"] as const;
