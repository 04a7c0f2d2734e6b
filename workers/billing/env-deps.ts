import { accountFor } from "../credits/account-client";
import { database } from "../db/client";
import type { BillingDeps } from "./deps";
import { type WhopApi, whopApi } from "./whop-api";

/** Whop's API client, or null when no `WHOP_API_KEY` is configured (tests build one over a fake `fetch`). */
export function whopFromEnv(env: Env): WhopApi | null {
  if (!env.WHOP_API_KEY) return null;
  // Wrapped: the client calls `options.fetch(…)`, and workerd's fetch refuses any `this` but the global.
  return whopApi({ apiKey: env.WHOP_API_KEY, companyId: env.WHOP_COMPANY_ID || null, fetch: (input, init) => fetch(input, init) });
}

/** Billing's dependencies from the Worker's bindings. */
export function billingDeps(env: Env): BillingDeps {
  return {
    db: database(env.DB),
    account: (userId) => accountFor(env, userId),
    now: () => Date.now(),
    whop: whopFromEnv(env),
  };
}

/** The offline checkout exists only in development and only while no Whop key is configured. */
export function devCheckoutEnabled(env: Pick<Env, "ENVIRONMENT" | "WHOP_API_KEY">): boolean {
  return env.ENVIRONMENT === "development" && !env.WHOP_API_KEY;
}
