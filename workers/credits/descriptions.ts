import type { GrantSource } from "./contract";

/** The ledger line of a grant when the caller gives none. */
export const GRANT_DESCRIPTIONS: Record<GrantSource, string> = {
  signup: "Welcome credits",
  purchase: "Purchase",
  subscription: "Subscription credits",
  referral: "Referral bonus",
  promo: "Promotional credits",
};

/** A hold's line when the caller gives none; its capture repeats the hold's line. */
export const DEFAULT_HOLD_DESCRIPTION = "Generation";
export const CLAWBACK_DESCRIPTION = "Payment reversed";

/** "Refund — provider failed". */
export const refundDescription = (reason: string) => `Refund — ${reason}`;
export const DEFAULT_REFUND_REASON = "not charged";

/** "Adjustment — goodwill for a failed upscale". */
export const adjustmentDescription = (reason: string) => `Adjustment — ${reason}`;

/** The line of a repayment: credits that arrived went to the debt a refund or dispute left. */
export const DEBT_REPAID_DESCRIPTION = "Debt repaid — owed after a refunded or disputed payment";

/** "Review cleared — customer paid by bank transfer". */
export const flagClearedDescription = (reason: string) => `Review cleared — ${reason}`;

/** Why a user is flagged when a clawback finds the credits already spent. */
export const shortfallFlagReason = (reference: string) => `Clawback of ${reference} found credits already spent`;
