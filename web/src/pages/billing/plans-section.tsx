import type { PlanView } from "../../../../shared/billing";
import { formatCount } from "../../lib/format";
import { formatMoney } from "./format";

/** One plan: what it brings, what that buys, what it costs, and the way to checkout. */
function PlanCard(props: { plan: PlanView }) {
  const { plan } = props;
  const monthly = plan.kind === "subscription";
  const titleId = `plan-${plan.id}`;
  return (
    <li class="card plan-card" aria-labelledby={titleId}>
      <div class="row plan-head">
        <h3 id={titleId} class="plan-name">
          {plan.name}
        </h3>
        <span class={`badge ${monthly ? "badge-accent" : ""}`}>{monthly ? "Monthly" : "One-time pack"}</span>
      </div>
      <p class="plan-credits">
        {formatCount(plan.credits)} credits{monthly ? <span class="plan-per"> every month</span> : null}
      </p>
      {plan.buys ? <p class="plan-buys">{plan.buys}</p> : null}
      <p class="plan-price">
        {formatMoney(plan.price, plan.currency)}
        {monthly ? <span class="plan-per"> / month</span> : null}
      </p>
      {plan.checkoutUrl ? (
        // A plain link: the Worker creates the Whop checkout when it is followed and redirects there.
        <a class="btn btn-primary btn-block" href={plan.checkoutUrl} aria-describedby={titleId}>
          {monthly ? "Subscribe" : "Buy"}
        </a>
      ) : null}
    </li>
  );
}

/** The plan catalog as cards, packs first. */
export function PlansSection(props: { plans: PlanView[] }) {
  const ordered = [...props.plans].sort((a, b) => (a.kind === b.kind ? a.price - b.price : a.kind === "pack" ? -1 : 1));
  return (
    <ul class="plan-grid">
      {ordered.map((plan) => (
        <PlanCard key={plan.id} plan={plan} />
      ))}
    </ul>
  );
}
