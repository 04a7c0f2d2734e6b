import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { RefundRequested } from "../../shared/admin-ops";
import { minorDigits } from "../../shared/plans";
import { toMinorUnits } from "../billing/money";
import { type WhopApi, WhopApiError } from "../billing/whop-api";
import type { Database } from "../db/client";
import { payments } from "../db/schema";
import { AppError } from "../lib/errors";

type PaymentRow = typeof payments.$inferSelect;

/**
 * One refund request per payment in this window: Whop's refund webhook (which records the refund
 * and claws the credits back) normally follows within seconds, so a second click inside it is
 * almost surely a double click, not a second partial refund.
 */
export const REFUND_REQUEST_WINDOW_MS = 15 * 60 * 1000;

export interface RefundDeps {
  db: Database;
  whop: WhopApi | null;
  now: number;
}

const invalidAmount = (message: string) => new AppError("validation_failed", message, { issues: [{ path: "amount", message }] });

/** What is left to refund, in minor units, and what this request asks for. */
function amountsOf(payment: PaymentRow, amount: number | undefined): { remaining: number; requested: number } {
  if (payment.status === "refunded") throw new AppError("invalid_state", "This payment is already fully refunded.");
  if (payment.status === "disputed") throw new AppError("invalid_state", "This payment is disputed; the chargeback decides, not a refund.");
  if (payment.amountMinor === null) {
    if (amount !== undefined) throw invalidAmount("Whop did not say what this payment was; refund it in full.");
    return { remaining: 0, requested: 0 };
  }
  const remaining = payment.amountMinor - payment.refundedMinor;
  if (remaining <= 0) throw new AppError("invalid_state", "This payment is already fully refunded.");
  if (amount === undefined) return { remaining, requested: remaining };
  const requested = toMinorUnits(amount, payment.currency);
  if (requested === null || requested <= 0) throw invalidAmount("Give the amount in the payment's currency, e.g. 4.99.");
  if (requested > remaining) throw invalidAmount("That is more than is left to refund on this payment.");
  return { remaining, requested };
}

/** Marks the request, unless another was made inside the window (then nothing is sent to Whop). */
async function claim(deps: RefundDeps, payment: PaymentRow, requested: number): Promise<void> {
  const rows = await deps.db
    .update(payments)
    .set({ refundRequestedAt: deps.now, refundRequestedMinor: requested })
    .where(
      and(
        eq(payments.id, payment.id),
        or(isNull(payments.refundRequestedAt), lt(payments.refundRequestedAt, deps.now - REFUND_REQUEST_WINDOW_MS)),
      ),
    )
    .returning({ id: payments.id });
  if (rows.length === 0) {
    throw new AppError("invalid_state", "A refund of this payment was just requested; wait for Whop's refund to arrive.");
  }
}

/** Puts back the previous request's record when Whop refused this one. */
async function unclaim(deps: RefundDeps, payment: PaymentRow): Promise<void> {
  await deps.db
    .update(payments)
    .set({ refundRequestedAt: payment.refundRequestedAt, refundRequestedMinor: payment.refundRequestedMinor })
    .where(and(eq(payments.id, payment.id), eq(payments.refundRequestedAt, deps.now)));
}

/** Whop's refusal as our error: a 4xx is the payment's state (409), anything else is Whop being down (503). */
function whopRefusal(error: WhopApiError): AppError {
  if (error.status >= 400 && error.status < 500) return new AppError("invalid_state", `Whop refused the refund: ${error.message}`);
  return new AppError("unavailable", "Whop did not answer; nothing was refunded. Try again in a minute.");
}

/**
 * `POST /api/admin/payments/:id/refund`: asks Whop to refund the payment (all that is left, or
 * `amount` in major units) and records the request on the payment. Credits are not touched here:
 * the clawback happens once, when Whop's `refund.created`/`refund.updated` webhook arrives.
 */
export async function requestRefund(
  deps: RefundDeps,
  paymentId: string,
  amount: number | undefined,
): Promise<RefundRequested & { userId: string | null }> {
  const payment = await deps.db.select().from(payments).where(eq(payments.id, paymentId)).get();
  if (!payment) throw new AppError("not_found", "There is no such payment.");
  const { remaining, requested } = amountsOf(payment, amount);
  if (!deps.whop) throw new AppError("unavailable", "Whop's API is not configured (WHOP_API_KEY); refund in Whop's dashboard.");
  await claim(deps, payment, requested);
  // Whop refunds the whole payment without an amount; after an earlier partial refund, say what is left.
  const partial = requested > 0 && (amount !== undefined || remaining < (payment.amountMinor ?? 0));
  const major = requested / 10 ** minorDigits(payment.currency ?? "usd");
  let answer: Awaited<ReturnType<WhopApi["refundPayment"]>>;
  try {
    answer = await deps.whop.refundPayment(payment.id, partial ? major : undefined);
  } catch (error) {
    await unclaim(deps, payment);
    if (error instanceof WhopApiError) throw whopRefusal(error);
    throw error;
  }
  return {
    paymentId: payment.id,
    userId: payment.userId,
    requestedMinor: requested,
    refundRequestedAt: deps.now,
    whopStatus: answer.substatus ?? answer.status,
  };
}
