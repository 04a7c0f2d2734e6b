/**
 * A local fake of the parts of Whop's REST API billing calls, as an injectable `fetch` (given to
 * `@whop/sdk` as its `fetch`, at the SDK's default base URL):
 * `POST /api/v1/checkout_configurations` (Bearer auth, Idempotency-Key: the same key and body
 * answer the same configuration, another body is refused with 400, as Whop does),
 * `GET /api/v1/payments` (cursor pages, `company_id` required, no metadata in list items) and
 * `GET /api/v1/payments/:id` (the full payment, metadata included), and
 * `POST /api/v1/memberships/:id/cancel` + `GET /api/v1/memberships/:id` (Whop's `cancel` and
 * `retrieve`: `cancellation_mode: "immediate"` ends the membership, `at_period_end` only schedules it), and
 * `POST /api/v1/payments/:id/refund` (Whop's `payments.refund`: `partial_amount` in major units or the
 * whole rest; refused with 400 once nothing is left; answers the payment; each refund is kept in
 * `refunds`, shaped as Whop's refund webhook `data`, for the test to deliver).
 */
export interface FakeWhopApi {
  fetch: typeof fetch;
  requests: { method: string; path: string; headers: Headers; body: string }[];
  /** Full payment objects, newest first, as `GET /payments/:id` answers them. */
  payments: Record<string, unknown>[];
  /** Memberships by id, with their Whop status (`active`, `canceled`, …). */
  memberships: Map<string, { id: string; status: string; cancel_at_period_end: boolean }>;
  /** Refuse to cancel an already-ended membership with this status (Whop's exact answer there is undocumented). */
  refuseEndedWith: number | null;
  /** Makes every call answer this status (an outage). */
  failWith: number | null;
  /** Refunds made through the API, as Whop's `refund.created` webhook would describe them. */
  refunds: Record<string, unknown>[];
}

const ENDED = new Set(["canceled", "completed", "expired"]);

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

export function fakeWhopApi(apiKey = "whop_test_key", pageSize = 2): FakeWhopApi {
  const configurations = new Map<string, { body: string; answer: unknown }>();
  const fake: FakeWhopApi = {
    requests: [],
    payments: [],
    memberships: new Map(),
    refuseEndedWith: null,
    failWith: null,
    refunds: [],
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      const body = await request.text();
      fake.requests.push({ method: request.method, path: url.pathname + url.search, headers: request.headers, body });
      if (url.origin !== "https://api.whop.com") return json({ error: "unknown host" }, 404);
      if (request.headers.get("Authorization") !== `Bearer ${apiKey}`) return json({ error: { message: "Unauthorized" } }, 401);
      if (fake.failWith) return json({ error: { message: "outage" } }, fake.failWith);

      if (request.method === "POST" && url.pathname === "/api/v1/checkout_configurations") {
        const key = request.headers.get("Idempotency-Key");
        const previous = key ? configurations.get(key) : undefined;
        if (previous && previous.body !== body)
          return json({ error: { message: "This Idempotency-Key was already used with a different request" } }, 400);
        if (previous) return json(previous.answer);
        const input = JSON.parse(body) as { plan_id: string; metadata: unknown; redirect_url: string };
        const id = `ch_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
        const answer = {
          id,
          plan: { id: input.plan_id },
          metadata: input.metadata,
          redirect_url: input.redirect_url,
          purchase_url: `https://whop.com/checkout/${input.plan_id}/?session=${id}`,
        };
        if (key) configurations.set(key, { body, answer });
        return json(answer);
      }
      if (request.method === "GET" && url.pathname === "/api/v1/payments") {
        if (!url.searchParams.get("company_id")) return json({ error: { message: "company_id is required" } }, 400);
        const after = Number(url.searchParams.get("after") ?? 0);
        const items = fake.payments.slice(after, after + pageSize).map(({ metadata: _omitted, ...listed }) => listed);
        const end = after + items.length;
        return json({ data: items, page_info: { end_cursor: String(end), has_next_page: end < fake.payments.length } });
      }
      const refund = /^\/api\/v1\/payments\/([^/]+)\/refund$/.exec(url.pathname);
      if (request.method === "POST" && refund) {
        const payment = fake.payments.find((p) => p.id === decodeURIComponent(refund[1]!));
        if (!payment) return json({ error: { message: "Not found" } }, 404);
        return refundOf(fake, payment, (JSON.parse(body || "{}") as { partial_amount?: number | null }).partial_amount ?? null);
      }
      const one = /^\/api\/v1\/payments\/([^/]+)$/.exec(url.pathname);
      if (request.method === "GET" && one) {
        const payment = fake.payments.find((p) => p.id === decodeURIComponent(one[1]!));
        return payment ? json(payment) : json({ error: { message: "Not found" } }, 404);
      }
      const cancel = /^\/api\/v1\/memberships\/([^/]+)\/cancel$/.exec(url.pathname);
      if (request.method === "POST" && cancel) {
        const membership = fake.memberships.get(decodeURIComponent(cancel[1]!));
        if (!membership) return json({ error: { message: "Not found" } }, 404);
        if (ENDED.has(membership.status) && fake.refuseEndedWith)
          return json({ error: { message: "Membership is not active" } }, fake.refuseEndedWith);
        const mode = (JSON.parse(body || "{}") as { cancellation_mode?: string }).cancellation_mode ?? "at_period_end";
        if (mode === "immediate") membership.status = "canceled";
        else membership.cancel_at_period_end = true;
        return json(membership);
      }
      const membership = /^\/api\/v1\/memberships\/([^/]+)$/.exec(url.pathname);
      if (request.method === "GET" && membership) {
        const found = fake.memberships.get(decodeURIComponent(membership[1]!));
        return found ? json(found) : json({ error: { message: "Not found" } }, 404);
      }
      return json({ error: { message: "no such route" } }, 404);
    },
  };
  return fake;
}

/** Whop's refund of `payment`: the whole rest, or `partial` (major units); refused once nothing is left. */
function refundOf(fake: FakeWhopApi, payment: Record<string, unknown>, partial: number | null): Response {
  const total = Number(payment.total);
  const refunded = Number(payment.refunded_amount ?? 0);
  const left = Math.round((total - refunded) * 100) / 100;
  if (left <= 0) return json({ error: { message: "This payment has already been fully refunded" } }, 400);
  if (partial !== null && (partial <= 0 || partial > left)) return json({ error: { message: "Invalid refund amount" } }, 400);
  const amount = partial ?? left;
  const after = Math.round((refunded + amount) * 100) / 100;
  Object.assign(payment, {
    refunded_amount: after,
    refunded_at: new Date().toISOString(),
    substatus: after >= total ? "refunded" : "partially_refunded",
    refundable: after < total,
  });
  const id = `re_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  fake.refunds.push({
    id,
    amount,
    currency: payment.currency ?? "usd",
    status: "pending",
    created_at: new Date().toISOString(),
    payment: { id: payment.id, total, currency: payment.currency ?? "usd", metadata: payment.metadata ?? {} },
  });
  return json(payment);
}
