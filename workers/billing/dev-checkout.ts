import { minorDigits, type Plan } from "../../shared/plans";
import { toHex } from "../lib/crypto";
import { signWebhook, webhookKeyBytes } from "../lib/standard-webhooks";
import type { BillingDeps } from "./deps";
import { receiveWhopWebhook } from "./webhook";

const DAY = 24 * 60 * 60 * 1000;

/** A Whop-looking id (`pay_dev_…`) that says where it came from. */
const devId = (prefix: string) => `${prefix}_dev_${toHex(crypto.getRandomValues(new Uint8Array(8)))}`;

/**
 * Signs an event exactly as Whop does (Standard Webhooks, key = the `ws_…` secret's bytes) and
 * hands it to the webhook receiver, which verifies it like any delivery from Whop.
 */
async function deliver(deps: BillingDeps, secret: string, type: string, data: Record<string, unknown>) {
  const id = devId("msg");
  const now = deps.now();
  const body = JSON.stringify({ id, api_version: "v1", type, timestamp: new Date(now).toISOString(), company_id: "biz_dev_local", data });
  const timestamp = Math.floor(now / 1000);
  const headers = new Headers({
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": await signWebhook(webhookKeyBytes(secret), id, timestamp, body),
  });
  return receiveWhopWebhook(deps, secret, headers, body);
}

/**
 * The offline checkout's "payment": what Whop would send after a real one — for a subscription
 * `membership.activated` then `payment.succeeded`, for a pack just the payment — signed with the
 * local webhook secret and run through the real verification and handling.
 */
export async function simulatePurchase(
  deps: BillingDeps,
  secret: string,
  userId: string,
  plan: Plan,
): Promise<{ paymentId: string; outcome: string }> {
  const now = deps.now();
  const paymentId = devId("pay");
  const membershipId = devId("mem");
  const whopPlan = { id: plan.whopPlanId };
  const metadata = { ausar_user_id: userId };
  const total = plan.price / 10 ** minorDigits(plan.currency);
  if (plan.kind === "subscription") {
    await deliver(deps, secret, "membership.activated", {
      id: membershipId,
      status: "active",
      plan: whopPlan,
      metadata,
      cancel_at_period_end: false,
      renewal_period_start: new Date(now).toISOString(),
      renewal_period_end: new Date(now + 30 * DAY).toISOString(),
      currency: plan.currency,
    });
  }
  const answer = await deliver(deps, secret, "payment.succeeded", {
    id: paymentId,
    status: "paid",
    substatus: "succeeded",
    total,
    subtotal: total,
    currency: plan.currency,
    paid_at: new Date(now).toISOString(),
    created_at: new Date(now).toISOString(),
    billing_reason: plan.kind === "pack" ? "one_time" : "subscription_create",
    plan: whopPlan,
    product: { id: "prod_dev_ausar", title: "Ausar credits" },
    membership: { id: membershipId, status: "active" },
    metadata,
  });
  return { paymentId, outcome: answer.outcome };
}
