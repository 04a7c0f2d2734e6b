import type { MiddlewareHandler } from "hono";
import { SECURITY_HEADERS, STRICT_TRANSPORT_SECURITY } from "../../shared/security-headers";

/** Adds the security headers to every Worker response (static assets get them from `_headers`). */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  // A WebSocket handshake (101) may carry immutable headers from the object that accepted it,
  // and CSP and friends mean nothing on it.
  if (c.res.status === 101) return;
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  }
  if (new URL(c.req.url).protocol === "https:") {
    c.res.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  }
};
