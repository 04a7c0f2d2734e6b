import { LOGIN_THROTTLE } from "./auth/limits";
import { sweepLoginThrottles } from "./auth/login-throttle";
import { sweepChallenges } from "./auth/passkeys/challenges";
import { grantMissedWelcomeCredits } from "./auth/welcome-credits";
import { sweepErasedMemberships } from "./billing/cancel-memberships";
import { reconcileWhopPayments } from "./billing/scheduled";
import { database } from "./db/client";
import { resendOverdueDeliveries } from "./developers/webhooks/delivery";
import { deliveryDeps } from "./developers/webhooks/queue";
import { generationDeps } from "./generation/deps";
import { sweepGenerations } from "./generation/sweeper";
import { sweepRateLimits } from "./lib/rate-limit";
import { sweepShares } from "./media/shares";
import { resumePurges, sweepExports } from "./privacy/scheduled";
import { sweepSupportThreads } from "./support/retention";
import { sweepUsageEvents } from "./usage/retention";

/** A periodic maintenance task; each capability contributes its own. */
type ScheduledTask = (env: Env, now: number) => Promise<void>;

const tasks: Record<string, ScheduledTask> = {
  rateLimits: (env, now) => sweepRateLimits(env.DB, now),
  loginThrottles: (env, now) => sweepLoginThrottles(env.DB, now, LOGIN_THROTTLE.perAddress.resetAfterMs),
  passkeyChallenges: (env, now) => sweepChallenges(database(env.DB), now),
  welcomeCredits: grantMissedWelcomeCredits,
  whopReconcile: reconcileWhopPayments,
  erasedMemberships: (env, now) => sweepErasedMemberships(env.DB, now),
  generations: async (env, now) => {
    await sweepGenerations(generationDeps(env), now);
  },
  shareLinks: (env, now) => sweepShares(database(env.DB), now),
  exports: sweepExports,
  accountPurges: resumePurges,
  webhookDeliveries: async (env, now) => {
    await resendOverdueDeliveries(deliveryDeps(env), now);
  },
  supportRetention: async (env, now) => {
    await sweepSupportThreads(database(env.DB), now);
  },
  usageRetention: async (env, now) => {
    await sweepUsageEvents(database(env.DB), now);
  },
};

/** Runs every task; one failing task does not stop the others, and each failure is logged. */
export async function runScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const now = controller.scheduledTime;
  const results = await Promise.allSettled(Object.values(tasks).map((task) => task(env, now)));
  Object.keys(tasks).forEach((name, i) => {
    const result = results[i];
    if (result?.status === "rejected") {
      console.error(JSON.stringify({ level: "error", task: name, error: String(result.reason) }));
    }
  });
}
