import { accountFor } from "../credits/account-client";
import { database } from "../db/client";
import type { BillingDeps } from "./deps";
import { whopApi } from "./whop-api";

/** Billing's dependencies from the Worker's bindings; `fetcher` reaches Whop (tests pass a fake). */
export function billingDeps(env: Env, fetcher: typeof fetch = (input, init) => fetch(input, init)): BillingDeps {
  return {
    db: database(env.DB),
    account: (userId) => accountFor(env, userId),
    now: () => Date.now(),
    whop: env.WHOP_API_KEY
      ? whopApi({ apiKey: env.WHOP_API_KEY, companyId: env.WHOP_COMPANY_ID || null, fetch: fetcher })
      : null,
  };
}

/** The offline checkout exists only in development and only while no Whop key is configured. */
export function devCheckoutEnabled(env: Pick<Env, "ENVIRONMENT" | "WHOP_API_KEY">): boolean {
  return env.ENVIRONMENT === "development" && !env.WHOP_API_KEY;
}
