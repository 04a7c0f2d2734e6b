import type { Plan } from "../../shared/plans";

/**
 * The ledger lines billing writes, so the Credits page reads naturally ("Purchase — 500 credit
 * pack", "Subscription — Pro, December") and links each one to its payment.
 */
export const paymentReference = (paymentId: string) => `payment:${paymentId}`;

/** The grant line of a paid payment; a subscription names the month it pays for (UTC). */
export function grantLine(plan: Plan, paidAt: number): string {
  if (plan.kind === "pack") return `Purchase — ${plan.name}`;
  const month = new Date(paidAt).toLocaleString("en-US", { month: "long", timeZone: "UTC" });
  return `Subscription — ${plan.name}, ${month}`;
}

export const REVERSAL_LINES = {
  refund: "Refund — payment refunded",
  dispute: "Chargeback — payment disputed",
} as const;

export const RESTORE_LINES = {
  refund: "Refund canceled — credits restored",
  dispute: "Dispute won — credits restored",
} as const;

export const REFERRAL_LINES = {
  referrer: "Referral bonus — a friend made their first purchase",
  referred: "Referral bonus — welcome",
  reversed: "Referral bonus reversed — payment refunded",
} as const;

/** Ledger keys (the Account object prefixes them with the operation: `grant:`, `clawback:`). */
export const ledgerKeys = {
  reversal: (paymentId: string, reversalId: string) => `${paymentId}:${reversalId}`,
  restore: (paymentId: string, reversalId: string) => `restore:${paymentId}:${reversalId}`,
  referral: (referredUserId: string, side: "referrer" | "referred") => `referral:${referredUserId}:${side}`,
};
