import { useEffect } from "hono/jsx/dom";
import { billingApi } from "../../api/billing";
import { EmptyState, ErrorState, PageHeader, Skeleton } from "../../components/feedback";
import { CardIcon } from "../../components/icons";
import { StandingNotice } from "../../features/account-standing/standing";
import { formatCount } from "../../lib/format";
import { subscribe } from "../../lib/live";
import { type Resource, useResource } from "../../lib/resource";
import { sessionStore } from "../../lib/session";
import { useStore } from "../../lib/store";
import type { PageProps } from "../../router/routes";
import { usePaymentArrival } from "./arrival";
import { CheckoutStatus } from "./checkout-status";
import { PaymentsTable } from "./payments-section";
import { PlansSection } from "./plans-section";
import { ReferralCard } from "./referral-card";
import { SubscriptionCard } from "./subscription-card";
import "./billing.css";

/** A section's body for each state of its data: skeleton, inline error with retry, or the content. */
function Loaded<T>(props: { resource: Resource<T>; retry: () => void; lines?: number; children: (value: T) => unknown }) {
  const { resource } = props;
  if (resource.kind === "loading") return <Skeleton lines={props.lines ?? 3} />;
  if (resource.kind === "error") return <ErrorState message={resource.message} onRetry={props.retry} />;
  return <>{props.children(resource.value)}</>;
}

function Section(props: { id: string; title: string; children: unknown }) {
  return (
    <section class="card billing-section" aria-labelledby={props.id}>
      <h2 id={props.id} class="card-title">
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

/** `/billing`: balance, plans, subscription, payment history and referral link, all kept live. */
export default function BillingPage(props: PageProps) {
  const session = useStore(sessionStore);
  const credits = session.status === "signed-in" ? session.credits : null;
  const highlight = props.query.get("payment");
  const returnedFromCheckout = props.query.has("checkout");

  const [plans, reloadPlans] = useResource(() => billingApi.plans());
  const [subscription, reloadSubscription] = useResource(() => billingApi.subscription());
  const [payments, reloadPayments] = useResource(() => billingApi.payments(50));
  const [referrals, reloadReferrals] = useResource(() => billingApi.referrals());

  const refreshAccount = () => {
    void reloadPayments();
    void reloadSubscription();
    void reloadReferrals();
  };
  const arrival = usePaymentArrival({
    waiting: returnedFromCheckout,
    expectedId: highlight,
    payments: payments.kind === "ready" ? payments.value.items : null,
    poll: () => void reloadPayments(),
    onFound: () => {
      void reloadSubscription();
      void reloadReferrals();
    },
  });
  // Any payment (a renewal, a refund's effect arriving with the next one) refreshes the page's figures.
  useEffect(() => subscribe("payment", refreshAccount), []);
  // Back from checkout, the confirmation at the top is what matters (the browser may have kept the
  // checkout page's scroll); a link to one payment (from the ledger) scrolls to its row instead.
  useEffect(() => {
    if (returnedFromCheckout) window.scrollTo({ top: 0 });
  }, []);
  useEffect(() => {
    if (highlight && !returnedFromCheckout && payments.kind === "ready") {
      document.getElementById(`payment-${highlight}`)?.scrollIntoView({ block: "center" });
    }
  }, [payments.kind]);

  return (
    <div class="page">
      <PageHeader
        title="Billing"
        description="Credit packs and monthly plans, paid securely through Whop. Ausar never sees your card."
        actions={
          <a class="btn btn-secondary" href="/credits">
            Credit history
          </a>
        }
      />
      <CheckoutStatus arrival={arrival} />
      <StandingNotice credits={credits} />
      <div class="card billing-balance" aria-live="polite">
        <p class="figure-label">Available credits</p>
        <p class="figure-value">{credits ? formatCount(credits.available) : "—"}</p>
        {credits && credits.debt > 0 ? (
          <p class="billing-debt" data-testid="billing-debt">
            Owed: {formatCount(credits.debt)} — your next purchase pays this first.
          </p>
        ) : null}
      </div>

      <Section id="billing-plans" title="Buy credits">
        <Loaded resource={plans} retry={reloadPlans} lines={4}>
          {(value) => <PlansSection plans={value.plans} />}
        </Loaded>
      </Section>

      <div class="billing-columns">
        <Section id="billing-subscription" title="Subscription">
          <Loaded resource={subscription} retry={reloadSubscription}>
            {(value) => <SubscriptionCard subscription={value.subscription} />}
          </Loaded>
        </Section>
        <Section id="billing-referrals" title="Invite friends">
          <Loaded resource={referrals} retry={reloadReferrals}>
            {(value) => <ReferralCard referrals={value} />}
          </Loaded>
        </Section>
      </div>

      <Section id="billing-payments" title="Payment history">
        <Loaded resource={payments} retry={reloadPayments} lines={4}>
          {(value) =>
            value.items.length === 0 ? (
              <EmptyState
                icon={<CardIcon size={28} />}
                title="No payments yet"
                text="Your purchases and subscription payments appear here."
              />
            ) : (
              <PaymentsTable payments={value.items} highlight={highlight} />
            )
          }
        </Loaded>
      </Section>
    </div>
  );
}
