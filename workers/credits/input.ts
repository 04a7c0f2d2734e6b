import { z } from "zod";
import type { GrantSource, HoldSpender } from "./contract";
import { CreditsInputError } from "./errors";

/**
 * The most credits one operation may move. The largest pack is far below this; anything above
 * is a bug upstream (a price in minor units passed as credits, say), refused before it is written.
 */
export const MAX_CREDITS_PER_OPERATION = 1_000_000;
const TEXT_MAX = 200;

const amount = z
  .number()
  .int("must be a whole number of credits")
  .positive("must be more than zero")
  .max(MAX_CREDITS_PER_OPERATION, `must be at most ${MAX_CREDITS_PER_OPERATION}`);
const delta = z
  .number()
  .int("must be a whole number of credits")
  .refine((n) => n !== 0, "must not be zero")
  .refine((n) => Math.abs(n) <= MAX_CREDITS_PER_OPERATION, `must be at most ${MAX_CREDITS_PER_OPERATION} either way`);
/** Keys and job ids: printable, no spaces, so they read back unambiguously in the ledger. */
const key = z
  .string()
  .min(1, "must not be empty")
  .max(TEXT_MAX, "is too long")
  .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces");
const text = z.string().trim().min(1, "must not be empty").max(TEXT_MAX, "is too long");
const source = z.enum(["signup", "purchase", "subscription", "referral", "promo"]);
/** References (`job:<id>`, `payment:<id>`) follow the same rule as keys. */
const reference = key.nullable();

function check<S extends z.ZodType>(schema: S, field: string, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const reason = result.error.issues[0]?.message ?? "is not valid";
    throw new CreditsInputError(`${field} ${reason}.`);
  }
  return result.data;
}

/** A positive whole number of credits within the per-operation cap. */
export const checkAmount = (value: unknown): number => check(amount, "amount", value);
/** A non-zero whole number of credits within the cap, either sign (adjustments). */
export const checkDelta = (value: unknown): number => check(delta, "delta", value);
/** An idempotency key or a job id. */
export const checkKey = (value: unknown, field = "key"): string => check(key, field, value);
/** A grant's source. */
export const checkSource = (value: unknown): GrantSource => check(source, "source", value);
/** A `kind:id` reference or null. */
export const checkReference = (value: unknown): string | null => check(reference, "reference", value);
/** Human-readable text (a description or reason); `fallback` when absent. */
export function checkText(value: unknown, field: string, fallback: string): string {
  return value === undefined || value === null ? fallback : check(text, field, value);
}
const spender = z.strictObject({
  keyId: key,
  monthlyCap: z.number().int().positive().nullable(),
  since: z.number().int().nonnegative(),
});

/** The API key a hold is for, or undefined (the web app). */
export const checkSpender = (value: unknown): HoldSpender | undefined =>
  value === undefined ? undefined : check(spender, "spender", value);
/** Required human-readable text (an adjustment's reason). */
export const requireText = (value: unknown, field: string): string => check(text, field, value);
