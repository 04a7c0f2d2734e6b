import { type Plan, planById } from "../../shared/plans";
import { sha256Hex } from "../lib/crypto";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { type WhopApi, WhopApiError } from "./whop-api";

export interface CheckoutDeps {
  whop: WhopApi | null;
  /** Where Whop sends the buyer back (`PUBLIC_URL`). */
  publicUrl: string;
  devCheckout: boolean;
}

/** A plan by id, or a 400 naming the field. */
export function requirePlan(planId: string): Plan {
  const plan = planById(planId);
  if (!plan)
    throw new AppError("validation_failed", "That plan does not exist.", {
      issues: [{ path: "planId", message: "That plan does not exist." }],
    });
  return plan;
}

/** The page a checkout returns to: the Billing page, which then waits for the payment to land. */
export function returnUrl(publicUrl: string, plan: Plan): string {
  return `${publicUrl.replace(/\/$/, "")}/billing?checkout=${encodeURIComponent(plan.id)}`;
}

/** The development checkout page for a plan (same origin). */
const devCheckoutPath = (plan: Plan) => `/api/billing/dev-checkout?planId=${encodeURIComponent(plan.id)}`;

/**
 * Where to send the user to pay for a plan: a Whop checkout configuration carrying their id in
 * its metadata (Whop copies it to the payment and the membership, which is how the webhook
 * finds them), or, offline in development, the local checkout page. The Idempotency-Key is the
 * caller's key scoped to user and plan (the same click retried reuses one configuration), or a
 * fresh one.
 */
export async function startCheckout(deps: CheckoutDeps, userId: string, planId: string, clientKey?: string): Promise<string> {
  const plan = requirePlan(planId);
  if (deps.whop) {
    const idempotencyKey = clientKey
      ? `checkout-${(await sha256Hex(`${userId}:${plan.id}:${clientKey}`)).slice(0, 40)}`
      : `checkout-${newId()}`;
    try {
      const created = await deps.whop.createCheckout({
        whopPlanId: plan.whopPlanId,
        userId,
        redirectUrl: returnUrl(deps.publicUrl, plan),
        idempotencyKey,
      });
      return created.purchaseUrl;
    } catch (error) {
      if (!(error instanceof WhopApiError)) throw error;
      console.error(JSON.stringify({ level: "error", event: "whop_checkout_failed", status: error.status, error: error.message }));
      throw new AppError("unavailable", "Checkout is unavailable right now. Please try again in a minute.", { retryAfterSeconds: 60 });
    }
  }
  if (deps.devCheckout) return devCheckoutPath(plan);
  throw new AppError("unavailable", "Checkout is not configured on this server.");
}
