import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { supportStaffRoutes } from "../support/staff-routes";
import { auditRoutes } from "./audit-routes";
import { dataRequestRoutes } from "./data-requests-routes";
import { adminJobRoutes } from "./jobs-routes";
import { adminMinorRoutes } from "./minor-routes";
import { overviewRoutes } from "./overview-routes";
import { adminRefundRoutes } from "./refunds-routes";
import { stepUpRoutes } from "./step-up-routes";
import { userRoutes } from "./users-routes";

/**
 * Every `/api/admin/*` route: each capability's staff routes, mounted here. Every route puts
 * `requireRole(roles, action)` first in its chain (the authorization sweep in `test/admin/` checks
 * each one the app has).
 */
export const adminRoutes = new Hono<AppEnv>()
  .route("/", auditRoutes)
  .route("/", dataRequestRoutes)
  .route("/", adminJobRoutes)
  .route("/", adminRefundRoutes)
  .route("/", adminMinorRoutes)
  .route("/", overviewRoutes)
  .route("/", stepUpRoutes)
  .route("/", supportStaffRoutes)
  .route("/", userRoutes);
