import { sql } from "drizzle-orm";
import { ACTIVE_MEMBERSHIP_STATUSES } from "../../shared/billing";
import { planByWhopId } from "../../shared/plans";
import type { EventOutcome } from "./apply-payment";
import { belongsToErasedAccount } from "./cancel-memberships";
import type { BillingDeps } from "./deps";
import { toMillis } from "./money";
import { resolveUser } from "./payment-store";
import { ausarUserIdOf, type WhopMembership } from "./whop-events";

export type MembershipEvent = "membership.activated" | "membership.deactivated" | "membership.cancel_at_period_end_changed";

const ACTIVE = new Set<string>(ACTIVE_MEMBERSHIP_STATUSES);

/** The status to store: Whop's own, unless it contradicts the event (then the event's meaning wins). */
function statusFor(event: MembershipEvent, status: string | null | undefined): string | null {
  if (event === "membership.activated") return status && ACTIVE.has(status) ? status : "active";
  if (event === "membership.deactivated") return status && !ACTIVE.has(status) ? status : "expired";
  return status ?? null;
}

/**
 * Membership events keep the subscription state the Billing page shows. Events may arrive out of
 * order, so each write carries the event's time and an older event never overwrites a newer
 * state. Credits are not granted here: each (renewal) payment grants its month.
 */
export async function applyMembership(
  deps: BillingDeps,
  event: MembershipEvent,
  data: WhopMembership,
  eventAt: number,
): Promise<EventOutcome> {
  const userId = await resolveUser(deps.db, ausarUserIdOf(data.metadata), data.id, data.user?.id ?? null);
  // An erased account's membership (e.g. the deactivation our own cancellation causes) writes no new row about it.
  if (!userId && (await belongsToErasedAccount(deps.db, ausarUserIdOf(data.metadata), data.id))) {
    return { outcome: "erased_account", detail: `membership ${data.id}` };
  }
  const plan = data.plan ? planByWhopId(data.plan.id) : undefined;
  const status = statusFor(event, data.status);
  const cancel = data.cancel_at_period_end === null || data.cancel_at_period_end === undefined ? null : Number(data.cancel_at_period_end);
  const renewal = toMillis(data.renewal_period_end);
  const now = deps.now();
  await deps.db.run(sql`
    INSERT INTO subscriptions (membership_id, user_id, plan_id, whop_plan_id, status, cancel_at_period_end, renewal_period_end, manage_url, event_at, created_at, updated_at)
    VALUES (${data.id}, ${userId}, ${plan?.id ?? null}, ${data.plan?.id ?? null}, COALESCE(${status}, 'active'), COALESCE(${cancel}, 0),
      ${renewal}, ${data.manage_url ?? null}, ${eventAt}, ${now}, ${now})
    ON CONFLICT (membership_id) DO UPDATE SET
      user_id = COALESCE(excluded.user_id, subscriptions.user_id),
      plan_id = COALESCE(excluded.plan_id, subscriptions.plan_id),
      whop_plan_id = COALESCE(excluded.whop_plan_id, subscriptions.whop_plan_id),
      status = COALESCE(${status}, subscriptions.status),
      cancel_at_period_end = COALESCE(${cancel}, subscriptions.cancel_at_period_end),
      renewal_period_end = COALESCE(excluded.renewal_period_end, subscriptions.renewal_period_end),
      manage_url = COALESCE(excluded.manage_url, subscriptions.manage_url),
      event_at = excluded.event_at,
      updated_at = excluded.updated_at
    WHERE excluded.event_at >= subscriptions.event_at`);
  if (!userId) return { outcome: "unknown_user", detail: `membership ${data.id}` };
  if (!plan) return { outcome: "unknown_plan", detail: `membership ${data.id} on ${data.plan?.id ?? "no plan"}` };
  return { outcome: "subscription_updated" };
}
