import { type Context, Hono } from "hono";
import { type WhopPendingView, whopLinkSchema, whopSecondFactorSchema, whopSignupSchema } from "../../../shared/whop-sign-in";
import type { AppEnv } from "../../app-env";
import { clientIp } from "../../lib/client-ip";
import { AppError } from "../../lib/errors";
import { enforceRateLimit } from "../../lib/rate-limit";
import { jsonBody } from "../../lib/validate";
import { authDeps, beginSession } from "../context";
import { LIMITS } from "../limits";
import { acceptSecondFactor } from "../two-factor/codes";
import { findUserById, toUserView } from "../users";
import { claimWelcomeCreditsOrLog, welcomeCreditDeps } from "../welcome-credits";
import { whopOAuthConfig } from "./config";
import { createWhopAccount } from "./create-account";
import { linkByPassword } from "./link";
import { callbackUrl, configOf } from "./request-config";
import { finishRoundTrip, startRoundTrip } from "./round-trip";
import { clearRoundTrip, type PendingWhopSignIn, readRoundTrip } from "./round-trip-cookie";

const noPending = () =>
  new AppError("invalid_state", "There is no Whop sign-in in progress in this browser (or it took longer than 10 minutes). Start again.");

/** The step after Whop, as this browser's round-trip cookie holds it; `step` narrows it. */
async function pendingOf(c: Context<AppEnv>, step?: PendingWhopSignIn["step"]): Promise<PendingWhopSignIn> {
  configOf(c);
  const trip = await readRoundTrip(c, c.env.JWT_SECRET);
  if (trip?.phase !== "pending" || (step && trip.step !== step)) throw noPending();
  return trip;
}

/** Sign in with Whop: the redirect there, the way back, and the steps a person may still owe afterwards. */
export const whopSignInRoutes = new Hono<AppEnv>()
  .get("/api/auth/whop", (c) => c.json({ enabled: whopOAuthConfig(c.env) !== null }))
  .get("/api/auth/whop/start", async (c) => {
    const location = await startRoundTrip(c, configOf(c), callbackUrl(c));
    return c.redirect(location, 303);
  })
  .get("/api/auth/whop/callback", async (c) => c.redirect(await finishRoundTrip(c, configOf(c), callbackUrl(c)), 303))
  .get("/api/auth/whop/pending", async (c) => {
    const { step, email, name, emailVerified } = await pendingOf(c);
    const body: WhopPendingView = { step, email, name, emailVerified };
    return c.json(body);
  })
  .delete("/api/auth/whop/pending", (c) => {
    clearRoundTrip(c);
    return c.body(null, 204);
  })
  .post("/api/auth/whop/signup", jsonBody(whopSignupSchema), async (c) => {
    const pending = await pendingOf(c, "sign_up");
    const deps = authDeps(c);
    await enforceRateLimit(c.env.DB, LIMITS.signupPerIp, clientIp(c.req.raw.headers), deps.now);
    const user = await createWhopAccount(deps, pending, c.req.valid("json"));
    await claimWelcomeCreditsOrLog(welcomeCreditDeps(c.env, deps.db, deps.now), user.id, user.email);
    clearRoundTrip(c);
    await beginSession(c, user);
    return c.json({ user: toUserView(user, null) }, 201);
  })
  .post("/api/auth/whop/link", jsonBody(whopLinkSchema), async (c) => {
    const pending = await pendingOf(c, "link");
    const deps = { db: c.var.db, now: Date.now(), throttleSecret: c.env.JWT_SECRET };
    const { user, secondFactor } = await linkByPassword(deps, pending, { ...c.req.valid("json"), ip: clientIp(c.req.raw.headers) });
    clearRoundTrip(c);
    await beginSession(c, user, { secondFactor });
    return c.json({ user: toUserView(user, null) });
  })
  .post("/api/auth/whop/second-factor", jsonBody(whopSecondFactorSchema), async (c) => {
    const pending = await pendingOf(c, "second_factor");
    const now = Date.now();
    const user = pending.userId ? await findUserById(c.var.db, pending.userId) : undefined;
    if (!user || user.suspendedAt !== null) throw noPending();
    await acceptSecondFactor(c.var.db, user.id, c.req.valid("json").code, now);
    clearRoundTrip(c);
    await beginSession(c, user, { secondFactor: true });
    return c.json({ user: toUserView(user, null) });
  });
