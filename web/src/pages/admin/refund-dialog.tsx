import { useState } from "hono/jsx/dom";
import type { RefundRequested } from "../../../../shared/admin-ops";
import type { PaymentView } from "../../../../shared/billing";
import { answer, client } from "../../api/client";
import { Dialog } from "../../components/dialog";
import { Field } from "../../components/field";
import { ApiError, errorMessage } from "../../lib/api";
import { text } from "../../lib/form";
import { formatDate, formatDateTime } from "../../lib/format";
import { formatMoney } from "../billing/format";
import { onSubmit, passkeyAssertion, type StepUp, StepUpField } from "./step-up";

/** Which payments can still be refunded here: paid (or partly refunded, or held for review), not disputed. */
export function refundable(payments: readonly PaymentView[]): PaymentView[] {
  return payments.filter((p) => p.status === "paid" || p.status === "partially_refunded" || p.status === "review");
}

function paymentLabel(payment: PaymentView): string {
  const amount = payment.amount !== null && payment.currency ? ` · ${formatMoney(payment.amount, payment.currency)}` : "";
  const requested = payment.refundRequestedAt ? ` · refund requested ${formatDateTime(payment.refundRequestedAt)}` : "";
  return `${payment.planName ?? payment.id} · ${formatDate(payment.paidAt)}${amount}${requested}`;
}

/**
 * Refund a payment through Whop (admin, a fresh code or passkey). The credits come back off the balance only
 * when Whop's refund webhook arrives, so the dialog says "requested", not "refunded".
 */
export function RefundDialog(props: { payments: PaymentView[]; onClose: () => void; onDone: (message: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const issue = (field: string) => (error instanceof ApiError ? error.issueFor(field) : undefined);
  const general = error && !(error instanceof ApiError && error.issues.length > 0) ? errorMessage(error) : null;

  const submit = async (form: HTMLFormElement, stepUp: StepUp) => {
    const data = new FormData(form);
    const amount = text(data, "amount");
    setBusy(true);
    setError(null);
    try {
      const proof = await stepUp(form);
      const requested: RefundRequested = await answer(
        client.api.admin.payments[":id"].refund.$post({
          param: { id: text(data, "payment") },
          json: { reason: text(data, "reason"), ...proof, ...(amount ? { amount: Number(amount.replace(",", ".")) } : {}) },
        }),
      );
      props.onDone(`Refund requested from Whop (${requested.whopStatus ?? "pending"}). The credits are taken back when Whop confirms it.`);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <Dialog class="admin-action-dialog" titleId="admin-refund-title" textId="admin-refund-text" onCancel={() => !busy && props.onClose()}>
      <form class="form" onSubmit={(event: Event) => onSubmit(event, submit)} data-testid="action-refund">
        <h2 id="admin-refund-title" class="dialog-title">
          Refund payment
        </h2>
        <p id="admin-refund-text" class="dialog-text">
          Whop refunds the payment to the buyer. Leave the amount empty to refund all that is left. The credits it granted are taken back
          once, when Whop confirms the refund.
        </p>
        <div class="field">
          <label class="field-label" for="admin-refund-payment">
            Payment
          </label>
          <select id="admin-refund-payment" class="input" name="payment">
            {props.payments.map((payment) => (
              <option key={payment.id} value={payment.id}>
                {paymentLabel(payment)}
              </option>
            ))}
          </select>
        </div>
        <Field label="Amount (optional, in the payment's currency)" name="amount" hint="For example 4.99." error={issue("amount")} />
        <div class={`field${issue("reason") ? " field-invalid" : ""}`}>
          <label class="field-label" for="admin-refund-reason">
            Reason (kept in the audit log)
          </label>
          <textarea id="admin-refund-reason" class="input admin-reason" name="reason" required maxlength={500} rows={3} />
          {issue("reason") ? <p class="field-error">{issue("reason")}</p> : null}
        </div>
        <StepUpField error={issue("code") ?? issue("passkey")} disabled={busy} onPasskey={(form) => void submit(form, passkeyAssertion)} />
        {general ? (
          <p class="dialog-error" role="alert">
            {general}
          </p>
        ) : null}
        <div class="dialog-actions">
          <button type="button" class="btn btn-secondary" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" class="btn btn-danger" disabled={busy} aria-busy={busy ? "true" : undefined}>
            {busy ? <span class="spinner" aria-hidden="true" /> : null}
            Refund
          </button>
        </div>
      </form>
    </Dialog>
  );
}
