import { z } from "zod";

/** Sign in with Whop: what the web app sends and reads (workers/auth/whop/). */

const name = z.string().trim().min(1, "Tell us your name.").max(100, "Use at most 100 characters.");

/** A new person's first use: the same confirmations as sign-up, with the name Whop gave (changeable). */
export const whopSignupSchema = z.strictObject({
  name,
  ageConfirmed: z.literal(true, "You must confirm that you are 18 or older."),
  acceptPolicies: z.literal(true, "You must accept the Terms and the Privacy Policy."),
  referralCode: z
    .string()
    .trim()
    .max(32)
    .regex(/^[A-Za-z0-9_-]*$/, "Referral codes use letters and digits.")
    .optional(),
});

/** An existing account proves it is theirs with its password once (and its two-factor code, when on). */
export const whopLinkSchema = z.strictObject({
  password: z.string().min(1, "Enter your password.").max(200),
  code: z.string().trim().min(1).max(32).optional(),
});

/** Account → Security's "Connect Whop": the signed-in person's password again. */
export const whopConnectSchema = z.strictObject({ password: z.string().min(1, "Enter your password.").max(200) });

/** A known person with two-factor on: the code from their app (or a recovery code). */
export const whopSecondFactorSchema = z.strictObject({ code: z.string().trim().min(1, "Enter the code.").max(32) });

export type WhopSignupInput = z.infer<typeof whopSignupSchema>;

/** What the sign-in page shows after Whop: which step, for which address. */
export interface WhopPendingView {
  step: "sign_up" | "link" | "second_factor";
  email: string | null;
  name: string | null;
  emailVerified: boolean;
}

/** Account → Security's Whop section. */
export interface WhopAccountView {
  /** Whether this server has Sign in with Whop set up. */
  available: boolean;
  linked: { email: string | null; linkedAt: number } | null;
  /** False for an account made through Whop that never set a password: Whop is then its only way in. */
  hasPassword: boolean;
}
