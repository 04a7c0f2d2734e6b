import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { keyRoutes } from "./key-routes";
import { webhookRoutes } from "./webhooks/routes";

/** The developer platform: API keys and webhook endpoints (what a key may call lives with each capability). */
export const developerRoutes = new Hono<AppEnv>().route("/", keyRoutes).route("/", webhookRoutes);
