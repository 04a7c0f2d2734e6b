import type { MiddlewareHandler } from "hono";

/**
 * In production every plain-http request to the Worker is sent to https (308 keeps the method
 * and body). Static assets never reach the Worker; Cloudflare's "Always Use HTTPS" covers them.
 */
export const httpsOnly: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => {
  const url = new URL(c.req.url);
  if (c.env.ENVIRONMENT === "production" && url.protocol === "http:") {
    url.protocol = "https:";
    return c.redirect(url.toString(), 308);
  }
  await next();
};
