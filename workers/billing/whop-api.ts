import Whop, { APIError } from "@whop/sdk";
import { z } from "zod";

/** Whop's REST API, v1: the official SDK's default base URL (`@whop/sdk` `src/client.ts`). */
const WHOP_API_BASE = "https://api.whop.com/api/v1";
/** Whop's list endpoints return at most 100 items a page. */
const PAGE_SIZE = 100;
/**
 * Each call is bounded: checkout answers a person waiting on a click, and the purge and the
 * reconciliation retry on their own schedule, so the SDK's own retries (2 by default) are off.
 */
const TIMEOUT_MS = 10_000;

/** A non-2xx answer from Whop, or an answer we could not read. */
export class WhopApiError extends Error {
  override readonly name = "WhopApiError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface CheckoutRequest {
  whopPlanId: string;
  userId: string;
  redirectUrl: string;
  /** Whop answers the same key with the same configuration (and refuses it with another body). */
  idempotencyKey: string;
}

interface PaymentsPage {
  payments: unknown[];
  nextCursor: string | null;
}

/** The calls billing makes to Whop. */
export interface WhopApi {
  createCheckout(request: CheckoutRequest): Promise<{ id: string; purchaseUrl: string }>;
  /** One page of the company's payments created after `createdAfter` (ms), newest first. */
  listPayments(createdAfter: number, cursor: string | null): Promise<PaymentsPage>;
  /** One payment with its metadata (the list omits metadata). */
  retrievePayment(id: string): Promise<unknown>;
  /**
   * Ends a membership at once, so it never bills again: "canceled" once Whop reports it ended
   * (now, or already before), "gone" when Whop knows no such membership. Throws anything else.
   */
  cancelMembership(id: string): Promise<"canceled" | "gone">;
  /**
   * Asks Whop to refund a payment, in full or `partialAmount` (major units, e.g. 4.99). Answers
   * the payment's status after it; the credits follow Whop's refund webhook, not this answer.
   */
  refundPayment(id: string, partialAmount?: number): Promise<{ status: string | null; substatus: string | null }>;
}

/** Membership statuses that never bill again (Whop's `Shared.Membership.status`). */
const ENDED_STATUSES = new Set(["canceled", "completed", "expired"]);
// The SDK's types are Whop's promise, not a check: what billing relies on is parsed.
const checkoutAnswer = z.object({ id: z.string(), purchase_url: z.url() });
const membershipAnswer = z.object({ id: z.string(), status: z.string() });
const refundAnswer = z.object({ id: z.string(), status: z.string().nullish(), substatus: z.string().nullish() });
/** Whop's page info also says `has_next_page`, which the SDK's type leaves out. */
const pageInfo = z.object({ end_cursor: z.string().nullish(), has_next_page: z.boolean().nullish() }).nullish();

export interface WhopApiOptions {
  apiKey: string;
  /** `biz_…`: the company whose payments are listed; listing needs it. */
  companyId: string | null;
  fetch: typeof fetch;
  baseUrl?: string;
}

/** Whop's failures as one error type with an HTTP-like status (502 for no answer or an unreadable one). */
async function whopCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof APIError) throw new WhopApiError(error.status ?? 502, `Whop ${what} failed: ${error.message.slice(0, 200)}`);
    throw error;
  }
}

function parsed<S extends z.ZodType>(what: string, schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) throw new WhopApiError(502, `Whop ${what} answered in an unexpected shape`);
  return result.data;
}

/** Whop's official SDK (`@whop/sdk`) over an injected `fetch` (tests pass a local fake of Whop, at the SDK's base URL). */
export function whopApi(options: WhopApiOptions): WhopApi {
  const client = new Whop({
    apiKey: options.apiKey,
    baseURL: options.baseUrl ?? WHOP_API_BASE,
    fetch: options.fetch,
    maxRetries: 0,
    timeout: TIMEOUT_MS,
    // Webhooks are verified by workers/lib/standard-webhooks.ts; the SDK's verifier is not used.
    webhookKey: null,
  });

  return {
    async createCheckout(request) {
      const answer = await whopCall("checkout", () =>
        client.checkoutConfigurations.create({
          plan_id: request.whopPlanId,
          metadata: { ausar_user_id: request.userId },
          redirect_url: request.redirectUrl,
          "Idempotency-Key": request.idempotencyKey,
        }),
      );
      const { id, purchase_url } = parsed("checkout", checkoutAnswer, answer);
      return { id, purchaseUrl: purchase_url };
    },

    async listPayments(createdAfter, cursor) {
      const companyId = options.companyId;
      if (!companyId) throw new WhopApiError(400, "Listing payments needs WHOP_COMPANY_ID");
      const page = await whopCall("payments list", () =>
        client.payments.list({
          company_id: companyId,
          created_after: new Date(createdAfter).toISOString(),
          first: PAGE_SIZE,
          order: "created_at",
          direction: "desc",
          ...(cursor ? { after: cursor } : {}),
        }),
      );
      const data: unknown[] = page.data;
      const info = parsed("payments list", pageInfo, page.page_info);
      const next = info?.has_next_page === false ? null : (info?.end_cursor ?? null);
      return { payments: data, nextCursor: data.length > 0 ? next : null };
    },

    retrievePayment(id) {
      return whopCall("payment", () => client.payments.retrieve(id));
    },

    async cancelMembership(id) {
      try {
        const answer = await whopCall("membership cancel", () => client.memberships.cancel(id, { cancellation_mode: "immediate" }));
        if (ENDED_STATUSES.has(parsed("membership cancel", membershipAnswer, answer).status)) return "canceled";
      } catch (error) {
        if (!(error instanceof WhopApiError)) throw error;
        if (error.status === 404) return "gone";
        // A refusal may mean "already ended": the membership's own status decides; anything else is retried.
        if (error.status !== 400 && error.status !== 409 && error.status !== 422) throw error;
      }
      const current = await whopCall("membership", () => client.memberships.retrieve(id)).catch((error: unknown) => {
        if (error instanceof WhopApiError && error.status === 404) return null;
        throw error;
      });
      if (!current) return "gone";
      if (ENDED_STATUSES.has(parsed("membership", membershipAnswer, current).status)) return "canceled";
      throw new WhopApiError(502, `Whop did not end membership ${id} (status ${current.status})`);
    },

    async refundPayment(id, partialAmount) {
      const body = partialAmount === undefined ? {} : { partial_amount: partialAmount };
      const answer = parsed("refund", refundAnswer, await whopCall("refund", () => client.payments.refund(id, body)));
      return { status: answer.status ?? null, substatus: answer.substatus ?? null };
    },
  };
}
