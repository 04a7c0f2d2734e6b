import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { cancelJob } from "../../workers/generation/cancel";
import { MAX_POLL_FAILURES } from "../../workers/generation/outcome";
import { DemoProvider } from "../../workers/generation/providers/demo";
import { sweepGenerations } from "../../workers/generation/sweeper";
import { acceptWebhook, openInput } from "../../workers/generation/webhook";
import { AppError } from "../../workers/lib/errors";
import { newId } from "../../workers/lib/ids";
import {
  balance,
  deliver,
  drainQueue,
  fundedUser,
  holdStatus,
  images,
  job,
  mediaOf,
  pending,
  permanent,
  ScriptedProvider,
  settlements,
  submit,
  testDeps,
  transient,
} from "./support";

/** The callback URL's query the provider was given for the latest attempt. */
function callbackOf(provider: ScriptedProvider): { job: string; token: string } {
  const url = new URL(provider.submits.at(-1)!.callbackUrl!);
  return { job: url.searchParams.get("job")!, token: url.searchParams.get("token")! };
}

async function rejects(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

describe("asynchronous providers: polling", () => {
  it("records the provider job and queue position, polls with backoff, then collects", async () => {
    const provider = new ScriptedProvider([pending("pj-1", 3)], [pending("pj-1", 1), () => images(1)]);
    const { deps, queue } = testDeps(provider);
    const userId = await fundedUser(5);
    const jobId = await submit(deps, userId);
    await deliver(
      deps,
      queue.drain().map((s) => s.message),
    );

    let row = await job(deps, jobId);
    expect(row).toMatchObject({ status: "running", providerJobId: "pj-1", queuePosition: 3, polls: 0 });
    const [poll1] = queue.drain();
    expect(poll1).toEqual({ message: { type: "poll", jobId, attempt: 1, poll: 1, pollFailures: 0 }, delaySeconds: 2 });

    await deliver(deps, [poll1!.message]);
    row = await job(deps, jobId);
    expect(row).toMatchObject({ status: "running", queuePosition: 1, polls: 1 });
    const [poll2] = queue.drain();
    expect(poll2).toEqual({ message: { type: "poll", jobId, attempt: 1, poll: 2, pollFailures: 0 }, delaySeconds: 3 });

    await deliver(deps, [poll2!.message]);
    row = await job(deps, jobId);
    expect(row).toMatchObject({ status: "succeeded", queuePosition: null });
    expect(provider.submits).toHaveLength(1);
    expect(provider.statuses).toEqual(["pj-1", "pj-1"]);
    expect(await mediaOf(jobId)).toHaveLength(1);
    expect(await settlements(jobId)).toHaveLength(1);
  });

  it("a duplicated poll message polls once and does not fork the polling chain", async () => {
    const provider = new ScriptedProvider([pending("pj-2")], [], pending("pj-2"));
    const { deps, queue } = testDeps(provider);
    const userId = await fundedUser(5);
    const jobId = await submit(deps, userId);
    await deliver(
      deps,
      queue.drain().map((s) => s.message),
    );
    const [poll] = queue.drain();
    await deliver(deps, [poll!.message, poll!.message]);
    await deliver(deps, [poll!.message], 2);
    expect(provider.statuses).toHaveLength(1);
    expect(queue.drain()).toHaveLength(1);
    expect((await job(deps, jobId)).polls).toBe(1);
  });

  it("re-checks a failed status call a few times before it counts as a failed attempt", async () => {
    const provider = new ScriptedProvider([pending("pj-3"), () => images(1)], [transient(), transient(), transient()]);
    const { deps, queue } = testDeps(provider);
    const userId = await fundedUser(5);
    const jobId = await submit(deps, userId);
    await deliver(
      deps,
      queue.drain().map((s) => s.message),
    );
    await deliver(
      deps,
      queue.drain().map((s) => s.message),
    ); // status fails once
    await deliver(
      deps,
      queue.drain().map((s) => s.message),
    ); // and twice
    let row = await job(deps, jobId);
    expect(row).toMatchObject({ status: "running", attempts: 1 });
    expect(MAX_POLL_FAILURES).toBe(3);
    // The third status failure in a row ends the attempt: a new one is submitted.
    await deliver(
      deps,
      queue.drain().map((s) => s.message),
    );
    row = await job(deps, jobId);
    expect(row).toMatchObject({ status: "queued", attempts: 1, providerJobId: null });
    await drainQueue(deps, queue);
    expect(await job(deps, jobId)).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(provider.submits).toHaveLength(2);
  });

  it("a permanent failure reported by a poll fails and refunds", async () => {
    const provider = new ScriptedProvider(
      [pending("pj-4")],
      [permanent({ code: "generation_failed", message: "The provider could not generate this." })],
    );
    const { deps, queue } = testDeps(provider);
    const userId = await fundedUser(5);
    const jobId = await submit(deps, userId);
    await drainQueue(deps, queue);
    expect(await job(deps, jobId)).toMatchObject({ status: "failed", errorCode: "generation_failed" });
    expect(await settlements(jobId)).toEqual([{ kind: "release", description: "Refund — provider failed" }]);
  });

  it("stops polling at the deadline: asks the provider to cancel, fails and refunds", async () => {
    const provider = new ScriptedProvider([pending("pj-5")], [], pending("pj-5"));
    const { deps, queue } = testDeps(provider);
    const userId = await fundedUser(5);
    const jobId = await submit(deps, userId);
    await deliver(
      deps,
      queue.drain().map((s) => s.message),
    );
    await env.DB.prepare("UPDATE jobs SET deadline_at = ? WHERE id = ?")
      .bind(Date.now() - 1, jobId)
      .run();
    await deliver(
      deps,
      queue.drain().map((s) => s.message),
    );
    expect(await job(deps, jobId)).toMatchObject({ status: "failed", errorCode: "timed_out" });
    expect(provider.cancels).toEqual(["pj-5"]);
    expect(provider.statuses).toHaveLength(0);
    expect(await settlements(jobId)).toEqual([{ kind: "release", description: "Refund — timed out" }]);
  });
});

describe("asynchronous providers: webhooks", () => {
  async function running(provider: ScriptedProvider) {
    const { deps, queue } = testDeps(provider, undefined, { webhooks: true });
    const userId = await fundedUser(5);
    const jobId = await submit(deps, userId);
    await deliver(
      deps,
      queue.drain().map((s) => s.message),
    );
    return { deps, queue, userId, jobId };
  }

  it("gives the provider a callback URL on PUBLIC_URL with an unguessable token, storing only its hash", async () => {
    const provider = new ScriptedProvider([pending("pj-w1")]);
    const { deps, queue, jobId } = await running(provider);
    const url = new URL(provider.submits[0]!.callbackUrl!);
    expect(url.origin).toBe(new URL(env.PUBLIC_URL).origin);
    expect(url.pathname).toBe("/webhooks/providers/demo");
    const { token } = callbackOf(provider);
    expect(token.length).toBeGreaterThanOrEqual(43);
    const row = await job(deps, jobId);
    expect(row.callbackTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);
    // With a webhook coming, the poll is only a late safety net.
    expect(queue.drain()[0]!.delaySeconds).toBeGreaterThanOrEqual(24);
  });

  it("settles a verified callback once, however often it is delivered", async () => {
    const provider = new ScriptedProvider([pending("pj-w2")]);
    const { deps, userId, jobId } = await running(provider);
    provider.webhook = () => null;
    const query = callbackOf(provider);
    await rejects(acceptWebhook(deps, "demo", query, "{}", new Headers()), "unauthenticated");
    // "Still working" only updates the job.
    provider.webhook = () => ({ providerJobId: "pj-w2", result: { state: "pending", providerJobId: "pj-w2", queuePosition: 0 } });
    await acceptWebhook(deps, "demo", query, "{}", new Headers());
    expect(await job(deps, jobId)).toMatchObject({ status: "running", queuePosition: 0 });
    // Done: collected once; a redelivery (even one saying otherwise) changes nothing.
    const result = await images(1);
    let deliveries = 0;
    provider.webhook = () => {
      deliveries++;
      return {
        providerJobId: "pj-w2",
        result: deliveries === 1 ? result : { state: "failed", error: { retryable: false, code: "x", message: "late" } },
      };
    };
    await acceptWebhook(deps, "demo", query, "{}", new Headers());
    await acceptWebhook(deps, "demo", query, "{}", new Headers());
    expect(await job(deps, jobId)).toMatchObject({ status: "succeeded" });
    expect(await mediaOf(jobId)).toHaveLength(1);
    expect(await settlements(jobId)).toEqual([{ kind: "capture", description: "Generation — 1 image" }]);
    expect(await balance(userId)).toEqual({ available: 4, held: 0 });
  });

  it("refuses forged, mismatched and stale callbacks", async () => {
    const provider = new ScriptedProvider([pending("pj-w3"), pending("pj-w3b")], [transient(), transient(), transient()]);
    const { deps, queue, jobId } = await running(provider);
    provider.webhook = () => ({
      providerJobId: "pj-w3",
      result: { state: "failed", error: { retryable: false, code: "refused", message: "no" } },
    });
    const query = callbackOf(provider);
    await rejects(acceptWebhook(deps, "demo", { job: jobId, token: "guess" }, "{}", new Headers()), "not_found");
    await rejects(acceptWebhook(deps, "demo", { job: jobId }, "{}", new Headers()), "not_found");
    await rejects(acceptWebhook(deps, "fal", query, "{}", new Headers()), "not_found");
    const other = await submit(deps, await fundedUser(5));
    await rejects(acceptWebhook(deps, "demo", { job: other, token: query.token }, "{}", new Headers()), "not_found");
    // A callback about another provider job of this attempt is ignored.
    provider.webhook = () => ({
      providerJobId: "someone-else",
      result: { state: "failed", error: { retryable: false, code: "refused", message: "no" } },
    });
    await acceptWebhook(deps, "demo", query, "{}", new Headers());
    expect((await job(deps, jobId)).status).toBe("running");
    // After a retry the first attempt's token no longer works.
    for (let i = 0; i < 3; i++)
      await deliver(
        deps,
        queue
          .drain()
          .filter((s) => s.message.jobId === jobId)
          .map((s) => s.message),
      );
    await drainQueue(deps, queue);
    expect(await job(deps, jobId)).toMatchObject({ attempts: 2, providerJobId: "pj-w3b" });
    await rejects(acceptWebhook(deps, "demo", query, "{}", new Headers()), "not_found");
  });

  it("serves reference images to the provider only with the running attempt's token", async () => {
    const provider = new ScriptedProvider([pending("pj-w4")]);
    const { deps, queue } = testDeps(provider, undefined, { webhooks: true });
    const userId = await fundedUser(5);
    const id = newId();
    await env.MEDIA.put(`uploads/${userId}/${id}`, "ref-bytes");
    await env.DB.prepare(
      "INSERT INTO media (id, user_id, kind, r2_key, content_type, bytes, width, height, created_at) VALUES (?, ?, 'upload', ?, 'image/png', 9, 1, 1, ?)",
    )
      .bind(id, userId, `uploads/${userId}/${id}`, Date.now())
      .run();
    const jobId = await submit(deps, userId, { inputMediaIds: [id] });
    await deliver(
      deps,
      queue.drain().map((s) => s.message),
    );
    const input = provider.submits[0]!.inputs[0]!;
    expect(await new Response(await input.open()).text()).toBe("ref-bytes");
    const url = new URL(input.url!);
    expect(url.pathname).toBe(`/webhooks/providers/demo/jobs/${jobId}/inputs/0`);
    const token = url.searchParams.get("token")!;
    const opened = await openInput(deps, "demo", jobId, 0, token);
    expect(await new Response(opened.body).text()).toBe("ref-bytes");
    await rejects(openInput(deps, "demo", jobId, 1, token), "not_found");
    await rejects(openInput(deps, "demo", jobId, 0, "wrong"), "not_found");
  });
});

describe("cancel", () => {
  it("cancels a queued job, releases its hold, and the queued message then does nothing", async () => {
    const provider = new ScriptedProvider();
    const { deps, queue } = testDeps(provider);
    const userId = await fundedUser(5);
    const jobId = await submit(deps, userId, { count: 2 });
    const canceled = await cancelJob(deps, userId, jobId);
    expect(canceled).toMatchObject({ status: "canceled", errorCode: "canceled" });
    await drainQueue(deps, queue);
    expect(provider.submits).toHaveLength(0);
    expect(await settlements(jobId)).toEqual([{ kind: "release", description: "Refund — canceled" }]);
    expect(await balance(userId)).toEqual({ available: 5, held: 0 });
    await rejects(cancelJob(deps, userId, jobId), "invalid_state");
  });

  it("cancels a running asynchronous job when the provider agrees, and refuses when it does not", async () => {
    const provider = new ScriptedProvider([pending("pj-c1"), pending("pj-c2")]);
    const { deps, queue } = testDeps(provider);
    const userId = await fundedUser(5);
    const a = await submit(deps, userId);
    const b = await submit(deps, userId);
    await deliver(
      deps,
      queue.drain().map((s) => s.message),
    );
    provider.cancelAnswer = true;
    expect((await cancelJob(deps, userId, a)).status).toBe("canceled");
    provider.cancelAnswer = false;
    await rejects(cancelJob(deps, userId, b), "invalid_state");
    expect(provider.cancels.sort()).toEqual(["pj-c1", "pj-c2"]);
    expect(await holdStatus(a)).toBe("released");
    expect(await holdStatus(b)).toBe("open");
  });

  it("a waiting demo job (with a delay) can be canceled while running", async () => {
    const { deps, queue } = testDeps(new DemoProvider({ delayMs: 60_000 }));
    const userId = await fundedUser(5);
    const jobId = await submit(deps, userId);
    await deliver(
      deps,
      queue.drain().map((s) => s.message),
    );
    const [poll] = queue.drain();
    expect(poll?.delaySeconds).toBe(30);
    expect(await job(deps, jobId)).toMatchObject({ status: "running", providerJobId: expect.stringMatching(/^demo-\d+$/) });
    expect((await cancelJob(deps, userId, jobId)).status).toBe("canceled");
    await deliver(deps, [poll!.message]);
    expect(await job(deps, jobId)).toMatchObject({ status: "canceled" });
    expect(await balance(userId)).toEqual({ available: 5, held: 0 });
  });

  it("refuses finished jobs (409) and other people's jobs (404)", async () => {
    const { deps, queue } = testDeps(new ScriptedProvider());
    const userId = await fundedUser(5);
    const jobId = await submit(deps, userId);
    await drainQueue(deps, queue);
    await rejects(cancelJob(deps, userId, jobId), "invalid_state");
    await rejects(cancelJob(deps, await fundedUser(0), jobId), "not_found");
    expect(await settlements(jobId)).toEqual([{ kind: "capture", description: "Generation — 1 image" }]);
  });
});

describe("sweeper", () => {
  it("fails and refunds jobs past their deadline, and settles jobs whose settlement was cut short", async () => {
    const provider = new ScriptedProvider([pending("pj-s1")]);
    const { deps, queue } = testDeps(provider);
    const userId = await fundedUser(10);
    const queued = await submit(deps, userId);
    const runningJob = await submit(deps, userId);
    const crashed = await submit(deps, userId);
    const fresh = await submit(deps, userId);
    const sent = queue.drain();
    await deliver(
      deps,
      sent.filter((s) => s.message.jobId === runningJob).map((s) => s.message),
    );
    await env.DB.prepare("UPDATE jobs SET status = 'succeeded', finished_at = ? WHERE id = ?").bind(Date.now(), crashed).run();
    const later = Date.now() + 60 * 60 * 1000;
    await env.DB.prepare("UPDATE jobs SET deadline_at = ? WHERE id = ?")
      .bind(later + 60_000, fresh)
      .run();

    const outcome = await sweepGenerations(deps, later);
    expect(outcome.timedOut).toBeGreaterThanOrEqual(2);
    for (const id of [queued, runningJob]) {
      expect(await job(deps, id)).toMatchObject({ status: "failed", errorCode: "timed_out" });
      expect(await holdStatus(id)).toBe("released");
    }
    expect(provider.cancels).toContain("pj-s1");
    expect(await holdStatus(crashed)).toBe("captured");
    expect((await job(deps, fresh)).status).toBe("queued");
    expect(await balance(userId)).toMatchObject({ available: 8, held: 1 });

    // A second sweep changes nothing.
    await sweepGenerations(deps, later);
    expect(await settlements(queued)).toHaveLength(1);
  });
});
