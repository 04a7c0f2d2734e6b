import type { AuditTrail } from "./admin/audit";
import type { Database } from "./db/client";

/** Who is making the request, once `requireUser` has checked the session. */
export interface AuthContext {
  userId: string;
  sessionId: string;
  role: "user" | "support" | "admin";
  /** When the session began (staff sessions end 12 hours after, whatever the activity). */
  startedAt: number;
  /** When the session proved a second factor, or null. */
  secondFactorAt: number | null;
}

/** A staff member behind a call that `requireRole` let through: enrolled, and proved the second factor. */
interface StaffContext extends AuthContext {
  role: "support" | "admin";
  secondFactorAt: number;
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

/**
 * The environment of a handler behind `requireRole`: the staff identity and the call's audit row.
 * Only the guard sets them, so a staff handler that forgets it does not compile.
 */
export interface StaffEnv {
  Bindings: Env;
  Variables: AppEnv["Variables"] & { staff: StaffContext; audit: AuditTrail };
}
