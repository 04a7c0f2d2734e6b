import type { MiddlewareHandler } from "hono";
import { AppError } from "./errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses state-changing browser requests from other origins (CSRF). Browsers always send
 * `Origin` on cross-origin and on same-origin non-GET fetches; requests without one come from
 * servers, tests or curl, which carry no ambient cookies of a victim, and are let through.
 */
export function sameOrigin(allowedOrigins: (url: URL) => string[]): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header("Origin");
    if (!SAFE_METHODS.has(c.req.method) && origin !== undefined) {
      const url = new URL(c.req.url);
      if (!allowedOrigins(url).includes(origin)) {
        throw new AppError("bad_origin", "This request must come from the Ausar web app.");
      }
    }
    await next();
  };
}
