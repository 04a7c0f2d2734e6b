import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { isLoopback } from "../lib/local-development";
import { ACCESS_TOKEN_TTL_SECONDS } from "./access-token";
import { USER_SESSION_LIFETIME } from "./session-lifetime";

/**
 * Cookie names and flags for this request. The `__Host-` prefix pins the cookies to this exact
 * host, path `/`, Secure. Only plain-http loopback (local development) drops the prefix and the
 * flag, because not every browser keeps Secure cookies there; any other plain-http request gets
 * Secure cookies, which browsers refuse over http, so sessions only ever travel over TLS.
 */
function cookieShape(c: Context) {
  const secure = new URL(c.req.url).protocol === "https:" || !isLoopback(c.req.url);
  const prefix = secure ? "__Host-" : "";
  return {
    access: `${prefix}ausar_at`,
    refresh: `${prefix}ausar_rt`,
    options: { path: "/", httpOnly: true, secure, sameSite: "Lax" as const },
  };
}

/** Sets both session cookies; the refresh cookie outlives no session (the server refuses it past the session's end anyway). */
export function setSessionCookies(c: Context, tokens: { access: string; refresh: string }): void {
  const { access, refresh, options } = cookieShape(c);
  setCookie(c, access, tokens.access, { ...options, maxAge: ACCESS_TOKEN_TTL_SECONDS });
  setCookie(c, refresh, tokens.refresh, { ...options, maxAge: Math.floor(USER_SESSION_LIFETIME.idleMs / 1000) });
}

/** Clears both session cookies. */
export function clearSessionCookies(c: Context): void {
  const { access, refresh, options } = cookieShape(c);
  deleteCookie(c, access, options);
  deleteCookie(c, refresh, options);
}

/** The access and refresh tokens the browser sent, if any. */
export function readSessionCookies(c: Context): { access?: string; refresh?: string } {
  const { access, refresh } = cookieShape(c);
  return { access: getCookie(c, access), refresh: getCookie(c, refresh) };
}

/** Name and flags for another cookie of ours (Sign in with Whop's round trip), shaped like the session cookies. */
export function cookieFor(c: Context, base: string): { name: string; options: ReturnType<typeof cookieShape>["options"] } {
  const { options } = cookieShape(c);
  return { name: `${options.secure ? "__Host-" : ""}${base}`, options };
}
