import { Hono } from "hono";
import {
  cancelEmailChangeSchema,
  changePasswordSchema,
  forgotPasswordSchema,
  resetPasswordSchema,
  updateMeSchema,
  verifyEmailSchema,
} from "../../shared/auth";
import type { AppEnv } from "../app-env";
import { readBalance } from "../credits/balance";
import { closeLiveSession, closeLiveSessions } from "../credits/live";
import type { Database } from "../db/client";
import { clientIp } from "../lib/client-ip";
import { enforceRateLimit } from "../lib/rate-limit";
import { jsonBody } from "../lib/validate";
import { policyAccepted } from "../privacy/policy";
import { authDeps } from "./context";
import { clearSessionCookies } from "./cookies";
import { cancelEmailChange } from "./email-change";
import { LIMITS } from "./limits";
import { requireUser } from "./middleware";
import { changePassword, sendVerification, updateProfile } from "./profile";
import { requestPasswordReset, resetPassword, verifyEmail } from "./recovery";
import { twoFactorEnabled } from "./two-factor/store";
import { mustFindUser, pendingEmailOf, toUserView, type UserRow } from "./users";
import { welcomeCreditDeps } from "./welcome-credits";

/** The API's view of a user, with the address of an email change in progress. */
async function userView(db: Database, user: UserRow, now: number) {
  return toUserView(user, await pendingEmailOf(db, user, now));
}

/** Profile, email verification, password reset and change. */
export const accountRoutes = new Hono<AppEnv>()
  .get("/api/me", requireUser, async (c) => {
    // Only reads, in parallel: no email sender is built, so a mail misconfiguration cannot break it.
    const { db } = c.var;
    const { userId } = c.var.auth;
    const [user, credits, accepted, twoFactor] = await Promise.all([
      mustFindUser(db, userId),
      readBalance(c.env.DB, userId),
      policyAccepted(db, userId),
      twoFactorEnabled(db, userId),
    ]);
    const view = { ...(await userView(db, user, Date.now())), policyAccepted: accepted, twoFactorEnabled: twoFactor };
    return c.json({ user: view, credits });
  })
  .patch("/api/me", requireUser, jsonBody(updateMeSchema), async (c) => {
    const deps = authDeps(c);
    const user = await updateProfile(deps, c.var.auth.userId, c.req.valid("json"));
    return c.json({ user: await userView(deps.db, user, deps.now) });
  })
  .post("/api/auth/verify-email", jsonBody(verifyEmailSchema), async (c) => {
    const deps = authDeps(c);
    await enforceRateLimit(c.env.DB, LIMITS.recoveryPerIp, clientIp(c.req.raw.headers), deps.now);
    const user = await verifyEmail(deps, c.req.valid("json").token, welcomeCreditDeps(c.env, deps.db, deps.now));
    return c.json({ user: await userView(deps.db, user, deps.now) });
  })
  .post("/api/auth/cancel-email-change", jsonBody(cancelEmailChangeSchema), async (c) => {
    const deps = authDeps(c);
    await enforceRateLimit(c.env.DB, LIMITS.recoveryPerIp, clientIp(c.req.raw.headers), deps.now);
    const { userId, email } = await cancelEmailChange(deps, c.req.valid("json").token);
    await closeLiveSession(c.env, userId);
    clearSessionCookies(c);
    return c.json({ ok: true, email });
  })
  .post("/api/auth/resend-verification", requireUser, async (c) => {
    await sendVerification(authDeps(c), c.var.auth.userId);
    return c.body(null, 202);
  })
  .post("/api/auth/forgot-password", jsonBody(forgotPasswordSchema), async (c) => {
    const deps = authDeps(c);
    await enforceRateLimit(c.env.DB, LIMITS.recoveryPerIp, clientIp(c.req.raw.headers), deps.now);
    await requestPasswordReset(deps, c.req.valid("json").email);
    return c.json({ ok: true }, 202);
  })
  .post("/api/auth/reset-password", jsonBody(resetPasswordSchema), async (c) => {
    const deps = authDeps(c);
    await enforceRateLimit(c.env.DB, LIMITS.recoveryPerIp, clientIp(c.req.raw.headers), deps.now);
    const { userId } = await resetPassword(deps, c.req.valid("json"));
    await closeLiveSession(c.env, userId);
    return c.json({ ok: true });
  })
  .post("/api/auth/change-password", requireUser, jsonBody(changePasswordSchema), async (c) => {
    const { endedSessionIds } = await changePassword(authDeps(c), c.var.auth, c.req.valid("json"));
    await closeLiveSessions(c.env, c.var.auth.userId, endedSessionIds);
    return c.body(null, 204);
  });
