import type { Database } from "./db/client";

/** Who is making the request, once `requireUser` has checked the session. */
export interface AuthContext {
  userId: string;
  sessionId: string;
  role: "user" | "support" | "admin";
}

/** Hono's environment for every route: the bindings and the per-request variables. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    db: Database;
    auth: AuthContext;
  };
}
