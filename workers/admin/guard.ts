import { createMiddleware } from "hono/factory";
import type { StaffEnv } from "../app-env";
import { authenticate } from "../auth/middleware";
import { sessionLifetime } from "../auth/session-lifetime";
import { AppError } from "../lib/errors";
import { AuditTrail } from "./audit";

/** Every middleware `requireRole` made, so a route table can tell staff routes (the sweeps in test/ read it). */
const staffGuards = new WeakSet<object>();

/** True when `handler` is a `requireRole` guard. */
export function isStaffGuard(handler: unknown): boolean {
  return typeof handler === "function" && staffGuards.has(handler);
}

/** The staff roles; `user` is never one. */
export type StaffRole = "support" | "admin";

/**
 * The one gate of every staff route: a live session (401), a staff role (404 to a `user`, so the
 * console's existence is not confirmed), a session younger than the staff lifetime, a second
 * factor proved by this session (403 `second_factor_required`), and the role this route needs
 * (403, audited as refused). It sets `c.var.staff` and `c.var.audit`, which only exist in `StaffEnv`, so a staff
 * handler without this guard does not compile. Every call that passes the role checks leaves
 * exactly one audit row, written once the answer is known (or by the handler's own batch).
 *
 * `action` names the call in the audit log, e.g. `user.read`, `user.credits.adjust`.
 */
export function requireRole(roles: readonly StaffRole[], action: string) {
  const guard = createMiddleware<StaffEnv>(async (c, next) => {
    const auth = await authenticate(c);
    if (!auth) throw new AppError("unauthenticated", "Please sign in.");
    if (auth.role === "user") throw new AppError("not_found", "No such API route.");
    const now = Date.now();
    if (now >= auth.startedAt + sessionLifetime(auth.role).absoluteMs) {
      throw new AppError("unauthenticated", "Staff sessions last 12 hours. Please sign in again.");
    }
    if (auth.secondFactorAt === null) {
      throw new AppError(
        "second_factor_required",
        "Staff must sign in with two-factor authentication (Account → Security) to use the console.",
      );
    }
    const staff = { ...auth, role: auth.role, secondFactorAt: auth.secondFactorAt };
    const audit = new AuditTrail(c.var.db, { userId: staff.userId, role: staff.role, requestId: c.var.requestId }, action, Date.now);
    if (!roles.includes(staff.role)) {
      await audit.finish(403);
      throw new AppError("forbidden", "Your staff role does not allow this.");
    }
    c.set("staff", staff);
    c.set("audit", audit);
    await next();
    // Hono has turned a handler's throw into its error response by now, so the status is final.
    await audit.finish(c.res.status);
  });
  staffGuards.add(guard);
  return guard;
}
