import { createExecutionContext, createMessageBatch, evictDurableObject, getQueueResult, runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { accountFor } from "../../workers/credits/account-client";
import type { AccountApi } from "../../workers/credits/contract";
import { cancelJob } from "../../workers/generation/cancel";
import { consumeGenerationBatch } from "../../workers/generation/consumer";
import { consumeDeadLetters } from "../../workers/generation/dead-letter";
import type { GenerationDeps } from "../../workers/generation/deps";
import type { GenerationMessage } from "../../workers/generation/messages";
import { submitGeneration } from "../../workers/generation/submit";
import { sweepGenerations } from "../../workers/generation/sweeper";
import { type Delivery, paymentData, reversalData, whopIds, whopSender } from "../billing/fake-whop";
import { testDeps } from "../generation/support";
import { signUp } from "../support/users";
import { checkJobs, checkMedia, checkPayments, checkUser, type Violation } from "./invariants";
import { ChaosProvider, prng } from "./provider";

export interface ChaosOptions {
  seed: number;
  /** Operations to run before the dust settles (each listed in `ChaosReport.counts`). */
  operations: number;
  users: number;
  /** Check every invariant after this many operations (and at the end). */
  checkEvery: number;
}

export interface ChaosReport {
  seed: number;
  operations: number;
  users: number;
  counts: Record<string, number>;
  checks: number;
  violations: Violation[];
  ms: number;
}

const whop = whopSender(env.WHOP_WEBHOOK_SECRET);
const PACK_PLAN = "plan_dev_pack_500";

/**
 * The Account object over a flaky network: a call sometimes fails before it arrives, and
 * sometimes arrives, applies, and its answer is lost (a crash between the ledger write and the reply).
 */
function flakyAccounts(accounts: GenerationDeps["accounts"], random: () => number, counts: Record<string, number>) {
  return (userId: string): AccountApi => {
    const real = accounts(userId);
    const flaky =
      <A extends unknown[], R>(name: string, call: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        const r = random();
        if (r < 0.04) {
          counts[`${name} lost before arriving`] = (counts[`${name} lost before arriving`] ?? 0) + 1;
          throw new Error("Account object unreachable");
        }
        const result = await call(...args);
        if (r < 0.08) {
          counts[`${name} applied, reply lost`] = (counts[`${name} applied, reply lost`] ?? 0) + 1;
          throw new Error("connection reset after the call");
        }
        return result;
      };
    return {
      ...real,
      hold: flaky("hold", real.hold.bind(real)),
      capture: flaky("capture", real.capture.bind(real)),
      release: flaky("release", real.release.bind(real)),
      publish: flaky("publish", real.publish.bind(real)),
    };
  };
}

interface Queued {
  body: GenerationMessage;
  attempts: number;
}

interface Webhook {
  delivery: Delivery;
  type: string;
  data: unknown;
}

/** One seeded run; see `ChaosReport`. Deterministic in its choices; timing between awaits is the platform's. */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const random = prng(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const counts: Record<string, number> = {};
  const count = (name: string) => (counts[name] = (counts[name] ?? 0) + 1);
  const violations: Violation[] = [];
  let checks = 0;

  const provider = new ChaosProvider(random);
  const inbox: Queued[] = [];
  const { deps } = testDeps(provider);
  const clean: GenerationDeps = { ...deps, enqueue: async (message) => void inbox.push({ body: message, attempts: 1 }) };
  const faulty: GenerationDeps = {
    ...deps,
    random,
    accounts: flakyAccounts(deps.accounts, random, counts),
    enqueue: async (message) => {
      if (random() < 0.04) throw new Error("queue send failed");
      inbox.push({ body: message, attempts: 1 });
    },
  };

  const users = (await Promise.all(Array.from({ length: options.users }, () => signUp()))).map((u) => u.userId);
  await Promise.all(users.map((u) => accountFor(env, u).grant(`chaos-seed-${u}`, 4, "promo", null)));
  const jobs: { id: string; userId: string }[] = [];
  const submitKeys: { userId: string; key: string; body: Record<string, unknown> }[] = [];
  const payments: { id: string; userId: string }[] = [];
  const webhooks: Webhook[] = [];

  async function submit(): Promise<void> {
    count("submit");
    const replay = submitKeys.length > 0 && random() < 0.15 ? pick(submitKeys) : null;
    const userId = replay?.userId ?? pick(users);
    const body = replay?.body ?? (random() < 0.25 ? { durationSeconds: 2, model: "demo-video" } : { count: 1 + Math.floor(random() * 4) });
    const key = replay?.key ?? (random() < 0.5 ? `chaos-${crypto.randomUUID()}` : undefined);
    try {
      const { job } = await submitGeneration(
        random() < 0.5 ? faulty : clean,
        userId,
        { model: "demo-image", prompt: "a lighthouse", ...body },
        key,
      );
      if (!jobs.some((j) => j.id === job.id)) jobs.push({ id: job.id, userId });
      if (key && !replay) submitKeys.push({ userId, key, body });
    } catch {
      count("submit refused or failed");
    }
  }

  async function deliverQueue(): Promise<void> {
    count("queue batch");
    const n = Math.min(inbox.length, 1 + Math.floor(random() * 6));
    const picked: Queued[] = [];
    for (let i = 0; i < n; i++) picked.push(...inbox.splice(Math.floor(random() * inbox.length), 1));
    const dead = picked.filter((p) => p.attempts > 10);
    const live = picked.filter((p) => p.attempts <= 10);
    if (dead.length > 0) {
      const batch = createMessageBatch<unknown>(
        "ausar-generation-dlq",
        dead.map((p, i) => ({ id: `d${i}`, timestamp: 0, attempts: 1, body: p.body })),
      );
      await consumeDeadLetters(batch, faulty).catch(() => inbox.push(...dead));
    }
    if (live.length === 0) return;
    const batch = createMessageBatch<unknown>(
      "ausar-generation",
      live.map((p, i) => ({ id: `m${i}`, timestamp: 0, attempts: p.attempts, body: p.body })),
    );
    try {
      await consumeGenerationBatch(batch, faulty);
    } catch {
      for (const p of live) inbox.push({ body: p.body, attempts: p.attempts + 1 });
      return;
    }
    const result = await getQueueResult(batch, createExecutionContext());
    for (const retry of result.retryMessages) {
      const p = live[Number(retry.msgId.slice(1))]!;
      inbox.push({ body: p.body, attempts: p.attempts + 1 });
    }
    // At-least-once delivery: an acknowledged message now and then comes again.
    for (const p of live) {
      if (random() >= 0.15) continue;
      count("queue duplicate");
      inbox.push({ body: p.body, attempts: p.attempts + 1 });
    }
  }

  async function webhook(type: string, data: unknown): Promise<void> {
    webhooks.push({ type, data, delivery: await whop.event(type, data) });
  }

  async function pay(): Promise<void> {
    count("payment");
    const userId = pick(users);
    const data = paymentData({ userId, whopPlanId: PACK_PLAN, total: 5 });
    payments.push({ id: String(data.id), userId });
    await webhook("payment.succeeded", data);
  }

  async function reverse(): Promise<void> {
    if (payments.length === 0) return;
    const payment = pick(payments);
    const dispute = random() < 0.4;
    count(dispute ? "dispute" : "refund");
    const amount = random() < 0.6 ? 5 : 1 + Math.floor(random() * 4);
    const id = dispute ? whopIds.dispute() : whopIds.refund();
    await webhook(dispute ? "dispute.created" : "refund.created", reversalData({ id, paymentId: payment.id, amount }));
  }

  /** Delivers one queued webhook, in any order; Whop retries (same id) and redelivers (new id). */
  async function deliverWebhook(): Promise<void> {
    if (webhooks.length === 0) return;
    const hook = pick(webhooks);
    const redeliver = random() < 0.3;
    count(redeliver ? "webhook redelivery (new id)" : "webhook delivery");
    const delivery = redeliver ? await whop.event(hook.type, hook.data) : hook.delivery;
    const res = await exports.default.fetch(
      new Request("http://localhost/webhooks/whop", {
        method: "POST",
        body: delivery.body,
        headers: { ...delivery.headers, "CF-Connecting-IP": "10.250.9.9" },
      }),
    );
    await res.body?.cancel();
    if (res.status === 200) {
      // Else Whop sends it again later. A concurrent delivery of the same hook may have removed it already.
      const at = webhooks.indexOf(hook);
      if (at >= 0 && random() < 0.7) webhooks.splice(at, 1);
    } else {
      count(`webhook answered ${res.status}`);
    }
  }

  async function cancel(): Promise<void> {
    if (jobs.length === 0) return;
    count("cancel");
    const job = pick(jobs);
    await cancelJob(faulty, job.userId, job.id).catch(() => undefined);
  }

  async function evict(): Promise<void> {
    count("account evicted");
    await evictDurableObject(env.ACCOUNT.getByName(pick(users))).catch((error: unknown) => {
      if (!String(error).includes("not currently running")) throw error;
    });
  }

  async function crash(): Promise<void> {
    count("account crashed");
    await runInDurableObject(env.ACCOUNT.getByName(pick(users)), (_instance, state) => state.abort("chaos crash")).catch(() => undefined);
  }

  async function sweep(): Promise<void> {
    count("sweep");
    await sweepGenerations(faulty, Date.now()).catch(() => undefined);
  }

  const table: [number, () => Promise<void>][] = [
    [22, submit],
    [28, deliverQueue],
    [5, cancel],
    [2, sweep],
    [4, pay],
    [4, reverse],
    [14, deliverWebhook],
    [3, evict],
    [2, crash],
  ];
  const totalWeight = table.reduce((sum, [w]) => sum + w, 0);
  const chooseOp = () => {
    let r = random() * totalWeight;
    for (const [w, op] of table) {
      r -= w;
      if (r < 0) return op;
    }
    return table[0]![1];
  };

  async function check(final: boolean): Promise<void> {
    checks++;
    const now = Date.now();
    for (const u of users) violations.push(...(await checkUser(u)));
    violations.push(...(await checkJobs(users, now, final)));
    violations.push(
      ...(await checkPayments(
        payments.map((p) => p.id),
        final,
      )),
    );
    if (final) {
      for (const u of users) violations.push(...(await checkMedia(u)));
      for (const [key, n] of provider.submitted) if (n !== 1) violations.push(`provider attempt ${key} submitted ${n} times`);
      const orphans = await env.DB.prepare(
        `SELECT h.job_id FROM credit_holds h LEFT JOIN jobs j ON j.id = h.job_id WHERE j.id IS NULL AND h.status = 'open' AND h.user_id IN (${users.map(() => "?").join(", ")})`,
      )
        .bind(...users)
        .all<{ job_id: string }>();
      for (const o of orphans.results) violations.push(`hold ${o.job_id} is open with no job`);
    }
  }

  let done = 0;
  let nextCheck = options.checkEvery;
  while (done < options.operations) {
    // One to three operations at once, so that they race (crashes cut the others' calls off).
    const n = Math.min(options.operations - done, 1 + Math.floor(random() * 3));
    await Promise.all(Array.from({ length: n }, () => chooseOp()()));
    done += n;
    if (done >= nextCheck) {
      await check(false);
      nextCheck += options.checkEvery;
    }
  }

  // The dust settles: honest provider and network, every message and webhook delivered, a sweep past every deadline.
  provider.honest = true;
  for (let round = 0; round < 200 && inbox.length > 0; round++) {
    const batch = inbox.splice(0, inbox.length);
    const mb = createMessageBatch<unknown>(
      "ausar-generation",
      batch.map((p, i) => ({ id: `f${i}`, timestamp: 0, attempts: 1, body: p.body })),
    );
    await consumeGenerationBatch(mb, clean);
  }
  for (let round = 0; round < 20 && webhooks.length > 0; round++) {
    for (const hook of webhooks.splice(0, webhooks.length)) {
      const res = await exports.default.fetch(
        new Request("http://localhost/webhooks/whop", {
          method: "POST",
          body: hook.delivery.body,
          headers: { ...hook.delivery.headers, "CF-Connecting-IP": "10.250.9.9" },
        }),
      );
      await res.body?.cancel();
      if (res.status !== 200) webhooks.push(hook);
    }
  }
  if (webhooks.length > 0) violations.push(`${webhooks.length} webhooks never accepted`);
  await sweepGenerations(clean, Date.now() + 24 * 60 * 60 * 1000);
  await check(true);
  const debt = await env.DB.prepare(
    `SELECT SUM(debt_delta > 0) AS created, SUM(debt_delta < 0) AS repaid, SUM(kind = 'capture') AS captures, SUM(kind = 'release') AS releases
     FROM credit_ledger WHERE user_id IN (${users.map(() => "?").join(", ")})`,
  )
    .bind(...users)
    .first<{ created: number; repaid: number; captures: number; releases: number }>();
  counts["ledger: debts created"] = debt?.created ?? 0;
  counts["ledger: debt repayments"] = debt?.repaid ?? 0;
  counts["ledger: captures"] = debt?.captures ?? 0;
  counts["ledger: releases"] = debt?.releases ?? 0;

  return { seed: options.seed, operations: done, users: options.users, counts, checks, violations, ms: Date.now() - started };
}
