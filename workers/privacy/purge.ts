import { eq } from "drizzle-orm";
import { MODEL_CATALOG } from "../../shared/models";
import { accountDataContributions } from "../account-data";
import type { Database } from "../db/client";
import { users } from "../db/schema";
import { Budget, PURGE_CALLS_PER_INVOCATION } from "./budget";
import type { AccountDataContribution, PurgeContext } from "./contract";
import type { EnqueueTask } from "./tasks";

/**
 * The follow-up pass waits until every job the person had in flight is past its deadline (so no
 * provider call of theirs can still be under way) plus a margin, within the queue's 12-hour delay cap.
 */
const FOLLOW_UP_DELAY_SECONDS = Math.min(12 * 3600, Math.max(...MODEL_CATALOG.map((m) => m.deadlineSeconds)) + 300);

export interface PurgeDeps {
  env: Env;
  db: Database;
  d1: D1Database;
  bucket: R2Bucket;
  now: () => number;
  enqueue: EnqueueTask;
}

export type PurgeOutcome = "done" | "continued" | "refused";

/**
 * Erases an account whose deletion was requested: each capability's purge step in the registry's
 * order (`workers/account-data.ts`), then one batch of their final statements, the user row last.
 * Idempotent (every step deletes what is still there), chunked (after PURGE_CALLS_PER_INVOCATION
 * calls it re-enqueues itself and stops), and run twice: once at once, and a `final` pass later
 * that sweeps anything a straggling provider call or credit settlement wrote meanwhile. A live
 * account (no `deleted_at`) is never touched.
 */
export async function purgeAccount(
  deps: PurgeDeps,
  userId: string,
  final: boolean,
  budget = new Budget(PURGE_CALLS_PER_INVOCATION),
  contributions: readonly AccountDataContribution[] = accountDataContributions,
): Promise<PurgeOutcome> {
  const user = await deps.db.select({ email: users.email, deletedAt: users.deletedAt }).from(users).where(eq(users.id, userId)).get();
  if (user && user.deletedAt === null) {
    console.error(JSON.stringify({ level: "error", event: "purge_refused_live_account", userId }));
    return "refused";
  }
  const ctx: PurgeContext = {
    env: deps.env,
    db: deps.db,
    d1: deps.d1,
    bucket: deps.bucket,
    userId,
    email: user?.email ?? null,
    now: deps.now(),
    budget,
  };
  for (const contribution of contributions) {
    if (contribution.purge && !(await contribution.purge(ctx))) {
      await deps.enqueue({ type: "purge", userId, final });
      return "continued";
    }
  }
  const [first, ...rest] = contributions.flatMap((contribution) => contribution.finalStatements?.(deps.db, userId) ?? []);
  if (first) await deps.db.batch([first, ...rest]);
  if (!final) await deps.enqueue({ type: "purge", userId, final: true }, FOLLOW_UP_DELAY_SECONDS);
  return "done";
}
