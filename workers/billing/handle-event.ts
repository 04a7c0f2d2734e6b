import type { z } from "zod";
import { applyMembership, type MembershipEvent } from "./apply-membership";
import { applyPayment, type EventOutcome } from "./apply-payment";
import { applyReversal } from "./apply-reversal";
import type { BillingDeps } from "./deps";
import { describeIssues, type Envelope, membershipSchema, paymentSchema, reversalSchema } from "./whop-events";

/** Where the event came from: its delivery id (the first one records a payment) and its time. */
export interface EventContext {
  deliveryId: string;
  eventAt: number;
}

function parse<S extends z.ZodType>(schema: S, data: unknown): { ok: true; data: z.output<S> } | { ok: false; outcome: EventOutcome } {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, outcome: { outcome: "invalid_payload", detail: describeIssues(result.error) } };
}

/**
 * Acts on one verified Whop event. Bad payloads and unknown types are answers (recorded and
 * acknowledged), never exceptions: Whop retrying them would only repeat the same refusal.
 */
export async function handleWhopEvent(deps: BillingDeps, envelope: Envelope, context: EventContext): Promise<EventOutcome> {
  switch (envelope.type) {
    case "payment.succeeded": {
      const parsed = parse(paymentSchema, envelope.data);
      return parsed.ok ? applyPayment(deps, parsed.data, context.deliveryId) : parsed.outcome;
    }
    case "refund.created":
    case "refund.updated":
    case "dispute.created":
    case "dispute.updated": {
      const parsed = parse(reversalSchema, envelope.data);
      const kind = envelope.type.startsWith("refund") ? "refund" : "dispute";
      return parsed.ok ? applyReversal(deps, kind, parsed.data) : parsed.outcome;
    }
    case "membership.activated":
    case "membership.deactivated":
    case "membership.cancel_at_period_end_changed": {
      const parsed = parse(membershipSchema, envelope.data);
      return parsed.ok ? applyMembership(deps, envelope.type satisfies MembershipEvent, parsed.data, context.eventAt) : parsed.outcome;
    }
    default:
      return { outcome: "ignored" };
  }
}
