import type { Context } from "hono";
import type { AppEnv } from "../../app-env";
import { clientIp } from "../../lib/client-ip";
import { countEvent } from "../../lib/rate-limit";
import { beginSession } from "../context";
import { LIMITS } from "../limits";
import { authenticate } from "../middleware";
import type { WhopOAuthConfig } from "./config";
import { type WhopRefusal, WhopSignInError } from "./errors";
import { linkWhop } from "./link";
import { beginAuthorization, finishAuthorization } from "./oidc";
import { resolveSignIn } from "./resolve";
import { clearRoundTrip, readRoundTrip, setRoundTrip } from "./round-trip-cookie";

/** The web page that explains a refusal or asks for the step still owed (web/src/pages/whop-sign-in/). */
const PAGE = "/whop-sign-in";
const refused = (reason: WhopRefusal) => `${PAGE}?error=${reason}`;

function logRefusal(c: Context<AppEnv>, error: WhopSignInError): void {
  console.warn(
    JSON.stringify({
      level: "warn",
      event: "whop_sign_in_refused",
      requestId: c.var.requestId,
      reason: error.reason,
      detail: error.detail,
    }),
  );
}

/**
 * Whop's authorize page for "Sign in with Whop" (no `userId`), or for "Connect Whop" on Account →
 * Security (the signed-in person's id, once they gave their password again), with the round
 * trip's secrets in this browser's encrypted cookie.
 */
export async function startRoundTrip<E extends AppEnv>(
  c: Context<E>,
  config: WhopOAuthConfig,
  redirectUri: string,
  connectFor: string | null = null,
): Promise<string> {
  const { url, flow } = await beginAuthorization(config, redirectUri);
  await setRoundTrip(c, c.env.JWT_SECRET, { phase: "flow", ...flow, intent: connectFor ? "connect" : "sign_in", userId: connectFor });
  return url.toString();
}

/**
 * Whop's redirect back. The cookie is used up first, whatever follows, so a callback address opened
 * again finds no round trip. Each callback counts as a sign-in attempt against the per-IP limit
 * before Whop is asked anything (each one costs calls to Whop's token, JWKS and userinfo endpoints).
 * Every refusal leads to the explaining page and writes nothing.
 */
export async function finishRoundTrip(c: Context<AppEnv>, config: WhopOAuthConfig, redirectUri: string): Promise<string> {
  const trip = await readRoundTrip(c, c.env.JWT_SECRET);
  clearRoundTrip(c);
  try {
    const { allowed } = await countEvent(c.env.DB, LIMITS.loginPerIp, clientIp(c.req.raw.headers), Date.now());
    if (!allowed) throw new WhopSignInError("rate_limited");
    if (trip?.phase !== "flow") throw new WhopSignInError("not_started");
    const identity = await finishAuthorization(
      { config, fetch: (input, init) => fetch(input, init) },
      new URL(c.req.url).searchParams,
      trip,
      redirectUri,
    );
    if (trip.intent === "connect") {
      const auth = await authenticate(c);
      // The session that started connecting must still be the one here (not signed out, not someone else since).
      if (!auth || auth.userId !== trip.userId) throw new WhopSignInError("not_started", "session changed");
      await linkWhop(c.var.db, auth.userId, identity, Date.now()).catch(() => {
        throw new WhopSignInError("already_linked");
      });
      return "/account?whop=connected";
    }
    const outcome = await resolveSignIn(c.var.db, identity);
    if (outcome.kind === "pending") {
      await setRoundTrip(c, c.env.JWT_SECRET, outcome.pending);
      return PAGE;
    }
    await beginSession(c, outcome.user);
    return "/create";
  } catch (error) {
    if (!(error instanceof WhopSignInError)) throw error;
    logRefusal(c, error);
    return refused(error.reason);
  }
}
