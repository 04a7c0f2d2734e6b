import { Hono } from "hono";
import { checkoutQuerySchema, checkoutSchema, type PlansResponse, paymentsQuerySchema } from "../../shared/billing";
import { cheapestRates, creditsBuy, PLANS } from "../../shared/plans";
import type { AppEnv } from "../app-env";
import { authenticate, requireUser } from "../auth/middleware";
import { availableModels } from "../generation/catalog";
import { providersFromEnv } from "../generation/providers/registry";
import { idempotencyKey } from "../lib/idempotency-key";
import { publicUrlFor } from "../lib/public-url";
import { jsonBody, queryParams } from "../lib/validate";
import { type CheckoutDeps, startCheckout } from "./checkout";
import { devCheckoutRoutes } from "./dev-checkout-routes";
import { devCheckoutEnabled, whopFromEnv } from "./env-deps";
import { paymentsOf, referralsOf, subscriptionOf } from "./queries";
import { webhookRoutes } from "./webhook-routes";

const checkoutDeps = (env: Env, requestUrl: string): CheckoutDeps => ({
  whop: whopFromEnv(env),
  publicUrl: publicUrlFor(env, requestUrl),
  devCheckout: devCheckoutEnabled(env),
});

/** A checkout link on our own origin: it creates the Whop checkout when followed, so it never goes stale. */
const checkoutLink = (planId: string) => `/api/billing/checkout-redirect?planId=${encodeURIComponent(planId)}`;

/** Plans, checkout, the signed-in user's payments, subscription and referrals, and Whop's webhook. */
export const billingRoutes = new Hono<AppEnv>()
  .get("/api/plans", async (c) => {
    const signedIn = (await authenticate(c)) !== null;
    const rates = cheapestRates(availableModels(providersFromEnv(c.env)));
    const body: PlansResponse = {
      plans: PLANS.map((plan) => ({
        ...plan,
        buys: creditsBuy(plan.credits, rates),
        ...(signedIn ? { checkoutUrl: checkoutLink(plan.id) } : {}),
      })),
    };
    return c.json(body);
  })
  .post("/api/billing/checkout", requireUser, jsonBody(checkoutSchema), async (c) => {
    const purchaseUrl = await startCheckout(
      checkoutDeps(c.env, c.req.url),
      c.var.auth.userId,
      c.req.valid("json").planId,
      idempotencyKey(c.req.raw.headers),
    );
    return c.json({ purchaseUrl });
  })
  .get("/api/billing/checkout-redirect", requireUser, queryParams(checkoutQuerySchema), async (c) => {
    const purchaseUrl = await startCheckout(checkoutDeps(c.env, c.req.url), c.var.auth.userId, c.req.valid("query").planId);
    return c.redirect(purchaseUrl, 303);
  })
  .get("/api/billing/payments", requireUser, queryParams(paymentsQuerySchema), async (c) => {
    return c.json(await paymentsOf(c.var.db, c.var.auth.userId, c.req.valid("query")));
  })
  .get("/api/billing/subscription", requireUser, async (c) => {
    return c.json({ subscription: await subscriptionOf(c.var.db, c.var.auth.userId) });
  })
  .get("/api/billing/referrals", requireUser, async (c) => {
    return c.json(await referralsOf(c.var.db, c.var.auth.userId, publicUrlFor(c.env, c.req.url)));
  })
  .route("/", devCheckoutRoutes)
  .route("/", webhookRoutes);
