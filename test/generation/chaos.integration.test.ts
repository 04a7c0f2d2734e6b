import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { AccountApi } from "../../workers/credits/contract";
import { cancelJob } from "../../workers/generation/cancel";
import { consumeGenerationBatch } from "../../workers/generation/consumer";
import { consumeDeadLetters } from "../../workers/generation/dead-letter";
import type { GenerationDeps } from "../../workers/generation/deps";
import type { GenerationMessage } from "../../workers/generation/messages";
import type { Provider, ProviderRequest, ProviderResult } from "../../workers/generation/providers/types";
import { sweepGenerations } from "../../workers/generation/sweeper";
import { prng } from "../chaos/provider";
import { expectInvariants } from "../credits/support";
import { fundedUser, images, pending, permanent, submit, testDeps, transient } from "./support";

const garbage = (): ProviderResult => ({
  state: "succeeded",
  outputs: [{ contentType: "image/png", body: new Response("garbage").body! }],
});

/** A provider that answers at random: success, pending, transient or permanent failure, garbage, or a throw. */
class ChaosProvider implements Provider {
  readonly id = "demo";
  honest = false;
  readonly submitted = new Map<string, number>();

  constructor(private readonly random: () => number) {}

  async submit(request: ProviderRequest): Promise<ProviderResult> {
    this.submitted.set(request.attemptKey, (this.submitted.get(request.attemptKey) ?? 0) + 1);
    if (this.honest) return images(request.count);
    const r = this.random();
    if (r < 0.3) return images(request.count);
    if (r < 0.5) return pending(`pj-${request.attemptKey}`, Math.floor(this.random() * 5));
    if (r < 0.65) return transient();
    if (r < 0.75) return permanent();
    if (r < 0.85) return garbage();
    throw new Error("connection reset");
  }

  async status(_id: string, request: ProviderRequest): Promise<ProviderResult> {
    if (this.honest) return images(request.count);
    const r = this.random();
    if (r < 0.4) return pending(_id, 0);
    if (r < 0.75) return images(request.count);
    if (r < 0.85) return transient();
    if (r < 0.9) return permanent();
    return garbage();
  }

  async cancel(): Promise<boolean> {
    return this.random() < 0.5;
  }

  async parseWebhook() {
    return null;
  }
}

/** The Account object as seen over a flaky network: settlement calls sometimes fail before they arrive. */
function flakyAccounts(deps: GenerationDeps, random: () => number): (userId: string) => AccountApi {
  return (userId) => {
    const real = deps.accounts(userId);
    const flaky =
      <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
      (...args: A) =>
        random() < 0.08 ? Promise.reject(new Error("Account object unreachable")) : call(...args);
    return { ...real, capture: flaky(real.capture), release: flaky(real.release), publish: flaky(real.publish) };
  };
}

interface Pending {
  body: GenerationMessage;
  attempts: number;
}

/**
 * Runs `jobs` jobs for `users` users through the consumer with random provider answers, random
 * duplicate and reordered deliveries, failing queue sends and failing settlement calls, random
 * cancels and sweeps; then lets the dust settle and checks every invariant.
 */
async function chaosRun(seed: number, users: number, jobs: number): Promise<void> {
  const random = prng(seed);
  const provider = new ChaosProvider(random);
  const { deps } = testDeps(provider);
  const inbox: Pending[] = [];
  const faulty: GenerationDeps = {
    ...deps,
    random,
    accounts: flakyAccounts(deps, random),
    enqueue: async (message) => {
      if (random() < 0.05) throw new Error("queue send failed");
      inbox.push({ body: message, attempts: 1 });
    },
  };
  const clean: GenerationDeps = { ...deps, enqueue: async (message) => void inbox.push({ body: message, attempts: 1 }) };

  const userIds = await Promise.all(Array.from({ length: users }, () => fundedUser(40)));
  const jobIds: string[] = [];
  let submitted = 0;

  async function deliverSome(): Promise<void> {
    const count = Math.min(inbox.length, 1 + Math.floor(random() * 6));
    const picked: Pending[] = [];
    for (let i = 0; i < count; i++) picked.push(...inbox.splice(Math.floor(random() * inbox.length), 1));
    const toDlq = picked.filter((p) => p.attempts > 10);
    const live = picked.filter((p) => p.attempts <= 10);
    if (toDlq.length > 0) {
      const batch = createMessageBatch<unknown>(
        "ausar-generation-dlq",
        toDlq.map((p, i) => ({ id: `d${i}`, timestamp: 0, attempts: 1, body: p.body })),
      );
      await consumeDeadLetters(batch, faulty);
    }
    const batch = createMessageBatch<unknown>(
      "ausar-generation",
      live.map((p, i) => ({ id: `m${i}`, timestamp: 0, attempts: p.attempts, body: p.body })),
    );
    await consumeGenerationBatch(batch, faulty);
    const result = await getQueueResult(batch, createExecutionContext());
    for (const retry of result.retryMessages) {
      const p = live[Number(retry.msgId.slice(1))]!;
      inbox.push({ body: p.body, attempts: p.attempts + 1 });
    }
    // At-least-once: an acknowledged message is sometimes delivered again.
    for (const p of live) if (random() < 0.15) inbox.push({ body: p.body, attempts: p.attempts + 1 });
  }

  while (submitted < jobs || inbox.length > 0) {
    const r = random();
    if (submitted < jobs && r < 0.35) {
      const userId = userIds[Math.floor(random() * users)]!;
      const body = random() < 0.2 ? { model: "demo-video", durationSeconds: 2 } : { count: 1 + Math.floor(random() * 4) };
      try {
        jobIds.push(await submit(clean, userId, body));
      } catch {
        // 402 or 429: refused without holding anything (checked by the invariants below).
      }
      submitted++;
    } else if (r < 0.4 && jobIds.length > 0) {
      const jobId = jobIds[Math.floor(random() * jobIds.length)]!;
      const owner = (await env.DB.prepare("SELECT user_id FROM jobs WHERE id = ?").bind(jobId).first<{ user_id: string }>())!.user_id;
      await cancelJob(faulty, owner, jobId).catch(() => undefined);
    } else if (r < 0.42) {
      await sweepGenerations(faulty, Date.now()).catch(() => undefined);
    } else if (inbox.length > 0) {
      await deliverSome();
    }
  }

  // The dust settles: honest provider and infrastructure, then a sweep past every deadline.
  provider.honest = true;
  for (let round = 0; round < 200 && inbox.length > 0; round++) {
    const batch = inbox.splice(0, inbox.length);
    const mb = createMessageBatch<unknown>(
      "ausar-generation",
      batch.map((p, i) => ({ id: `f${i}`, timestamp: 0, attempts: 1, body: p.body })),
    );
    await consumeGenerationBatch(mb, clean);
  }
  await sweepGenerations(clean, Date.now() + 24 * 60 * 60 * 1000);

  // Every job ended, and its hold was settled once, the right way.
  const { results } = await env.DB.prepare(
    `SELECT j.id, j.user_id, j.status, j.cost, h.status AS hold,
       (SELECT count(*) FROM credit_ledger l WHERE l.reference = 'job:' || j.id AND l.kind IN ('capture', 'release')) AS settlements,
       (SELECT count(*) FROM media m WHERE m.job_id = j.id) AS media,
       json_extract(j.params, '$.count') AS count
     FROM jobs j LEFT JOIN credit_holds h ON h.job_id = j.id
     WHERE j.user_id IN (${userIds.map(() => "?").join(", ")})`,
  )
    .bind(...userIds)
    .all<{ id: string; user_id: string; status: string; cost: number; hold: string; settlements: number; media: number; count: number }>();
  expect(results.length).toBe(jobIds.length);
  const spent = new Map<string, number>();
  for (const row of results) {
    expect(["succeeded", "failed", "canceled"], `job ${row.id} is over`).toContain(row.status);
    expect(row.settlements, `job ${row.id} settled once`).toBe(1);
    expect(row.hold, `job ${row.id} (${row.status})`).toBe(row.status === "succeeded" ? "captured" : "released");
    expect(row.media, `job ${row.id} media`).toBe(row.status === "succeeded" ? row.count : 0);
    if (row.status === "succeeded") spent.set(row.user_id, (spent.get(row.user_id) ?? 0) + row.cost);
  }
  // No provider attempt was submitted twice.
  for (const [key, n] of provider.submitted) expect(n, `attempt ${key}`).toBe(1);
  // Balances equal the ledger, and what was charged is exactly what succeeded.
  for (const userId of userIds) {
    const { available, held } = await expectInvariants(userId);
    expect(held).toBe(0);
    expect(available).toBe(40 - (spent.get(userId) ?? 0));
  }
  // Nothing in R2 without a media row.
  for (const userId of userIds) {
    const listed = (await env.MEDIA.list({ prefix: `media/${userId}/` })).objects.map((o) => o.key).filter((k) => !k.includes(".thumb."));
    const { results: rows } = await env.DB.prepare("SELECT r2_key FROM media WHERE user_id = ?").bind(userId).all<{ r2_key: string }>();
    expect(listed.sort()).toEqual(rows.map((r) => r.r2_key).sort());
  }
}

describe("randomised runs with injected faults", () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: every job terminal, every hold settled once, balances equal the ledger`, async () => {
      await chaosRun(seed, 5, 40);
    }, 120_000);
  }
});
