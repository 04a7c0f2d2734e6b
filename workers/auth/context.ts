import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { emailSenderFor } from "../lib/email/select";
import { publicUrlFor } from "../lib/public-url";
import { signAccessToken } from "./access-token";
import { setSessionCookies } from "./cookies";
import type { AuthDeps } from "./deps";
import { deviceOf } from "./device";
import { sessionLifetime } from "./session-lifetime";
import { startSession } from "./sessions";
import type { SignupDeps } from "./signup";
import type { UserRow } from "./users";

/** The account flows' dependencies for this request. */
export function authDeps<E extends AppEnv>(c: Context<E>): AuthDeps {
  const sender = emailSenderFor(c.env, c.var.db);
  return {
    db: c.var.db,
    now: Date.now(),
    publicUrl: publicUrlFor(c.env, c.req.url),
    deliver: (message) =>
      c.executionCtx.waitUntil(
        sender.send(message).catch((error: unknown) => {
          console.error(JSON.stringify({ level: "error", requestId: c.var.requestId, event: "email_failed", error: String(error) }));
        }),
      ),
  };
}

/** Sign-up's dependencies (the welcome credits come at verification, not here). */
export function signupDeps(c: Context<AppEnv>): SignupDeps {
  return authDeps(c);
}

/**
 * Starts a session for the user, with their role's lifetime, and sets its cookies;
 * `secondFactor` when the sign-in proved one (staff routes need it).
 */
export async function beginSession(
  c: Context<AppEnv>,
  user: Pick<UserRow, "id" | "role">,
  options: { secondFactor?: boolean } = {},
): Promise<void> {
  const now = Date.now();
  const userId = user.id;
  const { sessionId, refreshToken } = await startSession(c.var.db, {
    userId,
    ...deviceOf(c.req.raw.headers),
    now,
    lifetime: sessionLifetime(user.role),
    secondFactorAt: options.secondFactor ? now : null,
  });
  const access = await signAccessToken(c.env.JWT_SECRET, { userId, sessionId }, now);
  setSessionCookies(c, { access, refresh: refreshToken });
}
