// Sustained signed Whop deliveries against a local Worker (wrangler dev, fresh state), with the
// duplicates Whop really sends: every payment is delivered three times — twice under one
// webhook-id (a retry), once under a new one (a redelivery) — shuffled and sent from parallel
// loops. Afterwards every balance must equal exactly one grant per payment: 0 double grants.
// A bare route (`GET /api/health`) is measured under the same load for comparison.
import { createHmac, randomBytes } from "node:crypto";
import { startLocalWorker } from "../lib/local-worker.mjs";
import { closedLoop, summarise } from "../lib/stats.mjs";

const SECRET = "ws_bench_webhook_secret_0123456789abcdef";
const USERS = 10; // below the sign-up limit per IP
const PAYMENTS = Number(process.env.PAYMENTS ?? 400);
const COPIES = 3;
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const SIGNUP_CREDITS = 50;
const PACK = { whopPlanId: "plan_dev_pack_500", credits: 500 };

const hex = (n = 10) => randomBytes(n).toString("hex");

function signed(messageId, type, data) {
  const body = JSON.stringify({
    id: messageId,
    api_version: "v1",
    type,
    timestamp: new Date().toISOString(),
    company_id: "biz_bench",
    data,
  });
  const ts = Math.floor(Date.now() / 1000);
  const signature = createHmac("sha256", Buffer.from(SECRET, "utf8")).update(`${messageId}.${ts}.${body}`).digest("base64");
  return {
    body,
    headers: {
      "Content-Type": "application/json",
      "webhook-id": messageId,
      "webhook-timestamp": String(ts),
      "webhook-signature": `v1,${signature}`,
    },
  };
}

function paymentEvent(id, userId) {
  return {
    id,
    status: "paid",
    substatus: "succeeded",
    total: 5,
    currency: "usd",
    paid_at: new Date().toISOString(),
    plan: { id: PACK.whopPlanId },
    user: { id: `user_${hex(6)}` },
    membership: { id: `mem_${hex(6)}`, status: "active" },
    metadata: { ausar_user_id: userId },
  };
}

function shuffle(list) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

const worker = await startLocalWorker({
  vars: { WHOP_WEBHOOK_SECRET: SECRET, SIGNUP_CREDITS: String(SIGNUP_CREDITS) },
  log: process.env.LOG === "1",
});
try {
  const users = [];
  for (let i = 0; i < USERS; i++) {
    const res = await fetch(`${worker.url}/api/auth/signup`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        email: `bench-${hex(4)}@example.com`,
        password: "correct-horse-battery-staple-42",
        name: "Bench",
        ageConfirmed: true,
        acceptPolicies: true,
      }),
    });
    if (res.status !== 201) throw new Error(`sign-up: ${res.status} ${await res.text()}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    users.push({ id: (await res.json()).user.id, cookie, payments: 0 });
  }

  // Single-delivery latency first, sequentially (no queueing): what Whop's sender waits for.
  const single = [];
  for (let i = 0; i < 30; i++) {
    const user = users[i % USERS];
    user.payments++;
    const delivery = signed(`msg_${hex()}`, "payment.succeeded", paymentEvent(`pay_${hex()}`, user.id));
    const t0 = performance.now();
    const res = await fetch(`${worker.url}/webhooks/whop`, { method: "POST", headers: delivery.headers, body: delivery.body });
    if (res.status !== 200) throw new Error(`delivery: ${res.status} ${await res.text()}`);
    single.push(performance.now() - t0);
  }

  const deliveries = [];
  for (let i = 0; i < PAYMENTS; i++) {
    const user = users[i % USERS];
    user.payments++;
    const data = paymentEvent(`pay_${hex()}`, user.id);
    const retryId = `msg_${hex()}`;
    deliveries.push(
      signed(retryId, "payment.succeeded", data),
      signed(retryId, "payment.succeeded", data),
      signed(`msg_${hex()}`, "payment.succeeded", data),
    );
  }
  shuffle(deliveries);
  const statuses = new Map();
  const errors = [];
  const load = await closedLoop({
    concurrency: CONCURRENCY,
    total: deliveries.length,
    task: async (_, i) => {
      const { headers, body } = deliveries[i];
      const res = await fetch(`${worker.url}/webhooks/whop`, { method: "POST", headers, body });
      const text = await res.text();
      if (res.status !== 200 && errors.length < 3) errors.push(`${res.status} ${text.slice(0, 300)}`);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      return res.status === 200;
    },
  });
  const bare = await closedLoop({
    concurrency: CONCURRENCY,
    total: 600,
    task: async () => {
      const res = await fetch(`${worker.url}/api/health`);
      await res.arrayBuffer();
      return res.ok;
    },
  });

  let doubleGrants = 0;
  let missing = 0;
  for (const user of users) {
    const me = await (await fetch(`${worker.url}/api/me`, { headers: { Cookie: user.cookie } })).json();
    const expected = SIGNUP_CREDITS + user.payments * PACK.credits;
    const diff = me.credits.available - expected;
    if (diff > 0) doubleGrants += diff / PACK.credits;
    if (diff < 0) missing += -diff / PACK.credits;
  }
  console.log(
    JSON.stringify(
      {
        payments: PAYMENTS + 30,
        deliveries: deliveries.length,
        copiesPerPayment: COPIES,
        concurrency: CONCURRENCY,
        statuses: Object.fromEntries(statuses),
        errors,
        singleDelivery: summarise(single),
        underLoad: load,
        bareUnderLoad: bare,
        doubleGrants,
        missingGrants: missing,
      },
      null,
      2,
    ),
  );
  if (doubleGrants !== 0 || missing !== 0 || load.failures !== 0) process.exitCode = 1;
} finally {
  await worker.stop();
}
