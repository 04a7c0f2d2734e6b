import { Hono } from "hono";
import { type AuditPage, auditQuerySchema } from "../../shared/admin-audit";
import type { AppEnv } from "../app-env";
import { queryParams } from "../lib/validate";
import { listAudit } from "./audit-list";
import { requireRole } from "./guard";

/** The audit log, for admins: filter by actor, target user or action; newest first. Reading it is audited too. */
export const auditRoutes = new Hono<AppEnv>().get(
  "/api/admin/audit",
  requireRole(["admin"], "audit.read"),
  queryParams(auditQuerySchema),
  async (c) => {
    const query = c.req.valid("query");
    c.var.audit.about({ targetUserId: query.target ?? null });
    return c.json((await listAudit(c.var.db, query)) satisfies AuditPage);
  },
);
