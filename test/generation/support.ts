import { createExecutionContext, createMessageBatch, getQueueResult, type QueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { GenerationRequest } from "../../shared/generation-requests";
import { accountFor } from "../../workers/credits/account-client";
import { consumeGenerationBatch } from "../../workers/generation/consumer";
import { consumeDeadLetters } from "../../workers/generation/dead-letter";
import { renderDemoImage } from "../../workers/generation/demo-media";
import { type GenerationDeps, generationDeps } from "../../workers/generation/deps";
import { type JobRow, jobById } from "../../workers/generation/jobs-store";
import type { GenerationMessage } from "../../workers/generation/messages";
import type { ProviderRegistry } from "../../workers/generation/providers/registry";
import type { Provider, ProviderFailure, ProviderRequest, ProviderResult, ProviderWebhook } from "../../workers/generation/providers/types";
import { submitGeneration } from "../../workers/generation/submit";

/** A message the code under test sent, with its delay. */
export interface Sent {
  message: GenerationMessage;
  delaySeconds?: number;
}

/** A queue producer that records instead of sending, so no real consumer races the test. */
export function recordingQueue() {
  const sent: Sent[] = [];
  return {
    sent,
    enqueue: async (message: GenerationMessage, delaySeconds?: number) => {
      sent.push({ message, delaySeconds });
    },
    /** Removes and returns everything sent so far. */
    drain(): Sent[] {
      return sent.splice(0, sent.length);
    },
  };
}

/** What a scripted provider does for one call: a result, or an error it throws. */
export type Step = ProviderResult | Error | ((request: ProviderRequest) => ProviderResult | Promise<ProviderResult>);

/**
 * A provider under the test's control, implementing the real interface: each `submit` and
 * `status` call takes the next scripted step (or the fallback), and every call is recorded.
 */
export class ScriptedProvider implements Provider {
  readonly id = "demo";
  readonly submits: ProviderRequest[] = [];
  readonly statuses: string[] = [];
  readonly cancels: string[] = [];
  cancelAnswer = false;
  webhook: ((rawBody: string, headers: Headers) => ProviderWebhook | null) | null = null;

  constructor(
    private readonly submitSteps: Step[] = [],
    private readonly statusSteps: Step[] = [],
    private readonly fallback: Step = () => images(1),
  ) {}

  async submit(request: ProviderRequest): Promise<ProviderResult> {
    this.submits.push(request);
    return run(this.submitSteps.shift() ?? this.fallback, request);
  }

  async status(providerJobId: string, request: ProviderRequest): Promise<ProviderResult> {
    this.statuses.push(providerJobId);
    return run(this.statusSteps.shift() ?? this.fallback, request);
  }

  async cancel(providerJobId: string): Promise<boolean> {
    this.cancels.push(providerJobId);
    return this.cancelAnswer;
  }

  async parseWebhook(rawBody: string, headers: Headers): Promise<ProviderWebhook | null> {
    return this.webhook ? this.webhook(rawBody, headers) : null;
  }
}

async function run(step: Step, request: ProviderRequest): Promise<ProviderResult> {
  if (step instanceof Error) throw step;
  return typeof step === "function" ? step(request) : step;
}

/** A small real PNG (outputs are decoded to make thumbnails, so they must be genuine). */
export function png(seed = 1, size = 32): Promise<Uint8Array> {
  return renderDemoImage({ prompt: "test", seed, width: size, height: size });
}

/** A success with `count` fresh PNG outputs. */
export async function images(count: number): Promise<ProviderResult> {
  const outputs = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const bytes = await png(i + 1);
      return { contentType: "image/png", body: new Response(bytes).body!, bytes: bytes.byteLength, width: 32, height: 32 };
    }),
  );
  return { state: "succeeded", outputs };
}

export const transient = (retryAfterSeconds?: number): ProviderResult => ({
  state: "failed",
  error: { retryable: true, code: "provider_error", message: "The provider had a problem generating this.", retryAfterSeconds },
});
export const permanent = (failure: Partial<ProviderFailure> = {}): ProviderResult => ({
  state: "failed",
  error: { retryable: false, code: "refused", message: "The provider refused this prompt.", ...failure },
});
export const pending = (providerJobId: string, queuePosition?: number): ProviderResult => ({
  state: "pending",
  providerJobId,
  queuePosition,
});

/** Dependencies for the domain under test: real D1, R2 and Account objects; a fake provider and queue. */
export function testDeps(provider: Provider, queue = recordingQueue(), options: { webhooks?: boolean } = {}) {
  const providers: ProviderRegistry = new Map([["demo", { provider, webhooks: options.webhooks ?? false }]]);
  const deps: GenerationDeps = generationDeps(env, { providers, enqueue: queue.enqueue, random: () => 0.5 });
  return { deps, queue };
}

/** A fresh user id with `credits` granted. */
export async function fundedUser(credits = 100): Promise<string> {
  const userId = `u-${crypto.randomUUID()}`;
  if (credits > 0) await accountFor(env, userId).grant(`seed-${userId}`, credits, "promo", null);
  return userId;
}

/** Submits a demo-image job through the real domain function. */
export async function submit(deps: GenerationDeps, userId: string, body: Partial<GenerationRequest> = {}, key?: string): Promise<string> {
  const { job } = await submitGeneration(deps, userId, { model: "demo-image", prompt: "a lighthouse at dusk", ...body }, key);
  return job.id;
}

let messageNumber = 0;

/** Delivers messages to the consumer as the queue would (a batch), returning its ack/retry record. */
export async function deliver(
  deps: GenerationDeps,
  messages: GenerationMessage[],
  attempts = 1,
  queue = "ausar-generation",
): Promise<QueueResult> {
  const batch = createMessageBatch<unknown>(
    queue,
    messages.map((body) => ({ id: `m-${++messageNumber}`, timestamp: Date.now(), attempts, body })),
  );
  const ctx = createExecutionContext();
  if (queue === "ausar-generation") await consumeGenerationBatch(batch, deps);
  else await consumeDeadLetters(batch, deps);
  return getQueueResult(batch, ctx);
}

/** Delivers everything sent, and whatever that sends, until the queue is empty (delays are skipped). */
export async function drainQueue(deps: GenerationDeps, queue: ReturnType<typeof recordingQueue>, maxRounds = 50): Promise<void> {
  for (let round = 0; round < maxRounds; round++) {
    const sent = queue.drain();
    if (sent.length === 0) return;
    await deliver(
      deps,
      sent.map((s) => s.message),
    );
  }
  throw new Error("the queue did not drain");
}

/** The job row, which must exist. */
export async function job(deps: GenerationDeps, id: string): Promise<JobRow> {
  const row = await jobById(deps.db, id);
  expect(row, `job ${id}`).not.toBeNull();
  return row!;
}

/** The user's spendable and reserved credits as the Account object reports them (debt and review flag left out). */
export async function balance(userId: string) {
  const { available, held } = await accountFor(env, userId).balance();
  return { available, held };
}

/** The user's hold of a job: open, captured or released (null when none was made). */
export async function holdStatus(jobId: string): Promise<string | null> {
  const row = await env.DB.prepare("SELECT status FROM credit_holds WHERE job_id = ?").bind(jobId).first<{ status: string }>();
  return row?.status ?? null;
}

/** How many settlement rows (capture or release) the ledger has for a job. */
export async function settlements(jobId: string): Promise<{ kind: string; description: string }[]> {
  const { results } = await env.DB.prepare(
    "SELECT kind, description FROM credit_ledger WHERE reference = ? AND kind IN ('capture', 'release')",
  )
    .bind(`job:${jobId}`)
    .all<{ kind: string; description: string }>();
  return results;
}

/** The media rows of a job. */
export async function mediaOf(jobId: string) {
  const { results } = await env.DB.prepare("SELECT * FROM media WHERE job_id = ? ORDER BY position")
    .bind(jobId)
    .all<Record<string, unknown>>();
  return results;
}
