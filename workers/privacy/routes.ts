import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { consentRoutes } from "./consent-routes";
import { deletionRoutes } from "./deletion-routes";
import { exportRoutes } from "./export-routes";

/** Everything under "Your data & privacy": consents, restriction, policy re-acceptance, export, deletion. */
export const privacyRoutes = new Hono<AppEnv>().route("/", consentRoutes).route("/", exportRoutes).route("/", deletionRoutes);
