import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Whop payments, one row per payment id (`pay_…`). Kept for tax law after the account is
 * deleted: `user_id` is then cleared and `user_ref` holds a random pseudonym shared by that
 * person's payments. No card data exists here — Whop never sends any.
 */
export const payments = sqliteTable(
  "payments",
  {
    id: text("id").primaryKey(),
    userId: text("user_id"),
    userRef: text("user_ref"),
    /** Our plan id from `shared/plans.ts`; null when Whop's plan id matched none. */
    planId: text("plan_id"),
    whopPlanId: text("whop_plan_id"),
    /** Credits this payment grants (0 when it cannot be attributed: unknown user or plan). */
    credits: integer("credits").notNull(),
    /** What was paid, in minor units of `currency` (cents); null when Whop did not say. */
    amountMinor: integer("amount_minor"),
    currency: text("currency"),
    whopUserId: text("whop_user_id"),
    membershipId: text("membership_id"),
    /** `review`: held for staff, nothing granted (see `reviewReason`); the others follow its refunds and disputes. */
    status: text("status", { enum: ["paid", "review", "partially_refunded", "refunded", "disputed"] }).notNull(),
    /** Why staff should look at this payment (`unknown_user`, `unknown_plan`, `underpaid`, `currency_mismatch`, `amount_unknown`), or null. */
    reviewReason: text("review_reason"),
    /** Totals over this payment's applied reversals, recomputed whenever one is applied. */
    refundedMinor: integer("refunded_minor").notNull().default(0),
    clawedBack: integer("clawed_back").notNull().default(0),
    clawbackShortfall: integer("clawback_shortfall").notNull().default(0),
    /** The delivery (`webhook-id`) or reconciliation run that first recorded the payment. */
    firstEventId: text("first_event_id").notNull(),
    paidAt: integer("paid_at").notNull(),
    grantedAt: integer("granted_at"),
    createdAt: integer("created_at").notNull(),
    /** When staff last asked Whop to refund this payment, and how much (minor units); the clawback waits for Whop's refund webhook. */
    refundRequestedAt: integer("refund_requested_at"),
    refundRequestedMinor: integer("refund_requested_minor"),
  },
  (t) => [
    index("payments_user_idx").on(t.userId, t.paidAt),
    index("payments_membership_idx").on(t.membershipId),
    // The console: revenue of the last day and week, and finding a person by their Whop user id.
    index("payments_paid_idx").on(t.paidAt),
    index("payments_whop_user_idx").on(t.whopUserId),
  ],
);

/**
 * Refunds and disputes of a payment (`re_…`, `dspt_…`), recorded even before their payment
 * arrives (parked). `credits` is allocated once, atomically, so that the credits taken back for
 * one payment never exceed what it granted (see docs/billing.md).
 */
export const paymentReversals = sqliteTable(
  "payment_reversals",
  {
    id: text("id").primaryKey(),
    paymentId: text("payment_id").notNull(),
    kind: text("kind", { enum: ["refund", "dispute"] }).notNull(),
    /** Minor units reversed; null when Whop did not say (treated as the whole payment). */
    amountMinor: integer("amount_minor"),
    /** `pending` (waiting for its payment), `allocated`, `applied`, or `voided` (refund failed, dispute won). */
    status: text("status", { enum: ["pending", "allocated", "applied", "voided"] }).notNull(),
    credits: integer("credits"),
    taken: integer("taken"),
    shortfall: integer("shortfall"),
    createdAt: integer("created_at").notNull(),
    appliedAt: integer("applied_at"),
    voidedAt: integer("voided_at"),
    restoredAt: integer("restored_at"),
  },
  (t) => [index("payment_reversals_payment_idx").on(t.paymentId, t.createdAt)],
);

/** Whop memberships of subscription plans, as the last (newest) membership event described them. */
export const subscriptions = sqliteTable(
  "subscriptions",
  {
    membershipId: text("membership_id").primaryKey(),
    userId: text("user_id"),
    planId: text("plan_id"),
    whopPlanId: text("whop_plan_id"),
    status: text("status").notNull(),
    cancelAtPeriodEnd: integer("cancel_at_period_end", { mode: "boolean" }).notNull().default(false),
    renewalPeriodEnd: integer("renewal_period_end"),
    manageUrl: text("manage_url"),
    /** The time of the event that wrote this state; an older event arriving late changes nothing. */
    eventAt: integer("event_at").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("subscriptions_user_idx").on(t.userId, t.updatedAt)],
);

/** Every webhook delivery that passed verification, deduplicated by provider and `webhook-id`. */
export const webhookEvents = sqliteTable(
  "webhook_events",
  {
    provider: text("provider").notNull(),
    id: text("id").notNull(),
    /** The envelope's own `id`, when it has one. */
    eventId: text("event_id"),
    type: text("type").notNull(),
    paymentId: text("payment_id"),
    /** What handling did: `granted`, `duplicate`, `parked`, `unknown_user`, `invalid_payload`, `ignored`, … */
    outcome: text("outcome").notNull(),
    detail: text("detail"),
    receivedAt: integer("received_at").notNull(),
    processedAt: integer("processed_at"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.id] }), index("webhook_events_outcome_idx").on(t.outcome, t.receivedAt)],
);

/** One referral bonus per referred user, earned by their first paid payment. */
export const referralRewards = sqliteTable(
  "referral_rewards",
  {
    referredUserId: text("referred_user_id").primaryKey(),
    referrerId: text("referrer_id").notNull(),
    paymentId: text("payment_id").notNull(),
    referrerCredits: integer("referrer_credits").notNull(),
    referredCredits: integer("referred_credits").notNull(),
    status: text("status", { enum: ["earned", "granted", "reversed"] }).notNull(),
    createdAt: integer("created_at").notNull(),
    grantedAt: integer("granted_at"),
    reversedAt: integer("reversed_at"),
  },
  (t) => [index("referral_rewards_referrer_idx").on(t.referrerId, t.createdAt), index("referral_rewards_payment_idx").on(t.paymentId)],
);
