import type { SubscriptionView } from "../../../../shared/billing";
import { formatCount, formatDate } from "../../lib/format";
import { membershipLabel } from "./format";

/** The current subscription: plan, state, next renewal (or end of access), and Whop's manage link. */
export function SubscriptionCard(props: { subscription: SubscriptionView | null }) {
  const sub = props.subscription;
  if (!sub) {
    return <p class="muted">No subscription. A monthly plan adds credits every month; packs never expire.</p>;
  }
  const ending = sub.cancelAtPeriodEnd || !sub.active;
  return (
    <div class="subscription">
      <div class="row">
        <p class="subscription-plan">{sub.planName ?? "Subscription"}</p>
        <span class={`badge ${sub.active && !sub.cancelAtPeriodEnd ? "badge-accent" : "badge-warning"}`}>
          {sub.cancelAtPeriodEnd && sub.active ? "Ends at period end" : membershipLabel(sub.status)}
        </span>
      </div>
      {sub.creditsPerMonth ? (
        <p class="muted">{formatCount(sub.creditsPerMonth)} credits each month, added when each month is paid.</p>
      ) : null}
      {sub.renewsAt ? (
        <p>
          {ending ? (sub.active ? "Access ends on " : "Ended on ") : "Renews on "}
          <time datetime={new Date(sub.renewsAt).toISOString()}>{formatDate(sub.renewsAt)}</time>
        </p>
      ) : null}
      {sub.manageUrl ? (
        <a class="btn btn-secondary" href={sub.manageUrl} rel="noopener noreferrer" target="_blank">
          Manage on Whop
        </a>
      ) : null}
    </div>
  );
}
