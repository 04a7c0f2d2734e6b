import { Hono } from "hono";
import type { AppEnv } from "../app-env";

/** Liveness: answers without touching storage, so it also serves as the bare-route baseline in benches. */
export const healthRoutes = new Hono<AppEnv>().get("/api/health", (c) => c.json({ ok: true }));
