import type { Database } from "./db/client";

/** Who is making the request, once `requireUser` has checked the session. */
export interface AuthContext {
  userId: string;
  sessionId: string;
  role: "user" | "support" | "admin";
}

/**
 * Hono's environment for every route: the bindings and the per-request variables. `auth` is not
 * here on purpose: only `requireUser` adds it (see `AuthedEnv`), so a handler that forgets the
 * guard and reads `c.var.auth` does not compile.
 */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    db: Database;
  };
}

/** The environment of a handler behind `requireUser`: `AppEnv` plus the signed-in identity. */
export interface AuthedEnv {
  Bindings: Env;
  Variables: AppEnv["Variables"] & { auth: AuthContext };
}
