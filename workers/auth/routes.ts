import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { accountRoutes } from "./account-routes";
import { devRoutes } from "./dev-routes";
import { passkeyRoutes } from "./passkeys/routes";
import { sessionRoutes } from "./session-routes";
import { twoFactorRoutes } from "./two-factor/routes";
import { whopAccountRoutes } from "./whop/account-routes";
import { whopSignInRoutes } from "./whop/routes";

/** Everything under accounts and sessions. */
export const authRoutes = new Hono<AppEnv>()
  .route("/", sessionRoutes)
  .route("/", accountRoutes)
  .route("/", twoFactorRoutes)
  .route("/", passkeyRoutes)
  .route("/", whopSignInRoutes)
  .route("/", whopAccountRoutes)
  .route("/", devRoutes);
