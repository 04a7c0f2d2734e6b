import { Hono } from "hono";
import type { AdminOverview } from "../../shared/admin-overview";
import type { AppEnv } from "../app-env";
import { requireRole } from "./guard";
import { adminOverview } from "./overview";

/** `GET /api/admin/overview`: the day's and the week's figures (support and admin). */
export const overviewRoutes = new Hono<AppEnv>().get(
  "/api/admin/overview",
  requireRole(["support", "admin"], "overview.read"),
  async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json((await adminOverview(c.var.db, Date.now())) satisfies AdminOverview);
  },
);
