import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS } from "../../workers/generation/policy";
import { provenanceOf } from "../../workers/generation/provenance";
import { xmpPacket } from "../../workers/provenance/xmp";
import { expectCredentials } from "../provenance/support/c2pa-reader";
import {
  balance,
  deliver,
  drainQueue,
  fundedUser,
  holdStatus,
  images,
  job,
  mediaOf,
  permanent,
  ScriptedProvider,
  settlements,
  submit,
  testDeps,
  transient,
} from "./support";

describe("generation consumer (through queue batches, with a scripted provider)", () => {
  it("runs a job to success: media in R2 with rows, hold captured once, timings recorded", async () => {
    const provider = new ScriptedProvider([() => images(2)]);
    const { deps, queue } = testDeps(provider);
    const userId = await fundedUser(10);
    const jobId = await submit(deps, userId, { count: 2, aspectRatio: "16:9" });
    expect(await balance(userId)).toEqual({ available: 8, held: 2 });
    const [sent] = queue.drain();
    expect(sent?.message).toEqual({ type: "start", jobId, attempt: 1 });

    const result = await deliver(deps, [sent!.message]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toHaveLength(0);

    const row = await job(deps, jobId);
    expect(row.status).toBe("succeeded");
    expect(row.attempts).toBe(1);
    expect(row.startedAt).toBeGreaterThanOrEqual(row.createdAt);
    expect(row.finishedAt).toBeGreaterThanOrEqual(row.startedAt!);
    expect(row.providerMs).toBeGreaterThanOrEqual(0);
    expect(provider.submits).toHaveLength(1);
    expect(provider.submits[0]).toMatchObject({ aspectRatio: "16:9", width: 768, height: 432, count: 2, attemptKey: `${jobId}:1` });

    const media = await mediaOf(jobId);
    expect(media.map((m) => m.r2_key)).toEqual([`media/${userId}/${jobId}/0.png`, `media/${userId}/${jobId}/1.png`]);
    expect(media[0]).toMatchObject({
      kind: "image",
      content_type: "image/png",
      width: 32,
      height: 32,
      user_id: userId,
      prompt: "a lighthouse at dusk",
    });
    const stored = await env.MEDIA.get(String(media[0]!.r2_key));
    // The provider's bytes, with the AI-generated mark and then a signed manifest over them (provenance/).
    const storedBytes = new Uint8Array(await stored!.arrayBuffer());
    const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    expect(text(storedBytes)).toContain(text(xmpPacket(provenanceOf(row))));
    await expectCredentials("image/png", storedBytes, provenanceOf(row).digitalSourceType, provenanceOf(row).softwareAgent);
    // Thumbnails come right after, from their own message, off the job's critical path.
    expect(media[0]!.thumbnail_key).toBeNull();
    const followUp = queue.drain();
    expect(followUp.map((s) => s.message)).toEqual([{ type: "thumbnails", jobId }]);
    await deliver(deps, [followUp[0]!.message]);
    const thumbnailed = await mediaOf(jobId);
    for (const [i, m] of thumbnailed.entries())
      expect(m.thumbnail_key).toMatch(new RegExp(`^media/${userId}/${jobId}/${i}\\.png\\.thumb\\.(webp|jpg)$`));
    expect(await env.MEDIA.head(String(thumbnailed[0]!.thumbnail_key))).not.toBeNull();

    expect(await balance(userId)).toEqual({ available: 8, held: 0 });
    expect(await settlements(jobId)).toEqual([{ kind: "capture", description: "Generation — 2 images" }]);
  });

  it("retries a transient failure with backoff, then succeeds, charging once", async () => {
    const provider = new ScriptedProvider([transient(), transient(7)]);
    const { deps, queue } = testDeps(provider);
    const userId = await fundedUser(5);
    const jobId = await submit(deps, userId);
    await deliver(
      deps,
      queue.drain().map((s) => s.message),
    );

    let row = await job(deps, jobId);
    expect(row.status).toBe("queued");
    expect(row.attempts).toBe(1);
    const [retry] = queue.drain();
    expect(retry).toEqual({ message: { type: "start", jobId, attempt: 2 }, delaySeconds: 2 });

    await deliver(deps, [retry!.message]);
    const [second] = queue.drain();
    // The provider's Retry-After (7 s) wins over the backoff (4 s).
    expect(second).toEqual({ message: { type: "start", jobId, attempt: 3 }, delaySeconds: 7 });
    await deliver(deps, [second!.message]);

    row = await job(deps, jobId);
    expect(row.status).toBe("succeeded");
    expect(row.attempts).toBe(3);
    expect(provider.submits.map((r) => r.attemptKey)).toEqual([`${jobId}:1`, `${jobId}:2`, `${jobId}:3`]);
    expect(await settlements(jobId)).toEqual([{ kind: "capture", description: "Generation — 1 image" }]);
    expect(await balance(userId)).toEqual({ available: 4, held: 0 });
  });

  it("fails a permanent failure at once and refunds it with a readable reason", async () => {
    const provider = new ScriptedProvider([permanent()]);
    const { deps, queue } = testDeps(provider);
    const userId = await fundedUser(5);
    const jobId = await submit(deps, userId, { count: 3 });
    await drainQueue(deps, queue);

    const row = await job(deps, jobId);
    expect(row).toMatchObject({ status: "failed", errorCode: "refused", errorMessage: "The provider refused this prompt.", attempts: 1 });
    expect(provider.submits).toHaveLength(1);
    expect(await holdStatus(jobId)).toBe("released");
    expect(await settlements(jobId)).toEqual([{ kind: "release", description: "Refund — prompt refused" }]);
    expect(await balance(userId)).toEqual({ available: 5, held: 0 });
    expect(await mediaOf(jobId)).toHaveLength(0);
  });

  it("gives up after the last attempt and refunds", async () => {
    const provider = new ScriptedProvider([], [], transient());
    const { deps, queue } = testDeps(provider);
    const userId = await fundedUser(5);
    const jobId = await submit(deps, userId);
    await drainQueue(deps, queue);
    const row = await job(deps, jobId);
    expect(row).toMatchObject({ status: "failed", errorCode: "provider_error", attempts: MAX_ATTEMPTS });
    expect(provider.submits).toHaveLength(MAX_ATTEMPTS);
    expect(await settlements(jobId)).toEqual([{ kind: "release", description: "Refund — provider failed" }]);
    expect(await balance(userId)).toEqual({ available: 5, held: 0 });
  });

  it("treats a provider that throws as transient", async () => {
    const provider = new ScriptedProvider([new Error("socket hang up")]);
    const { deps, queue } = testDeps(provider);
    const userId = await fundedUser(5);
    const jobId = await submit(deps, userId);
    await drainQueue(deps, queue);
    expect((await job(deps, jobId)).status).toBe("succeeded");
    expect(provider.submits).toHaveLength(2);
  });

  it("ignores duplicate deliveries: one provider call, one settlement, one set of media", async () => {
    const provider = new ScriptedProvider([() => images(1)]);
    const { deps, queue } = testDeps(provider);
    const userId = await fundedUser(5);
    const jobId = await submit(deps, userId);
    const [start] = queue.drain();
    // The same message twice in one batch (handled concurrently), then again later.
    const first = await deliver(deps, [start!.message, start!.message]);
    expect(first.explicitAcks).toHaveLength(2);
    await deliver(deps, [start!.message], 2);
    expect(provider.submits).toHaveLength(1);
    expect(await mediaOf(jobId)).toHaveLength(1);
    expect(await settlements(jobId)).toHaveLength(1);
    expect(await balance(userId)).toEqual({ available: 4, held: 0 });
    expect(queue.drain().map((s) => s.message.type)).toEqual(["thumbnails"]);
  });

  it("re-settles when a duplicate arrives after a crash between the job's end and its settlement", async () => {
    const provider = new ScriptedProvider([permanent()]);
    const { deps, queue } = testDeps(provider);
    const userId = await fundedUser(5);
    const jobId = await submit(deps, userId);
    const [start] = queue.drain();
    // The crash: the job is marked failed in D1, but the release never reached the Account object.
    await env.DB.prepare("UPDATE jobs SET status = 'failed', error_code = 'refused', finished_at = ? WHERE id = ?")
      .bind(Date.now(), jobId)
      .run();
    expect(await holdStatus(jobId)).toBe("open");
    await deliver(deps, [start!.message], 2);
    expect(await holdStatus(jobId)).toBe("released");
    expect(provider.submits).toHaveLength(0);
  });

  it("fails cleanly on garbage outputs: not an image, wrong type, empty, none", async () => {
    const garbage = [
      { contentType: "image/png", body: new Response("<html>oops</html>").body! },
      { contentType: "text/html", body: new Response("<html>").body! },
      { contentType: "image/png", body: new Response(new Uint8Array(0)).body! },
    ];
    for (const output of garbage) {
      const provider = new ScriptedProvider([{ state: "succeeded", outputs: [output] }]);
      const { deps, queue } = testDeps(provider);
      const userId = await fundedUser(5);
      const jobId = await submit(deps, userId);
      await drainQueue(deps, queue);
      const row = await job(deps, jobId);
      expect(row, output.contentType).toMatchObject({ status: "failed", errorCode: "bad_output" });
      expect(await balance(userId)).toEqual({ available: 5, held: 0 });
      expect((await env.MEDIA.list({ prefix: `media/${userId}/` })).objects).toHaveLength(0);
    }
    const provider = new ScriptedProvider([{ state: "succeeded", outputs: [] }]);
    const { deps, queue } = testDeps(provider);
    const userId = await fundedUser(5);
    const jobId = await submit(deps, userId);
    await drainQueue(deps, queue);
    expect((await job(deps, jobId)).status).toBe("failed");
  });

  it("removes what it stored when a later output of the same job is unreadable", async () => {
    const good = await images(1);
    if (good.state !== "succeeded") throw new Error("fixture");
    const outputs = [...good.outputs, { contentType: "image/png", body: new Response("not a png").body! }];
    const provider = new ScriptedProvider([{ state: "succeeded", outputs }]);
    const { deps, queue } = testDeps(provider);
    const userId = await fundedUser(5);
    const jobId = await submit(deps, userId, { count: 2 });
    await drainQueue(deps, queue);
    expect((await job(deps, jobId)).status).toBe("failed");
    expect((await env.MEDIA.list({ prefix: `media/${userId}/` })).objects).toHaveLength(0);
    expect(await mediaOf(jobId)).toHaveLength(0);
  });

  it("drops messages that are not ours without retrying them", async () => {
    const { deps } = testDeps(new ScriptedProvider());
    const batch = await deliver(deps, [{ nonsense: true } as never]);
    expect(batch.explicitAcks).toHaveLength(1);
  });

  it("asks for redelivery on an unexpected error, and the dead-letter consumer fails and refunds", async () => {
    const provider = new ScriptedProvider();
    const { deps, queue } = testDeps(provider);
    const userId = await fundedUser(5);
    const jobId = await submit(deps, userId);
    const [start] = queue.drain();
    const broken = {
      ...deps,
      accounts: () => {
        throw new Error("Account object unreachable");
      },
    };
    // The start claims the attempt, then cannot settle: it is redelivered.
    const result = await deliver(
      { ...broken, providers: new Map([["demo", { provider: new ScriptedProvider([permanent()]), webhooks: false }]]) },
      [start!.message],
    );
    expect(result.retryMessages).toHaveLength(1);
    // Exhausted: the dead-letter consumer settles the already failed job.
    const dead = await deliver(deps, [start!.message], 11, "ausar-generation-dlq");
    expect(dead.explicitAcks).toHaveLength(1);
    expect(await holdStatus(jobId)).toBe("released");
    expect(await balance(userId)).toEqual({ available: 5, held: 0 });
  });

  it("dead-lettered start messages fail a job that never started", async () => {
    const { deps, queue } = testDeps(new ScriptedProvider());
    const userId = await fundedUser(5);
    const jobId = await submit(deps, userId);
    const [start] = queue.drain();
    await deliver(deps, [start!.message], 11, "ausar-generation-dlq");
    expect(await job(deps, jobId)).toMatchObject({ status: "failed", errorCode: "internal" });
    expect(await balance(userId)).toEqual({ available: 5, held: 0 });
  });
});

describe("thumbnails after success", () => {
  it("are made once, skip deleted items, and leave nothing behind", async () => {
    const provider = new ScriptedProvider([() => images(3)]);
    const { deps, queue } = testDeps(provider);
    const userId = await fundedUser(5);
    const jobId = await submit(deps, userId, { count: 3 });
    await deliver(
      deps,
      queue.drain().map((s) => s.message),
    );
    const [thumbs] = queue.drain();
    const [first, second] = await mediaOf(jobId);
    // The owner deletes one item before its thumbnail is made.
    await env.DB.prepare("DELETE FROM media WHERE id = ?").bind(second!.id).run();
    await env.MEDIA.delete(String(second!.r2_key));
    await deliver(deps, [thumbs!.message, thumbs!.message]);
    const rows = await mediaOf(jobId);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => typeof r.thumbnail_key === "string")).toBe(true);
    const keys = (await env.MEDIA.list({ prefix: `media/${userId}/${jobId}/` })).objects.map((o) => o.key);
    expect(keys.filter((k) => k.includes(".thumb."))).toHaveLength(2);
    expect(keys.some((k) => k.startsWith(String(second!.r2_key)))).toBe(false);
    expect(rows[0]!.id).toBe(first!.id);
  });
});
