import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { verifyWebhook, webhookKeyBytes } from "../../workers/lib/standard-webhooks";
import { whopSender, whopSignature } from "./fake-whop";

describe("the fake Whop sender signs exactly as Whop does", () => {
  it("reproduces the Standard Webhooks spec's published test vector", async () => {
    const sig = await whopSignature(
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      "msg_p5jXN8AQM9LWM0D4loKWxJek",
      1614265330,
      '{"test": 2432232314}',
    );
    expect(sig).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("reproduces Whop's documented ws_ example", async () => {
    const body =
      '{"id":"msg_2test000000000000000000001","api_version":"v1","timestamp":"2026-01-01T00:00:00.000Z","type":"payment.succeeded","data":{"id":"pay_test123","metadata":{"app_user_id":"u_42"}},"company_id":"biz_test"}';
    const sig = await whopSignature("ws_test_0123456789abcdef0123456789abcdef", "msg_2test000000000000000000001", 1767225600, body);
    expect(sig).toBe("v1,UJQ1MqnPzQzA0/gQYRrxM5zKGyEun/X8oEM4bTXFd8g=");
  });

  it("is accepted by the standardwebhooks library the way Whop's SDK uses it (btoa of the ws_ secret)", async () => {
    const secret = "ws_fake_sender_cross_check_0123456789";
    const delivery = await whopSender(secret).event("payment.succeeded", { id: "pay_x" });
    const lower = Object.fromEntries(Object.entries(delivery.headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(new Webhook(btoa(secret)).verify(delivery.body, lower)).toMatchObject({ type: "payment.succeeded", data: { id: "pay_x" } });
    expect(() => new Webhook(btoa("ws_another_secret")).verify(delivery.body, lower)).toThrow();
  });

  it("agrees with the verifier the Worker uses, including several signatures for key rotation", async () => {
    const delivery = await whopSender("ws_new").event("refund.created", { id: "re_1" }, { secrets: ["ws_old", "ws_new"] });
    expect(delivery.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    const verdict = await verifyWebhook(webhookKeyBytes("ws_new"), new Headers(delivery.headers), delivery.body);
    expect(verdict).toMatchObject({ ok: true });
  });
});
