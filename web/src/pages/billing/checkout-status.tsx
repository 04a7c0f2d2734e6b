import { Notice } from "../../components/feedback";
import { formatCount } from "../../lib/format";
import type { Arrival } from "./arrival";

/** The banner after returning from checkout: waiting, then "payment received" the moment the webhook lands. */
export function CheckoutStatus(props: { arrival: Arrival }) {
  const { arrival } = props;
  if (arrival.kind === "none") return null;
  if (arrival.kind === "received") {
    const p = arrival.payment;
    return (
      <Notice tone="success" title="Payment received">
        {p && p.credits > 0 ? (
          <p class="checkout-credits" data-testid="checkout-credits">
            +{formatCount(p.credits)} credits
          </p>
        ) : null}
        <p>
          {p && p.credits > 0
            ? `${formatCount(p.credits)} credits were added to your balance.`
            : "Thank you. Your payment is recorded below."}
        </p>
        <a class="btn btn-primary checkout-continue" href="/create">
          Continue creating
        </a>
      </Notice>
    );
  }
  if (arrival.kind === "slow") {
    return (
      <Notice tone="info" title="Still waiting for Whop">
        Whop has not told us about your payment yet. It usually takes seconds; your credits are added here as soon as it does, even if you
        leave this page.
      </Notice>
    );
  }
  return (
    <div class="notice notice-info checkout-waiting" role="status">
      <span class="spinner" aria-hidden="true" />
      <div>
        <p class="notice-title">Waiting for your payment…</p>
        <div class="notice-body">This page updates by itself the moment Whop confirms it.</div>
      </div>
    </div>
  );
}
