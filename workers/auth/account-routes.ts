import { eq } from "drizzle-orm";
import { Hono } from "hono";
import {
  changePasswordSchema,
  forgotPasswordSchema,
  resetPasswordSchema,
  updateMeSchema,
  verifyEmailSchema,
} from "../../shared/auth";
import type { AppEnv } from "../app-env";
import { closeLiveSession } from "../credits/live";
import { creditBalances } from "../db/schema";
import { clientIp } from "../lib/client-ip";
import { AppError } from "../lib/errors";
import { enforceRateLimit } from "../lib/rate-limit";
import { jsonBody } from "../lib/validate";
import { policyAccepted } from "../privacy/policy";
import { authDeps } from "./context";
import { LIMITS } from "./limits";
import { requireUser } from "./middleware";
import { changePassword, sendVerification, updateProfile } from "./profile";
import { requestPasswordReset, resetPassword, verifyEmail } from "./recovery";
import { findUserById, pendingEmailOf, toUserView, type UserRow } from "./users";

async function userView(deps: ReturnType<typeof authDeps>, user: UserRow) {
  return toUserView(user, await pendingEmailOf(deps.db, user, deps.now));
}

/** Profile, email verification, password reset and change. */
export const accountRoutes = new Hono<AppEnv>()
  .get("/api/me", requireUser, async (c) => {
    const deps = authDeps(c);
    const user = await findUserById(deps.db, c.var.auth.userId);
    if (!user) throw new AppError("unauthenticated", "Please sign in.");
    const balance = await deps.db
      .select({ available: creditBalances.available, held: creditBalances.held })
      .from(creditBalances)
      .where(eq(creditBalances.userId, user.id))
      .get();
    const view = { ...(await userView(deps, user)), policyAccepted: await policyAccepted(deps.db, user.id) };
    return c.json({ user: view, credits: balance ?? { available: 0, held: 0 } });
  })
  .patch("/api/me", requireUser, jsonBody(updateMeSchema), async (c) => {
    const deps = authDeps(c);
    const user = await updateProfile(deps, c.var.auth.userId, c.req.valid("json"));
    return c.json({ user: await userView(deps, user) });
  })
  .post("/api/auth/verify-email", jsonBody(verifyEmailSchema), async (c) => {
    const deps = authDeps(c);
    await enforceRateLimit(c.env.DB, LIMITS.recoveryPerIp, clientIp(c.req.raw.headers), deps.now);
    const user = await verifyEmail(deps, c.req.valid("json").token);
    return c.json({ user: await userView(deps, user) });
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
    await changePassword(authDeps(c), c.var.auth, c.req.valid("json"));
    return c.body(null, 204);
  });
