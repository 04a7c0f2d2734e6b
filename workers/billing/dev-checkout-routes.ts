import { Hono } from "hono";
import { html } from "hono/html";
import { z } from "zod";
import { checkoutQuerySchema, checkoutSchema } from "../../shared/billing";
import { formatPrice, type Plan } from "../../shared/plans";
import type { AppEnv } from "../app-env";
import { requireUser } from "../auth/middleware";
import { AppError } from "../lib/errors";
import { isLocalDevelopment } from "../lib/local-development";
import { parseOrThrow, queryParams, requestHeaders } from "../lib/validate";
import { requirePlan, returnUrl } from "./checkout";
import { simulatePurchase } from "./dev-checkout";
import { billingDeps, devCheckoutEnabled } from "./env-deps";

function page(plan: Plan) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Development checkout — no real payment</title>
  </head>
  <body>
    <main>
      <p><strong>Development only.</strong> This page stands in for Whop's checkout while no Whop API key is configured. No money moves.</p>
      <h1>Development checkout — no real payment</h1>
      <h2>${plan.name}</h2>
      <p>${plan.credits.toLocaleString("en-US")} credits${plan.kind === "subscription" ? " every month" : ""}</p>
      <p>Price: ${formatPrice(plan.price, plan.currency)}${plan.kind === "subscription" ? " a month" : ""}</p>
      <p>"Pay" sends a signed <code>payment.succeeded</code> webhook${plan.kind === "subscription" ? html` (after <code>membership.activated</code>)` : ""} through the real verification path, as Whop would.</p>
      <form method="post" action="/api/billing/dev-checkout">
        <input type="hidden" name="planId" value="${plan.id}" />
        <button type="submit">Pay ${formatPrice(plan.price, plan.currency)} (simulated)</button>
      </form>
      <p><a href="/billing">Cancel and go back to Billing</a></p>
    </main>
  </body>
</html>`;
}

/** The offline checkout (development without a Whop key): a labelled page whose button produces a signed webhook. */
export const devCheckoutRoutes = new Hono<AppEnv>()
  .use("/api/billing/dev-checkout", async (c, next) => {
    if (!devCheckoutEnabled(c.env) || !isLocalDevelopment(c.env, c.req.url)) throw new AppError("not_found", "No such API route.");
    await next();
  })
  .get("/api/billing/dev-checkout", requireUser, queryParams(checkoutQuerySchema), (c) => {
    return c.html(page(requirePlan(c.req.valid("query").planId)));
  })
  .post("/api/billing/dev-checkout", requireUser, requestHeaders(z.object({ "content-type": z.string().optional() })), async (c) => {
    const isJson = (c.req.valid("header")["content-type"] ?? "").includes("json");
    const body: unknown = await (isJson ? c.req.json() : c.req.parseBody()).catch(() => {
      throw new AppError("bad_request", "Send the plan as a form field or as JSON.");
    });
    const input = parseOrThrow(checkoutSchema, body);
    const plan = requirePlan(input.planId);
    const result = await simulatePurchase(billingDeps(c.env), c.env.WHOP_WEBHOOK_SECRET, c.var.auth.userId, plan);
    if (isJson) return c.json(result, 201);
    return c.redirect(`${returnUrl("", plan)}&payment=${encodeURIComponent(result.paymentId)}`, 303);
  });
