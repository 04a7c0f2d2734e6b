import { minorDigits, planByWhopId } from "../../shared/plans";

/**
 * A fake Whop webhook sender that signs exactly as Whop does: Standard Webhooks, HMAC-SHA256
 * over `${webhook-id}.${webhook-timestamp}.${body}`, keyed with the UTF-8 bytes of the whole
 * `ws_…` secret (what Whop's SDK does with `btoa(secret)`), `v1,<base64>`. Written with
 * WebCrypto alone — not with the verifier under test — and checked against the
 * `standardwebhooks` library and the spec's test vector in fake-whop.test.ts.
 */
const encoder = new TextEncoder();

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The HMAC key bytes: `whsec_` secrets are base64 (the spec's form), Whop's `ws_` ones are used as they are. */
export function keyOf(secret: string): Uint8Array {
  if (secret.startsWith("whsec_")) return Uint8Array.from(atob(secret.slice(6)), (c) => c.charCodeAt(0));
  return encoder.encode(secret);
}

/** `v1,<base64 HMAC-SHA256>` of one delivery. */
export async function whopSignature(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", keyOf(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`${id}.${timestamp}.${body}`));
  return `v1,${base64(new Uint8Array(mac))}`;
}

const randomHex = (bytes = 10) => [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");

/** Fresh Whop-looking ids, so no test shares a payment, refund or membership with another. */
export const whopIds = {
  message: () => `msg_${randomHex()}`,
  payment: () => `pay_${randomHex()}`,
  refund: () => `re_${randomHex()}`,
  dispute: () => `dspt_${randomHex()}`,
  membership: () => `mem_${randomHex()}`,
  user: () => `user_${randomHex()}`,
};

export interface Delivery {
  body: string;
  headers: Record<string, string>;
}

export interface SignOptions {
  /** The `webhook-id` (Whop keeps it across retries of one message). */
  id?: string;
  /** Unix seconds; now by default. */
  timestamp?: number;
  /** Sign with these secrets instead (key rotation: one signature per secret). */
  secrets?: string[];
}

/** Builds and signs Whop v1 deliveries for one webhook secret. */
export function whopSender(secret: string) {
  return {
    /** The v1 envelope of an event, as a JSON string (the exact bytes that get signed). */
    envelope(type: string, data: unknown, messageId = whopIds.message()): string {
      return JSON.stringify({ id: messageId, api_version: "v1", type, timestamp: new Date().toISOString(), company_id: "biz_test", data });
    },
    /** Signs a body as a delivery. */
    async sign(body: string, options: SignOptions = {}): Promise<Delivery> {
      const id = options.id ?? whopIds.message();
      const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
      const signatures = await Promise.all((options.secrets ?? [secret]).map((s) => whopSignature(s, id, timestamp, body)));
      return {
        body,
        headers: {
          "webhook-id": id,
          "webhook-timestamp": String(timestamp),
          "webhook-signature": signatures.join(" "),
          "Content-Type": "application/json",
        },
      };
    },
    /** An event, enveloped and signed, with the envelope id equal to the delivery id (as Whop sends them). */
    async event(type: string, data: unknown, options: SignOptions = {}): Promise<Delivery> {
      const id = options.id ?? whopIds.message();
      return this.sign(this.envelope(type, data, id), { ...options, id });
    },
  };
}

/** A plan's price in major units, as Whop writes amounts (5 for the $5 pack); 5 for a plan we do not sell. */
function priceOf(whopPlanId: string): number {
  const plan = planByWhopId(whopPlanId);
  return plan ? plan.price / 10 ** minorDigits(plan.currency) : 5;
}

/** A `payment.succeeded` payload as Whop sends it (abridged to what matters, plus some noise); by default the plan's full price. */
export function paymentData(input: {
  id?: string;
  userId: string | null;
  whopPlanId: string;
  total?: number | string;
  currency?: string;
  membershipId?: string | null;
}): Record<string, unknown> {
  return {
    id: input.id ?? whopIds.payment(),
    status: "paid",
    substatus: "succeeded",
    total: input.total ?? priceOf(input.whopPlanId),
    subtotal: input.total ?? priceOf(input.whopPlanId),
    usd_total: input.total ?? priceOf(input.whopPlanId),
    currency: input.currency ?? "usd",
    paid_at: new Date().toISOString(),
    created_at: new Date().toISOString(),
    billing_reason: "one_time",
    user: { id: whopIds.user(), email: null, name: "Buyer", username: "buyer" },
    member: { id: "mber_test" },
    plan: { id: input.whopPlanId, internal_notes: null, metadata: {} },
    product: { id: "prod_test", title: "Ausar credits", route: "ausar", metadata: {} },
    membership: input.membershipId === null ? null : { id: input.membershipId ?? whopIds.membership(), status: "active" },
    metadata: input.userId === null ? {} : { ausar_user_id: input.userId },
    refunds: [],
    disputes: [],
  };
}

/** A refund or dispute payload naming the payment it reverses. */
export function reversalData(input: { id: string; paymentId: string; amount?: number | null; status?: string }): Record<string, unknown> {
  return {
    id: input.id,
    ...(input.amount === null ? {} : { amount: input.amount ?? 5 }),
    currency: "usd",
    status: input.status ?? "succeeded",
    created_at: new Date().toISOString(),
    payment: { id: input.paymentId, total: 5, currency: "usd" },
  };
}
