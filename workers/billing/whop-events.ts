import { z } from "zod";

/**
 * The parts of Whop's v1 webhook payloads we act on (whopio/whopsdk-typescript
 * `src/resources/webhooks.ts`, `shared.ts`). Unknown fields are ignored; a field we rely on
 * with the wrong type (an amount sent as a string, say) fails validation, and the event is
 * then recorded as invalid and acknowledged, never acted on.
 */

/** Whop ids (`pay_…`, `re_…`, `mem_…`): printable ASCII, which is also what ledger keys accept. */
const whopId = z.string().regex(/^[\x21-\x7e]{1,100}$/, "is not a Whop id");
/** Decimal amounts in major units (`10.43`). Numbers only: a string is bad input. */
const amount = z.number().finite().nonnegative().max(1e9);
const time = z.union([z.string().max(64), z.number().finite()]);
const currency = z
  .string()
  .regex(/^[A-Za-z]{3}$/)
  .transform((c) => c.toLowerCase());
const ref = z.object({ id: whopId });

export const envelopeSchema = z.object({
  id: z.string().max(200).nullish(),
  type: z.string().min(1).max(100),
  timestamp: time.nullish(),
  data: z.unknown(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export const paymentSchema = z.object({
  id: whopId,
  plan: ref.nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  total: amount.nullish(),
  subtotal: amount.nullish(),
  currency: currency.nullish(),
  user: ref.nullish(),
  membership: ref.nullish(),
  paid_at: time.nullish(),
  created_at: time.nullish(),
  status: z.string().max(40).nullish(),
  substatus: z.string().max(40).nullish(),
});
export type WhopPayment = z.infer<typeof paymentSchema>;

/** Refunds and disputes share the shape we need: their own id, an amount and the payment they reverse. */
export const reversalSchema = z.object({
  id: whopId,
  amount: amount.nullish(),
  currency: currency.nullish(),
  status: z.string().max(40).nullish(),
  payment: ref.nullish(),
});
export type WhopReversal = z.infer<typeof reversalSchema>;

export const membershipSchema = z.object({
  id: whopId,
  status: z.string().max(40).nullish(),
  plan: ref.nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  /** The Whop buyer; matched against linked Sign in with Whop identities first (payment-store.ts). */
  user: ref.nullish(),
  cancel_at_period_end: z.boolean().nullish(),
  renewal_period_end: time.nullish(),
  manage_url: z.url().max(500).nullish(),
});
export type WhopMembership = z.infer<typeof membershipSchema>;

/** The Ausar user id the checkout configuration put in the metadata, if it is there and a string. */
export function ausarUserIdOf(metadata: Record<string, unknown> | null | undefined): string | null {
  const value = metadata?.ausar_user_id;
  return typeof value === "string" && value.length > 0 && value.length <= 100 ? value : null;
}

/** `path: message` of the first few validation issues, for the event record. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}
