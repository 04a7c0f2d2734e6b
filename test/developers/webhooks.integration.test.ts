import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { database } from "../../workers/db/client";
import {
  attemptDelivery,
  type DeliveryDeps,
  RETRY_DELAYS_SECONDS,
  resendOverdueDeliveries,
} from "../../workers/developers/webhooks/delivery";
import { emitJobEvent } from "../../workers/developers/webhooks/events";
import { outboxSender } from "../../workers/lib/email/outbox";
import { api, signUpVerified, type TestUser, waitForEmail } from "../support/users";

// biome-ignore lint/suspicious/noExplicitAny: test reads of JSON answers
type Json = Record<string, any>;

const HOOK = "https://hooks.example.com/ausar";

interface Received {
  headers: Headers;
  body: string;
}

/** A receiver at HOOK: every delivery the Worker sends there, answered by `reply`. */
function receiver(reply: () => Response = () => new Response("ok")) {
  const received: Received[] = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    if (!request.url.startsWith(HOOK)) return realFetch(input, init);
    received.push({ headers: request.headers, body: await request.text() });
    return reply();
  });
  return received;
}

afterEach(() => {
  vi.restoreAllMocks();
});

async function addEndpoint(
  user: TestUser,
  events = ["generation.succeeded", "generation.failed"],
): Promise<{ endpoint: Json; secret: string }> {
  const res = await api("/api/developers/webhooks", { method: "POST", cookie: user.cookie, json: { url: HOOK, events } });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

async function deliveriesOf(user: TestUser, endpointId: string): Promise<Json[]> {
  return (await (await api(`/api/developers/webhooks/${endpointId}/deliveries`, { cookie: user.cookie })).json<Json>()).deliveries;
}

describe("webhook endpoints", () => {
  it("keeps at most 5 endpoints, even when several are added at the same moment", async () => {
    const user = await signUpVerified();
    const attempts = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        api("/api/developers/webhooks", {
          method: "POST",
          cookie: user.cookie,
          json: { url: `${HOOK}/${i}`, events: ["generation.succeeded"] },
        }),
      ),
    );
    expect(attempts.map((res) => res.status).sort()).toEqual([201, 201, 201, 201, 201, 409, 409]);
    const refused = attempts.find((res) => res.status === 409)!;
    expect((await refused.json<Json>()).error.code).toBe("conflict");
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM webhook_endpoints WHERE user_id = ?")
      .bind(user.userId)
      .first<{ n: number }>();
    expect(stored!.n).toBe(5);
  });

  it("refuses addresses that are not public https, and shows the secret only when made", async () => {
    const user = await signUpVerified();
    for (const url of [
      "http://hooks.example.com/x",
      "https://user:pass@hooks.example.com/x",
      "https://127.0.0.1/x",
      "https://[::1]/x",
      "https://localhost/x",
      "https://hooks.example.com:8443/x",
      "https://intranet/x",
      "not a url",
    ]) {
      const res = await api("/api/developers/webhooks", {
        method: "POST",
        cookie: user.cookie,
        json: { url, events: ["generation.succeeded"] },
      });
      expect(res.status, url).toBe(400);
      expect((await res.json<Json>()).error.issues[0].path).toBe("url");
    }
    const { endpoint, secret } = await addEndpoint(user);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = await (await api("/api/developers/webhooks", { cookie: user.cookie })).text();
    expect(listed).toContain(endpoint.id);
    expect(listed).not.toContain(secret);
    // Someone else's endpoint is not there for them.
    const other = await signUpVerified();
    for (const [method, path] of [
      ["GET", `/api/developers/webhooks/${endpoint.id}/deliveries`],
      ["POST", `/api/developers/webhooks/${endpoint.id}/test`],
      ["POST", `/api/developers/webhooks/${endpoint.id}/rotate-secret`],
      ["DELETE", `/api/developers/webhooks/${endpoint.id}`],
    ]) {
      expect((await api(path!, { method, cookie: other.cookie })).status, `${method} ${path}`).toBe(404);
    }
  });

  it("delivers a job's end, signed by Standard Webhooks, once per endpoint however often it is announced", async () => {
    const received = receiver();
    const user = await signUpVerified();
    const { endpoint, secret } = await addEndpoint(user);
    const started = await api("/api/generations", { method: "POST", cookie: user.cookie, json: { model: "demo-image", prompt: "a kite" } });
    const { job } = await started.json<Json>();
    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const verified = new Webhook(secret).verify(received[0]!.body, Object.fromEntries(received[0]!.headers)) as Json;
    expect(verified).toMatchObject({ type: "generation.succeeded", data: { job: { id: job.id, status: "succeeded" } } });
    expect(received[0]!.headers.get("webhook-id")).toBe(`msg_${job.id}_succeeded`);
    await expect.poll(async () => (await deliveriesOf(user, endpoint.id))[0]?.status).toBe("succeeded");
    const logged = (await deliveriesOf(user, endpoint.id))[0]!;
    expect(logged).toMatchObject({ eventType: "generation.succeeded", attempts: 1, lastStatusCode: 200, lastResponse: "ok" });
    expect(logged.lastLatencyMs).toBeGreaterThanOrEqual(0);

    // The job's end announced again (a retried completion, the sweeper): no second delivery.
    const view = (await (await api(`/api/generations/${job.id}`, { cookie: user.cookie })).json<Json>()).job;
    const enqueued: string[] = [];
    await emitJobEvent({ db: database(env.DB), now: Date.now, enqueue: async (ids) => void enqueued.push(...ids) }, user.userId, view);
    expect(enqueued).toEqual([]);
    expect((await deliveriesOf(user, endpoint.id)).length).toBe(1);
  });

  it("sends a test event on request, and signs with both secrets while a rotation overlaps", async () => {
    const received = receiver();
    const user = await signUpVerified();
    const { endpoint, secret: first } = await addEndpoint(user);
    const rotated = await (
      await api(`/api/developers/webhooks/${endpoint.id}/rotate-secret`, { method: "POST", cookie: user.cookie })
    ).json<Json>();
    expect(rotated.secret).not.toBe(first);
    expect(rotated.endpoint.previousSecretUntil).toBeGreaterThan(Date.now());
    expect((await api(`/api/developers/webhooks/${endpoint.id}/test`, { method: "POST", cookie: user.cookie })).status).toBe(202);
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(1);
    const [delivery] = received;
    const headers = Object.fromEntries(delivery!.headers);
    expect(new Webhook(rotated.secret).verify(delivery!.body, headers)).toMatchObject({ type: "webhook.test" });
    expect(new Webhook(first).verify(delivery!.body, headers)).toMatchObject({ type: "webhook.test" });
  });
});

describe("a delivery that keeps failing", () => {
  it("retries on the schedule with one webhook-id, keeps at most 1 KB of each answer, follows no redirect, then turns the endpoint off and tells its owner once", async () => {
    const user = await signUpVerified();
    const { endpoint } = await addEndpoint(user);
    const db = database(env.DB);
    const view = { id: crypto.randomUUID(), status: "failed" } as Json;
    const queued: string[] = [];
    await emitJobEvent({ db, now: Date.now, enqueue: async (ids) => void queued.push(...ids) }, user.userId, view as never);
    expect(queued).toHaveLength(1);

    const attempts: { id: string | null; redirect: RequestInit["redirect"] }[] = [];
    const delays: number[] = [];
    let answer = 0;
    const deps: DeliveryDeps = {
      db,
      fetch: async (_input, init) => {
        attempts.push({ id: new Headers(init?.headers).get("webhook-id"), redirect: init?.redirect });
        answer++;
        if (answer === 1) return new Response(null, { status: 302, headers: { Location: "https://elsewhere.example.net/" } });
        return new Response("x".repeat(5000), { status: 503 });
      },
      now: Date.now,
      schedule: async (_id, delaySeconds) => void delays.push(delaySeconds),
      email: outboxSender(db),
      publicUrl: "http://localhost",
    };
    // The first answer is a redirect: not followed, and the log says so.
    await attemptDelivery(deps, queued[0]!);
    expect((await deliveriesOf(user, endpoint.id))[0]).toMatchObject({
      status: "pending",
      lastStatusCode: 302,
      lastResponse: expect.stringContaining("Redirect to https://elsewhere.example.net/ not followed"),
    });
    for (let n = 1; n <= RETRY_DELAYS_SECONDS.length; n++) await attemptDelivery(deps, queued[0]!);
    expect(attempts).toHaveLength(RETRY_DELAYS_SECONDS.length + 1);
    expect(new Set(attempts.map((a) => a.id))).toEqual(new Set([`msg_${view.id}_failed`]));
    expect(attempts.every((a) => a.redirect === "manual")).toBe(true);
    expect(delays).toEqual(RETRY_DELAYS_SECONDS);
    expect(RETRY_DELAYS_SECONDS.reduce((a, b) => a + b, 0) / 3600).toBeGreaterThan(20);

    const logged = (await deliveriesOf(user, endpoint.id))[0]!;
    expect(logged).toMatchObject({ status: "failed", attempts: RETRY_DELAYS_SECONDS.length + 1, lastStatusCode: 503 });
    expect(logged.lastResponse.length).toBeLessThanOrEqual(1024);
    const listed = (await (await api("/api/developers/webhooks", { cookie: user.cookie })).json<Json>()).endpoints[0];
    expect(listed).toMatchObject({ enabled: false });
    expect((await waitForEmail(user.email.toLowerCase(), /webhook endpoint was turned off/)).text).toContain(HOOK);
    // Another attempt after it failed (a duplicate message) sends nothing more.
    await attemptDelivery(deps, queued[0]!);
    expect(attempts).toHaveLength(RETRY_DELAYS_SECONDS.length + 1);

    // Turned back on, it receives again.
    const enabled = await api(`/api/developers/webhooks/${endpoint.id}`, { method: "PATCH", cookie: user.cookie, json: { enabled: true } });
    expect((await enabled.json<Json>()).endpoint.enabled).toBe(true);
  });
});

describe("the backstop for a lost first attempt", () => {
  it("re-sends pending deliveries well past their due time, and only those", async () => {
    const user = await signUpVerified();
    await addEndpoint(user, ["generation.failed", "generation.canceled"]);
    const db = database(env.DB);
    const queued: string[] = [];
    const enqueue = async (ids: string[]) => void queued.push(...ids);
    for (const status of ["failed", "canceled"] as const) {
      await emitJobEvent({ db, now: Date.now, enqueue }, user.userId, { id: crypto.randomUUID(), status } as never);
    }
    const [lost, onTime] = queued;
    const now = Date.now();
    // One whose message never came (due 20 minutes ago), one just queued, both pending.
    await env.DB.prepare("UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?")
      .bind(now - 20 * 60_000, lost)
      .run();
    const scheduled: string[] = [];
    const resent = await resendOverdueDeliveries({ db, schedule: async (id) => void scheduled.push(id) }, now);
    expect(resent).toBe(1);
    expect(scheduled).toEqual([lost]);
    expect(queued).toHaveLength(2);
    expect(scheduled).not.toContain(onTime);
    // Sent again, it is due afresh: the next cron run leaves it alone.
    expect(await resendOverdueDeliveries({ db, schedule: async (id) => void scheduled.push(id) }, now + 60_000)).toBe(0);
  });
});
