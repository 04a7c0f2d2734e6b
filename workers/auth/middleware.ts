import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv, AuthContext, AuthedEnv } from "../app-env";
import { AppError } from "../lib/errors";
import { verifyAccessToken } from "./access-token";
import { readSessionCookies } from "./cookies";
import { loadLiveSession } from "./sessions";

/**
 * The signed-in identity behind a request, or null (expired token, revoked session, no cookie). A
 * request that carries an API key is refused here: every route that reads the session (account,
 * billing, privacy, support, staff) is the web app's alone; the routes a key may call use
 * `requireCaller` (developers/caller.ts) instead.
 */
export async function authenticate<E extends AppEnv>(c: Context<E>): Promise<AuthContext | null> {
  if (c.req.header("Authorization") !== undefined) {
    throw new AppError("api_key_not_allowed", "API keys cannot call this route: it is for the signed-in web app only.");
  }
  const { access } = readSessionCookies(c);
  if (!access) return null;
  const now = Date.now();
  const claims = await verifyAccessToken(c.env.JWT_SECRET, access, now);
  return claims ? loadLiveSession(c.var.db, claims, now) : null;
}

/**
 * Requires a live session: 401 `unauthenticated` otherwise; sets `c.var.auth`. Typed with its own
 * Variables, so only the handlers after it in a chain see `auth`.
 */
export const requireUser = createMiddleware<AuthedEnv>(async (c, next) => {
  const auth = await authenticate(c);
  if (!auth) throw new AppError("unauthenticated", "Please sign in.");
  c.set("auth", auth);
  await next();
});
