import { z } from "zod";
import type { CreditBalance } from "./credits";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-policy";

/** A new password: long enough (its strength is judged on the server too), and bounded. */
const password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);
/** An emailed link's token. */
const token = z.string().min(1).max(200);
const email = z.string().trim().max(254, "That email address is too long.").pipe(z.email("Enter a valid email address."));
const name = z.string().trim().min(1, "Tell us your name.").max(100, "Use at most 100 characters.");

export const signupSchema = z.strictObject({
  email,
  password,
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

export const loginSchema = z.strictObject({ email, password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX_LENGTH) });
export const verifyEmailSchema = z.strictObject({ token });
/** A second-factor code: six digits from the authenticator app, or a recovery code (`xxxxx-xxxxx`). */
const secondFactorCode = z.string("Enter the code.").trim().min(6, "Enter the code.").max(32, "That is not a code.");
export const totpCodeSchema = z.strictObject({ code: secondFactorCode });
export const secondFactorLoginSchema = z.strictObject({ ticket: z.string().min(1).max(2000), code: secondFactorCode });

/** `POST /api/auth/login` once the password is right: signed in, or (two-factor on) the code step's ticket. */
export type LoginResponse = { user: UserView } | { secondFactor: "totp"; ticket: string };
export const forgotPasswordSchema = z.strictObject({ email });
export const resetPasswordSchema = z.strictObject({ token, password });
export const changePasswordSchema = z.strictObject({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword: password });
/** `currentPassword` is required (by the server, which names the field) only when the email changes. */
export const updateMeSchema = z
  .strictObject({
    name: name.optional(),
    email: email.optional(),
    currentPassword: z.string().min(1, "Enter your current password to change your email.").max(PASSWORD_MAX_LENGTH).optional(),
  })
  .refine((v) => v.name !== undefined || v.email !== undefined, "Change at least one field.");
/** The "this wasn't me" link of an email-change notice. */
export const cancelEmailChangeSchema = z.strictObject({ token });

export type SignupInput = z.infer<typeof signupSchema>;
export type UpdateMeInput = z.infer<typeof updateMeSchema>;

/** The signed-in user as the API shows them. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: "user" | "support" | "admin";
  emailVerified: boolean;
  /** A new address waiting for verification, after an email change. */
  pendingEmail: string | null;
  /** Whether the current Terms and Privacy Policy were accepted; only `GET /api/me` says. */
  policyAccepted?: boolean;
  referralCode: string;
  createdAt: number;
  /** Whether sign-in asks for an authenticator code; only `GET /api/me` says. */
  twoFactorEnabled?: boolean;
}

/** `GET /api/me`. */
export interface MeResponse {
  user: UserView;
  credits: CreditBalance;
}

/** One signed-in device in `GET /api/auth/sessions`; only browser and OS are kept. */
export interface SessionView {
  id: string;
  browser: string | null;
  os: string | null;
  /** The screen to the nearest 100 px (`"1900x1100"`), when the web app reported it. */
  screen: string | null;
  createdAt: number;
  lastUsedAt: number;
  current: boolean;
}
