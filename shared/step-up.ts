import { z } from "zod";
import { passkeyAssertionSchema } from "./passkeys";

// A staff member's step-up before a destructive action (issue 12): a fresh code from their
// authenticator app, or a fresh passkey assertion made for the step-up.

const CODE_MESSAGE = "Enter the 6-digit code from your authenticator app.";

/**
 * The body fields of every destructive staff action: `code` (TOTP) or `passkey` (the assertion
 * `startAuthentication()` answered to `POST /api/admin/step-up/passkey/options`). Exactly one is
 * required; `oneStepUp` on the object says so.
 */
export const stepUpFields = {
  code: z
    .string(CODE_MESSAGE)
    .regex(/^\d{6}$/, CODE_MESSAGE)
    .optional(),
  passkey: passkeyAssertionSchema.optional(),
};

/** The refinements that make `stepUpFields` one factor: not none, not both. */
export function oneStepUp<S extends z.ZodType<{ code?: string | undefined; passkey?: unknown }>>(schema: S) {
  return schema
    .refine((body) => body.code !== undefined || body.passkey !== undefined, {
      message: "Enter the 6-digit code from your authenticator app, or use a passkey.",
      path: ["code"],
    })
    .refine((body) => body.code === undefined || body.passkey === undefined, {
      message: "Send the code or the passkey, not both.",
      path: ["passkey"],
    });
}

/** What a destructive action was stepped up with (the route hands its body's two fields to `verifyStepUp`). */
export interface StepUpProof {
  code?: string | undefined;
  passkey?: z.output<typeof passkeyAssertionSchema> | undefined;
}
