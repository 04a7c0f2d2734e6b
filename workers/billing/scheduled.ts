import { billingDeps } from "./env-deps";
import { reconcilePayments } from "./reconcile";

/** Cron task: the reconciliation run, logged when it found something to do. */
export async function reconcileWhopPayments(env: Env, now: number): Promise<void> {
  const report = await reconcilePayments(billingDeps(env), now);
  if (report.applied > 0 || report.resumed > 0) {
    console.log(JSON.stringify({ level: "info", event: "whop_reconciled", ...report }));
  }
}
