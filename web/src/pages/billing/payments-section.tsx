import type { PaymentView } from "../../../../shared/billing";
import { formatCount, formatDate } from "../../lib/format";
import { formatMoney, PAYMENT_STATUS_LABELS, REVIEW_REASON_TEXT } from "./format";

/** One payment row; the one a link pointed at (`?payment=`) is marked and scrolled to. */
function PaymentRow(props: { payment: PaymentView; highlighted: boolean }) {
  const p = props.payment;
  return (
    <tr
      id={`payment-${p.id}`}
      class={props.highlighted ? "payment-highlight" : undefined}
      aria-current={props.highlighted ? "true" : undefined}
    >
      <td data-label="Date">
        <time datetime={new Date(p.paidAt).toISOString()}>{formatDate(p.paidAt)}</time>
      </td>
      <td data-label="Plan">{p.planName ?? "Unknown plan"}</td>
      <td class="num" data-label="Credits">
        {formatCount(p.credits)}
        {p.creditsReversed > 0 ? <span class="payment-reversed"> (−{formatCount(p.creditsReversed)})</span> : null}
      </td>
      <td class="num" data-label="Amount">
        {p.amount !== null && p.currency ? formatMoney(p.amount, p.currency) : "—"}
      </td>
      <td data-label="Status">
        <span class={`badge ${p.status === "paid" ? "" : "badge-warning"}`}>{PAYMENT_STATUS_LABELS[p.status]}</span>
        {p.status === "review" ? (
          <p class="payment-review-note" data-testid="payment-review-note">
            {p.reviewReason ? REVIEW_REASON_TEXT[p.reviewReason] : "We are checking this payment."} No credits were added yet; our team will
            look at it and add what it paid for.
          </p>
        ) : null}
      </td>
    </tr>
  );
}

/** Payment history, newest first. */
export function PaymentsTable(props: { payments: PaymentView[]; highlight: string | null }) {
  return (
    <div class="table-scroll">
      <table class="data-table payments-table">
        <caption class="visually-hidden">Your payments, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Plan</th>
            <th scope="col" class="num">
              Credits
            </th>
            <th scope="col" class="num">
              Amount
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {props.payments.map((payment) => (
            <PaymentRow key={payment.id} payment={payment} highlighted={payment.id === props.highlight} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
