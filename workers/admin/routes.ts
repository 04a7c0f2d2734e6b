import { Hono } from "hono";
import type { AppEnv } from "../app-env";

/**
 * Every `/api/admin/*` route: each capability's staff routes, mounted here. Every route puts
 * `requireRole(roles, action)` first in its chain (the authorization sweep in `test/admin/` checks
 * each one the app has).
 */
export const adminRoutes = new Hono<AppEnv>();
