import { z } from "zod";

/** Whop's REST API, v1 (whopio/whopsdk-typescript `src/client.ts`). */
export const WHOP_API_BASE = "https://api.whop.com/api/v1";
/** Whop's list endpoints return at most 100 items a page. */
const PAGE_SIZE = 100;

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

export interface CheckoutRequest {
  whopPlanId: string;
  userId: string;
  redirectUrl: string;
  /** Whop answers the same key with the same configuration (and refuses it with another body). */
  idempotencyKey: string;
}

export interface PaymentsPage {
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
}

/** Membership statuses that never bill again (Whop's `Shared.Membership.status`). */
const ENDED_STATUSES = new Set(["canceled", "completed", "expired"]);
const membershipAnswer = z.object({ id: z.string(), status: z.string() });

const checkoutAnswer = z.object({ id: z.string(), purchase_url: z.url() });
const listAnswer = z.object({
  data: z.array(z.unknown()),
  page_info: z.object({ end_cursor: z.string().nullish(), has_next_page: z.boolean().nullish() }).nullish(),
});

export interface WhopApiOptions {
  apiKey: string;
  /** `biz_…`: the company whose payments are listed; listing needs it. */
  companyId: string | null;
  fetch: typeof fetch;
  baseUrl?: string;
}

/** A Whop API client over an injected `fetch` (tests pass a local fake of Whop). */
export function whopApi(options: WhopApiOptions): WhopApi {
  const base = options.baseUrl ?? WHOP_API_BASE;

  async function call<S extends z.ZodType>(path: string, schema: S, init: RequestInit = {}): Promise<z.output<S>> {
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${options.apiKey}`);
    headers.set("Accept", "application/json");
    const response = await options.fetch(`${base}${path}`, { ...init, headers });
    const text = await response.text();
    if (!response.ok) throw new WhopApiError(response.status, `Whop ${init.method ?? "GET"} ${path} answered ${response.status}: ${text.slice(0, 200)}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new WhopApiError(502, `Whop ${path} answered with something other than JSON`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new WhopApiError(502, `Whop ${path} answered in an unexpected shape`);
    return parsed.data;
  }

  return {
    async createCheckout(request) {
      const body = JSON.stringify({
        plan_id: request.whopPlanId,
        metadata: { ausar_user_id: request.userId },
        redirect_url: request.redirectUrl,
      });
      const answer = await call("/checkout_configurations", checkoutAnswer, {
        method: "POST",
        // Whop's SDK accepts an idempotency option but never sends it: the header is set here.
        headers: { "Content-Type": "application/json", "Idempotency-Key": request.idempotencyKey },
        body,
      });
      return { id: answer.id, purchaseUrl: answer.purchase_url };
    },

    async listPayments(createdAfter, cursor) {
      if (!options.companyId) throw new WhopApiError(400, "Listing payments needs WHOP_COMPANY_ID");
      const query = new URLSearchParams({
        company_id: options.companyId,
        created_after: new Date(createdAfter).toISOString(),
        first: String(PAGE_SIZE),
        order: "created_at",
        direction: "desc",
      });
      if (cursor) query.set("after", cursor);
      const answer = await call(`/payments?${query}`, listAnswer);
      const next = answer.page_info?.has_next_page === false ? null : (answer.page_info?.end_cursor ?? null);
      return { payments: answer.data, nextCursor: answer.data.length > 0 ? next : null };
    },

    retrievePayment(id) {
      return call(`/payments/${encodeURIComponent(id)}`, z.unknown());
    },

    async cancelMembership(id) {
      const path = `/memberships/${encodeURIComponent(id)}`;
      try {
        const answer = await call(`${path}/cancel`, membershipAnswer, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ cancellation_mode: "immediate" }),
        });
        if (ENDED_STATUSES.has(answer.status)) return "canceled";
      } catch (error) {
        if (!(error instanceof WhopApiError)) throw error;
        if (error.status === 404) return "gone";
        // A refusal may mean "already ended": the membership's own status decides; anything else is retried.
        if (error.status !== 400 && error.status !== 409 && error.status !== 422) throw error;
      }
      const current = await call(path, membershipAnswer).catch((error: unknown) => {
        if (error instanceof WhopApiError && error.status === 404) return null;
        throw error;
      });
      if (!current) return "gone";
      if (ENDED_STATUSES.has(current.status)) return "canceled";
      throw new WhopApiError(502, `Whop did not end membership ${id} (status ${current.status})`);
    },
  };
}
