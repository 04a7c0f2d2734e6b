import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api } from "../support/users";
import { whopIds, whopSender } from "./fake-whop";
import { deliver, eventRow, whop } from "./support";

const IP = "10.250.1.1";
const now = () => Math.floor(Date.now() / 1000);
/** An event type we record and acknowledge without acting on it. */
const harmless = () => whop.event("payment.created", { id: whopIds.payment() });

async function expectRefused(delivery: { body: string; headers: Record<string, string> }, status = 401) {
  const res = await deliver(delivery, IP);
  expect(res.status).toBe(status);
  const body = await res.json<{ error: { code: string; message: string } }>();
  expect(body.error.code).toBeTruthy();
  const id = delivery.headers["webhook-id"];
  if (id) expect(await eventRow(id)).toBeNull();
  return body.error;
}

describe("POST /webhooks/whop signature checks", () => {
  it("accepts a correctly signed delivery and records it", async () => {
    const delivery = await harmless();
    const res = await deliver(delivery, IP);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, outcome: "ignored", duplicate: false });
    expect(await eventRow(delivery.headers["webhook-id"]!)).toMatchObject({ type: "payment.created", outcome: "ignored" });
  });

  it("refuses a signature made with another secret", async () => {
    const forged = await whopSender("ws_not_the_configured_secret").event("payment.created", { id: whopIds.payment() });
    expect((await expectRefused(forged)).code).toBe("invalid_signature");
  });

  it("refuses deliveries with any of the three headers missing", async () => {
    for (const header of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
      const delivery = await harmless();
      const headers = { ...delivery.headers };
      const id = headers["webhook-id"]!;
      delete headers[header];
      const res = await deliver({ body: delivery.body, headers }, IP);
      expect(res.status, header).toBe(401);
      expect(await eventRow(id)).toBeNull();
    }
  });

  it("refuses an empty or malformed signature header", async () => {
    for (const signature of ["", "v1,", "v1,!!!notbase64", "v2,abc", "garbage"]) {
      const delivery = await harmless();
      await expectRefused({ body: delivery.body, headers: { ...delivery.headers, "webhook-signature": signature } });
    }
  });

  it("accepts several signatures when one matches (key rotation), skipping other versions", async () => {
    const rotating = await whop.event(
      "payment.created",
      { id: whopIds.payment() },
      { secrets: ["ws_old_secret_being_retired", env.WHOP_WEBHOOK_SECRET] },
    );
    expect((await deliver(rotating, IP)).status).toBe(200);
    const mixed = await harmless();
    mixed.headers["webhook-signature"] = `v1a,c29tZXRoaW5n v1,AAAA ${mixed.headers["webhook-signature"]}`;
    expect((await deliver(mixed, IP)).status).toBe(200);
  });

  it("refuses a delivery signed only with a rotated-out secret", async () => {
    const old = await whop.event(
      "payment.created",
      { id: whopIds.payment() },
      { secrets: ["ws_old_secret_being_retired", "ws_older_secret"] },
    );
    await expectRefused(old);
  });

  it("refuses timestamps more than five minutes old or ahead, and accepts ones just inside", async () => {
    await expectRefused(await whop.event("payment.created", { id: whopIds.payment() }, { timestamp: now() - 301 }));
    await expectRefused(await whop.event("payment.created", { id: whopIds.payment() }, { timestamp: now() + 301 }));
    await expectRefused(await whop.event("payment.created", { id: whopIds.payment() }, { timestamp: now() - 3600 }));
    const edge = await whop.event("payment.created", { id: whopIds.payment() }, { timestamp: now() - 280 });
    expect((await deliver(edge, IP)).status).toBe(200);
    const ahead = await whop.event("payment.created", { id: whopIds.payment() }, { timestamp: now() + 280 });
    expect((await deliver(ahead, IP)).status).toBe(200);
  });

  it("refuses a timestamp that is not Unix seconds", async () => {
    const delivery = await harmless();
    await expectRefused({ body: delivery.body, headers: { ...delivery.headers, "webhook-timestamp": new Date().toISOString() } });
  });

  it("refuses a tampered body, even by one byte or a re-serialisation", async () => {
    const delivery = await whop.event("payment.succeeded", { id: whopIds.payment(), total: 5 });
    await expectRefused({ ...delivery, body: delivery.body.replace('"total":5', '"total":500') });
    await expectRefused({ ...delivery, body: JSON.stringify(JSON.parse(delivery.body), null, 1) });
    await expectRefused({ ...delivery, body: `${delivery.body} ` });
  });

  it("answers 400 to a signed body that is not JSON, and records nothing", async () => {
    const delivery = await whop.sign("this is not json");
    const error = await expectRefused(delivery, 400);
    expect(error.code).toBe("invalid_json");
  });

  it("records and acknowledges signed JSON that is not a Whop event", async () => {
    for (const body of ["[]", '"text"', "{}", '{"type": 42}', "null"]) {
      const delivery = await whop.sign(body);
      const res = await deliver(delivery, IP);
      expect(res.status, body).toBe(200);
      expect(await eventRow(delivery.headers["webhook-id"]!)).toMatchObject({ outcome: "invalid_payload" });
    }
  });

  it("refuses bodies past the cap: declared lengths at once, undeclared ones while streaming", async () => {
    const huge = await whop.sign(JSON.stringify({ type: "payment.created", data: { pad: "x".repeat(300 * 1024) } }));
    expect((await deliver(huge, IP)).status).toBe(413);
    expect(await eventRow(huge.headers["webhook-id"]!)).toBeNull();

    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 6) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await api("/webhooks/whop", { method: "POST", body: stream, headers: huge.headers, ip: IP });
    expect(res.status).toBe(413);
  });

  it("acknowledges a redelivery of the same webhook-id without handling it again", async () => {
    const delivery = await harmless();
    expect(await (await deliver(delivery, IP)).json()).toMatchObject({ duplicate: false });
    expect(await (await deliver(delivery, IP)).json()).toMatchObject({ duplicate: true, outcome: "ignored" });
  });
});
