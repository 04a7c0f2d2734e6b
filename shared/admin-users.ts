import { z } from "zod";
import type { PaymentView, SubscriptionView } from "./billing";
import type { CreditBalance, LedgerPage } from "./credits";
import type { JobStatus } from "./generation";
import type { ConsentsResponse } from "./privacy";
import { oneStepUp, stepUpFields } from "./step-up";

/** An empty query value (`?cursor=`) means "not given". */
const omitEmpty = (value: unknown) => (value === "" ? undefined : value);

/** Every staff write says why (kept in the audit log, never shown to the person). */
const STAFF_REASON_MAX = 500;
const staffReason = z
  .string("Say why.")
  .trim()
  .min(1, "Say why: the reason goes into the audit log.")
  .max(STAFF_REASON_MAX, `Keep the reason to ${STAFF_REASON_MAX} characters.`);

/** `GET /api/admin/users?q=`: an email or its beginning, a user id, or a Whop user id (`user_…`). */
export const userLookupQuerySchema = z.object({
  q: z
    .string("Type an email, a user id or a Whop user id.")
    .trim()
    .min(1, "Type an email, a user id or a Whop user id.")
    .max(200, "That is too long to look up."),
});

/** `GET /api/admin/users/:id/ledger?cursor=`. */
export const staffLedgerQuerySchema = z.object({
  cursor: z.preprocess(omitEmpty, z.string().max(200, "That page cursor is not valid.").optional()),
});

const STAFF_ADJUSTMENT_MAX = 1_000_000;

/**
 * `POST /api/admin/users/:id/credits`: + adds, − takes away (never below zero). `note` is the line the person sees.
 * Destructive, like suspension and role changes: a fresh `code` or `passkey` assertion (shared/step-up.ts).
 */
export const creditAdjustmentSchema = oneStepUp(
  z.object({
    delta: z
      .number("Give the change as a whole number of credits.")
      .int("Give the change as a whole number of credits.")
      .refine((n) => n !== 0, "The change must not be zero.")
      .refine((n) => Math.abs(n) <= STAFF_ADJUSTMENT_MAX, `Adjust by at most ${STAFF_ADJUSTMENT_MAX.toLocaleString("en")} either way.`),
    reason: staffReason,
    ...stepUpFields,
    note: z.preprocess(
      omitEmpty,
      z.string().trim().min(1).max(200, "Keep the note to 200 characters: it is a line in their credit history.").optional(),
    ),
  }),
);

/** `POST /api/admin/users/:id/sessions/revoke`. */
export const revokeSessionsSchema = z.object({ reason: staffReason });

/** `POST /api/admin/users/:id/suspend` and `/unsuspend`. */
export const suspensionSchema = oneStepUp(z.object({ reason: staffReason, ...stepUpFields }));

const ROLES = ["user", "support", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** `POST /api/admin/users/:id/role`. */
export const roleChangeSchema = oneStepUp(
  z.object({
    role: z.enum(ROLES, "The role is user, support or admin."),
    reason: staffReason,
    ...stepUpFields,
  }),
);

/** One person in the lookup's answer. */
export interface StaffUserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  emailVerified: boolean;
  suspended: boolean;
  flagged: boolean;
  deleted: boolean;
  createdAt: number;
}

export interface UserLookupResponse {
  items: StaffUserSummary[];
  /** How the query was read: a user id, a Whop user id (their payments), or the beginning of an email. */
  matchedBy: "id" | "whop" | "email";
}

/** One job as staff see it: its state and cost, never its prompt or media. */
export interface StaffJobSummary {
  id: string;
  model: string;
  kind: "image" | "video";
  status: JobStatus;
  cost: number;
  attempts: number;
  errorCode: string | null;
  createdAt: number;
  finishedAt: number | null;
  deadLetteredAt?: number | null;
}

/** One session as staff see it (no token, no address). */
export interface StaffSessionView {
  id: string;
  browser: string | null;
  os: string | null;
  createdAt: number;
  lastUsedAt: number;
  secondFactor: boolean;
}

/** `GET /api/admin/users/:id`: everything staff need to help, never a password hash or a token hash. */
export interface StaffUserDetail {
  profile: {
    id: string;
    email: string;
    name: string;
    role: Role;
    emailVerifiedAt: number | null;
    ageConfirmedAt: number;
    referralCode: string;
    referredBy: string | null;
    processingRestrictedAt: number | null;
    suspendedAt: number | null;
    createdAt: number;
    deletedAt: number | null;
  };
  standing: {
    balance: CreditBalance;
    /** Credits a clawback could not take, over the account's life. */
    shortfall: number;
    flaggedAt: number | null;
    flagReason: string | null;
  };
  ledger: LedgerPage;
  jobs: StaffJobSummary[];
  payments: PaymentView[];
  /** The Whop user ids their payments came from. */
  whopUserIds: string[];
  subscription: SubscriptionView | null;
  sessions: StaffSessionView[];
  consents: ConsentsResponse;
  /** Their support threads, newest activity first (the messages are in the Support section). */
  supportThreads: { id: string; subject: string; status: "open" | "waiting" | "closed"; lastActivityAt: number; createdAt: number }[];
}

/** What an action answers: the person as they are now. */
export interface StaffActionResult {
  user: StaffUserSummary;
}

/** `POST /api/admin/users/:id/credits`: `applied` is false when the Idempotency-Key was used before (nothing changed). */
export interface CreditAdjustmentResult {
  applied: boolean;
  balance: CreditBalance;
}
