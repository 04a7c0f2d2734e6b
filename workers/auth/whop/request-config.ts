import type { Context } from "hono";
import type { AppEnv } from "../../app-env";
import { AppError } from "../../lib/errors";
import { publicUrlFor } from "../../lib/public-url";
import { type WhopOAuthConfig, whopOAuthConfig } from "./config";

/** The OAuth app's settings, or 404 when this server has none. */
export function configOf<E extends AppEnv>(c: Context<E>): WhopOAuthConfig {
  const config = whopOAuthConfig(c.env);
  if (!config) throw new AppError("not_found", "Sign in with Whop is not set up on this server.");
  return config;
}

/** Where Whop sends the browser back: registered with the OAuth app exactly (docs/deploy.md). */
export const callbackUrl = <E extends AppEnv>(c: Context<E>) =>
  `${publicUrlFor(c.env, c.req.url).replace(/\/$/, "")}/api/auth/whop/callback`;
