import { z } from "zod";

/** What a person can give or withhold consent to (the `consents` table's purposes). */
export const CONSENT_PURPOSES = ["terms", "privacy_policy", "product_emails", "usage_analysis"] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** The purposes a person switches on and off; the Terms and the Privacy Policy go with the account itself. */
export const OPTIONAL_PURPOSES = ["product_emails", "usage_analysis"] as const satisfies readonly ConsentPurpose[];
export type OptionalPurpose = (typeof OPTIONAL_PURPOSES)[number];

/**
 * Why each purpose may be processed (GDPR art. 6): the policies are the contract; product emails
 * need opt-in consent (off until granted); usage analysis rests on legitimate interests (on until
 * the person objects).
 */
export const PURPOSE_BASIS = {
  terms: "contract",
  privacy_policy: "contract",
  product_emails: "consent",
  usage_analysis: "legitimate_interest",
} as const satisfies Record<ConsentPurpose, string>;
type LegalBasis = (typeof PURPOSE_BASIS)[ConsentPurpose];

/** `PUT /api/account/consents` `{ purpose: granted }`: one or more purposes to switch. */
export const updateConsentsSchema = z
  .strictObject({
    terms: z.boolean("Use true or false.").optional(),
    privacy_policy: z.boolean("Use true or false.").optional(),
    product_emails: z.boolean("Use true or false.").optional(),
    usage_analysis: z.boolean("Use true or false.").optional(),
  })
  .refine((value) => Object.values(value).some((granted) => granted !== undefined), "Name at least one purpose to change.");
export type UpdateConsentsInput = z.infer<typeof updateConsentsSchema>;

/** `PUT /api/account/restriction` `{ restricted }`: restriction of processing (GDPR art. 18). */
export const restrictionSchema = z.strictObject({ restricted: z.boolean("Use true or false.") });

/** `DELETE /api/account` `{ password }`: the password is asked again before anything is deleted. */
export const deleteAccountSchema = z.strictObject({
  password: z.string("Enter your password.").min(1, "Enter your password.").max(200, "That is not your password."),
});

/** A purpose's current state. `granted` is what the person chose (or the default for its basis). */
export interface ConsentState {
  purpose: ConsentPurpose;
  basis: LegalBasis;
  granted: boolean;
  /** False while processing is restricted, even when granted. */
  effective: boolean;
  /** Whether the person can switch it here (the Terms and the Privacy Policy: only by deleting the account). */
  changeable: boolean;
  /** The policy version of the latest record, null when nothing was recorded (the default applies). */
  policyVersion: string | null;
  changedAt: number | null;
}

/** One row of the append-only consent history. */
export interface ConsentEvent {
  purpose: ConsentPurpose;
  granted: boolean;
  policyVersion: string;
  createdAt: number;
}

/** `GET /api/account/consents` (and the answer to every change). */
export interface ConsentsResponse {
  consents: ConsentState[];
  /** Newest first. */
  history: ConsentEvent[];
  restriction: { restricted: boolean; since: number | null };
  policy: { version: string; accepted: boolean };
}

const EXPORT_STATUSES = ["queued", "building", "ready", "failed", "expired"] as const;
type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** An export of everything held about the person, as the API shows it. */
export interface ExportView {
  id: string;
  status: ExportStatus;
  createdAt: number;
  /** While `ready`: where the owner downloads the ZIP. */
  downloadUrl?: string;
  /** While `ready`: when the file is deleted. */
  expiresAt?: number;
  bytes?: number;
  finishedAt?: number;
  /** When `failed`: what went wrong, in plain words. */
  error?: string;
}

/** `POST /api/account/export` and `GET /api/account/exports/:id`. */
export interface ExportResponse {
  export: ExportView;
}

/** `GET /api/account/exports`: the person's recent exports, newest first. */
export interface ExportListResponse {
  exports: ExportView[];
}

/** How long a finished export can be downloaded. */
export const EXPORT_TTL_MS = 7 * 24 * 60 * 60 * 1000;
