import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { keyRoutes } from "./key-routes";

/** The developer platform: API keys (and, beside them, what programs holding a key may call elsewhere). */
export const developerRoutes = new Hono<AppEnv>().route("/", keyRoutes);
