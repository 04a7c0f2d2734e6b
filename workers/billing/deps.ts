import type { AccountApi } from "../credits/contract";
import type { Database } from "../db/client";
import type { WhopApi } from "./whop-api";

/** What billing needs from the outside world; routes and the scheduler build it, tests fake parts of it. */
export interface BillingDeps {
  db: Database;
  /** The user's Account Durable Object: the only writer of credits. */
  account(userId: string): Pick<AccountApi, "grant" | "clawback" | "publish">;
  now(): number;
  /** Whop's REST API, or null when no `WHOP_API_KEY` is configured (offline development). */
  whop: WhopApi | null;
}
