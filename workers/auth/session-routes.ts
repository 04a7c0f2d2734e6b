import { Hono } from "hono";
import { type LoginResponse, loginSchema, type SessionView, secondFactorLoginSchema, signupSchema } from "../../shared/auth";
import type { AppEnv } from "../app-env";
import { closeLiveSession } from "../credits/live";
import { clientIp } from "../lib/client-ip";
import { AppError } from "../lib/errors";
import { enforceRateLimit } from "../lib/rate-limit";
import { idParam, jsonBody, pathParams } from "../lib/validate";
import { signAccessToken } from "./access-token";
import { beginSession, signupDeps } from "./context";
import { clearSessionCookies, readSessionCookies, setSessionCookies } from "./cookies";
import { deviceOf } from "./device";
import { LIMITS } from "./limits";
import { logIn } from "./login";
import { authenticate, requireUser } from "./middleware";
import { rotateRefreshToken, sessionOfRefreshToken } from "./refresh-tokens";
import { listLiveSessions, revokeAllSessions, revokeOwnSession, revokeSession } from "./sessions";
import { signUp } from "./signup";
import { completeSecondFactor } from "./two-factor/login-step";
import { twoFactorEnabled } from "./two-factor/store";
import { signLoginTicket } from "./two-factor/ticket";
import { toUserView } from "./users";

/** A device that is not the caller's, or an `:id` that cannot be one, is answered alike. */
const noSuchDevice = () => new AppError("not_found", "No such signed-in device.");

/** Sign-up, sign-in, refresh, sign-out and the signed-in devices list. */
export const sessionRoutes = new Hono<AppEnv>()
  .post("/api/auth/signup", jsonBody(signupSchema), async (c) => {
    const deps = signupDeps(c);
    await enforceRateLimit(c.env.DB, LIMITS.signupPerIp, clientIp(c.req.raw.headers), deps.now);
    const user = await signUp(deps, c.req.valid("json"));
    await beginSession(c, user);
    return c.json({ user: toUserView(user, null) }, 201);
  })
  .post("/api/auth/login", jsonBody(loginSchema), async (c) => {
    const deps = { db: c.var.db, now: Date.now(), throttleSecret: c.env.JWT_SECRET };
    const user = await logIn(deps, { ...c.req.valid("json"), ip: clientIp(c.req.raw.headers) });
    // With two-factor on, the right password earns only a ticket for the code step: no session yet.
    if (await twoFactorEnabled(deps.db, user.id)) {
      const body: LoginResponse = { secondFactor: "totp", ticket: await signLoginTicket(c.env.JWT_SECRET, user.id, deps.now) };
      return c.json(body);
    }
    await beginSession(c, user);
    const body: LoginResponse = { user: toUserView(user, null) };
    return c.json(body);
  })
  .post("/api/auth/login/second-factor", jsonBody(secondFactorLoginSchema), async (c) => {
    const now = Date.now();
    const user = await completeSecondFactor(c.var.db, c.env.JWT_SECRET, c.req.valid("json"), now);
    await beginSession(c, user, { secondFactor: true });
    const body: LoginResponse = { user: toUserView(user, null) };
    return c.json(body);
  })
  .post("/api/auth/refresh", async (c) => {
    const { refresh } = readSessionCookies(c);
    const now = Date.now();
    const rotation = refresh ? await rotateRefreshToken(c.var.db, refresh, now, deviceOf(c.req.raw.headers)) : null;
    // A session that a refresh ended (token reuse, lifetime over) loses its live connections too.
    if (rotation && !rotation.ok && "sessionId" in rotation) await closeLiveSession(c.env, rotation.userId, rotation.sessionId);
    if (!rotation?.ok) {
      // A lost race keeps the cookies: the winning request already replaced them in the browser.
      if (rotation?.reason !== "race") clearSessionCookies(c);
      throw new AppError("unauthenticated", "Your session has ended. Please sign in again.");
    }
    const access = await signAccessToken(c.env.JWT_SECRET, rotation, now);
    setSessionCookies(c, { access, refresh: rotation.refreshToken });
    return c.json({ ok: true });
  })
  .post("/api/auth/logout", async (c) => {
    // After 15 idle minutes only the refresh cookie is left, and it must end the session as well.
    const { refresh } = readSessionCookies(c);
    const now = Date.now();
    const session = (await authenticate(c)) ?? (refresh ? await sessionOfRefreshToken(c.var.db, refresh, now) : null);
    if (session) {
      await revokeSession(c.var.db, session.sessionId, "logout", now);
      await closeLiveSession(c.env, session.userId, session.sessionId);
    }
    clearSessionCookies(c);
    // Private media stays in the browser cache for an hour; signing out on a shared device clears it.
    c.header("Clear-Site-Data", '"cache"');
    return c.body(null, 204);
  })
  .post("/api/auth/logout-all", requireUser, async (c) => {
    await revokeAllSessions(c.var.db, c.var.auth.userId, "logout_everywhere", Date.now());
    await closeLiveSession(c.env, c.var.auth.userId);
    clearSessionCookies(c);
    return c.body(null, 204);
  })
  .get("/api/auth/sessions", requireUser, async (c) => {
    const rows = await listLiveSessions(c.var.db, c.var.auth.userId, Date.now());
    const items: SessionView[] = rows.map((row) => ({ ...row, current: row.id === c.var.auth.sessionId }));
    return c.json({ sessions: items });
  })
  .delete("/api/auth/sessions/:id", requireUser, pathParams(idParam, noSuchDevice), async (c) => {
    const { id } = c.req.valid("param");
    if (!(await revokeOwnSession(c.var.db, c.var.auth.userId, id, Date.now()))) throw noSuchDevice();
    await closeLiveSession(c.env, c.var.auth.userId, id);
    if (id === c.var.auth.sessionId) clearSessionCookies(c);
    return c.body(null, 204);
  });
