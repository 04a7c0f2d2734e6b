import type { MiddlewareHandler } from "hono";
import { AppError } from "./errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** True when `origin` is this host's own or that of the configured public URL (`PUBLIC_URL`). */
export function isOwnOrigin(origin: string, requestUrl: string, publicUrl: string): boolean {
  return origin === new URL(requestUrl).origin || origin === new URL(publicUrl).origin;
}

/**
 * Refuses state-changing browser requests from other origins (CSRF). Browsers always send
 * `Origin` on cross-origin and on same-origin non-GET fetches; requests without one come from
 * servers, tests or curl, which carry no ambient cookies of a victim, and are let through.
 */
export const sameOrigin: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => {
  const origin = c.req.header("Origin");
  if (!SAFE_METHODS.has(c.req.method) && origin !== undefined && !isOwnOrigin(origin, c.req.url, c.env.PUBLIC_URL)) {
    throw new AppError("bad_origin", "This request must come from the Ausar web app.");
  }
  await next();
};
