import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook, webhookKeyBytes } from "../../workers/lib/standard-webhooks";

const headers = (id: string, ts: number, sig: string) =>
  new Headers({ "webhook-id": id, "webhook-timestamp": String(ts), "webhook-signature": sig });

describe("Standard Webhooks signatures", () => {
  it("reproduces the spec's published test vector", async () => {
    const key = webhookKeyBytes("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    const sig = await signWebhook(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}');
    expect(sig).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("reproduces Whop's documented ws_ example (secret used as raw bytes)", async () => {
    const body =
      '{"id":"msg_2test000000000000000000001","api_version":"v1","timestamp":"2026-01-01T00:00:00.000Z","type":"payment.succeeded","data":{"id":"pay_test123","metadata":{"app_user_id":"u_42"}},"company_id":"biz_test"}';
    const key = webhookKeyBytes("ws_test_0123456789abcdef0123456789abcdef");
    expect(await signWebhook(key, "msg_2test000000000000000000001", 1767225600, body)).toBe(
      "v1,UJQ1MqnPzQzA0/gQYRrxM5zKGyEun/X8oEM4bTXFd8g=",
    );
  });

  it("agrees with the standardwebhooks library in both directions", async () => {
    const secret = "ws_dev_secret_for_the_cross_check";
    const lib = new Webhook(btoa(secret));
    const ts = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ type: "payment.succeeded", data: { id: "pay_1" } });
    const ours = await signWebhook(webhookKeyBytes(secret), "msg_1", ts, body);
    expect(lib.verify(body, Object.fromEntries(headers("msg_1", ts, ours)))).toEqual(JSON.parse(body));
    const theirs = lib.sign("msg_1", new Date(ts * 1000), body);
    expect(await verifyWebhook(webhookKeyBytes(secret), headers("msg_1", ts, theirs), body, ts)).toMatchObject({ ok: true });
  });

  it("accepts any one of several signatures and refuses tampering, staleness and missing headers", async () => {
    const key = webhookKeyBytes("ws_k");
    const ts = 1_800_000_000;
    const good = await signWebhook(key, "m", ts, "{}");
    const rotated = `v1,AAAA v1a,ignored ${good}`;
    expect(await verifyWebhook(key, headers("m", ts, rotated), "{}", ts)).toMatchObject({ ok: true });
    expect(await verifyWebhook(key, headers("m", ts, good), "{ }", ts)).toEqual({ ok: false, reason: "no_matching_signature" });
    expect(await verifyWebhook(key, headers("m", ts, good), "{}", ts + 301)).toEqual({ ok: false, reason: "stale_timestamp" });
    expect(await verifyWebhook(key, headers("m", ts, good), "{}", ts - 301)).toEqual({ ok: false, reason: "stale_timestamp" });
    expect(await verifyWebhook(key, new Headers(), "{}", ts)).toEqual({ ok: false, reason: "missing_headers" });
    expect(await verifyWebhook(key, headers("m", ts, "v1,not base64!"), "{}", ts)).toMatchObject({ ok: false });
  });
});
