import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { adminRoutes } from "./admin/routes";
import type { AppEnv } from "./app-env";
import { authRoutes } from "./auth/routes";
import { billingRoutes } from "./billing/routes";
import { creditRoutes } from "./credits/routes";
import { database } from "./db/client";
import { openApiRoute } from "./developers/openapi";
import { developerRoutes } from "./developers/routes";
import { generationRoutes } from "./generation/routes";
import { generationWebhookRoutes } from "./generation/webhook-routes";
import { healthRoutes } from "./health/routes";
import { AppError } from "./lib/errors";
import { httpsOnly } from "./lib/https-only";
import { onError } from "./lib/on-error";
import { sameOrigin } from "./lib/same-origin";
import { securityHeaders } from "./lib/security-headers";
import { jsonGuard } from "./lib/validate";
import { mediaRoutes } from "./media/routes";
import { notificationRoutes } from "./notifications/routes";
import { openAiRoutes } from "./openai/routes";
import { privacyRoutes } from "./privacy/routes";
import { provenanceRoutes } from "./provenance/routes";
import { supportRoutes } from "./support/routes";
import { usageRoutes } from "./usage/routes";

/**
 * Builds the Worker's Hono app: global middleware, then each capability's routes. The routes are
 * one chained expression so that their types flow into `AppType`, which the web app's client reads.
 */
export function createApp() {
  const app = new Hono<AppEnv>()
    .use(requestId())
    .use(securityHeaders)
    .use(httpsOnly)
    .use(async (c, next) => {
      c.set("db", database(c.env.DB));
      await next();
    })
    .use("/api/*", sameOrigin)
    .use("/api/*", jsonGuard)
    .route("/", healthRoutes)
    .route("/", authRoutes)
    .route("/", creditRoutes)
    .route("/", mediaRoutes)
    .route("/", billingRoutes)
    .route("/", generationRoutes)
    .route("/", generationWebhookRoutes)
    .route("/", privacyRoutes)
    .route("/", supportRoutes)
    .route("/", usageRoutes)
    .route("/", notificationRoutes)
    .route("/", developerRoutes)
    .route("/", openAiRoutes)
    .route("/", adminRoutes)
    .route("/", provenanceRoutes);

  app.get("/api/openapi.json", openApiRoute(app));
  app.all("/api/*", () => {
    throw new AppError("not_found", "No such API route.");
  });
  app.notFound(async (c) => {
    if (/^\/(api|webhooks|media)(\/|$)/.test(c.req.path)) {
      throw new AppError("not_found", "Not found.");
    }
    // The assets binding answers with immutable headers; a copy lets the security headers be added.
    const asset = await c.env.ASSETS.fetch(c.req.raw);
    return new Response(asset.body, asset);
  });
  app.onError(onError);
  return app;
}

/**
 * Every route with its inputs and JSON answers: the contract behind the web app's typed client.
 * @public (read by the web app through the emitted declarations in web/.app-type, which knip does not follow)
 */
export type AppType = ReturnType<typeof createApp>;
