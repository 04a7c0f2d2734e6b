import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { generationDeps } from "../../workers/generation/deps";
import { FalProvider } from "../../workers/generation/providers/fal";
import type { ProviderRegistry } from "../../workers/generation/providers/registry";
import { type FakeCall, FakeCdn, fakeFetch, json } from "./providers/fakes/router";
import { balance, drainQueue, fundedUser, job, mediaOf, png, recordingQueue, settlements, submit } from "./support";

const QUEUE = "https://queue.fal.run";
const CDN = "https://v3.fal.media";

/**
 * The real fal adapter behind the real consumer, against an injected fake of fal's queue API whose
 * answers each test chooses: the provider returning garbage must fail the job cleanly and refund it.
 */
function falWith(answers: { submit?: () => Response; status?: () => Response; result?: () => Response }, cdn = new FakeCdn()) {
  const calls: FakeCall[] = [];
  const fetch = fakeFetch(
    [
      {
        method: "POST",
        pattern: new URLPattern(`${QUEUE}/fal-ai/flux/schnell`),
        handle: () => answers.submit?.() ?? json({ request_id: "req-1", queue_position: 2 }),
      },
      {
        method: "GET",
        pattern: new URLPattern(`${QUEUE}/fal-ai/flux/requests/:id/status`),
        handle: () => answers.status?.() ?? json({ status: "COMPLETED" }),
      },
      {
        method: "GET",
        pattern: new URLPattern(`${QUEUE}/fal-ai/flux/requests/:id`),
        handle: () => answers.result?.() ?? json({ images: [{ url: `${CDN}/out.png` }] }),
      },
      cdn.route(CDN),
    ],
    calls,
  );
  const providers: ProviderRegistry = new Map([["fal", { provider: new FalProvider({ key: "test-key", fetch }), webhooks: false }]]);
  const queue = recordingQueue();
  return { deps: generationDeps(env, { providers, enqueue: queue.enqueue }), queue, calls };
}

async function run(setup: ReturnType<typeof falWith>) {
  const userId = await fundedUser(10);
  const jobId = await submit(setup.deps, userId, { model: "fal-flux-schnell", prompt: "a fox" });
  await drainQueue(setup.deps, setup.queue);
  return { userId, row: await job(setup.deps, jobId), jobId };
}

describe("a real adapter (fal) behind the consumer", () => {
  it("succeeds end to end: queue position recorded, output copied into R2, charged once", async () => {
    const cdn = new FakeCdn();
    cdn.put(`${CDN}/out.png`, await png(3, 48), "image/png");
    const setup = falWith({}, cdn);
    const { userId, row, jobId } = await run(setup);
    expect(row).toMatchObject({ status: "succeeded", provider: "fal", providerJobId: "req-1" });
    const media = await mediaOf(jobId);
    expect(media).toHaveLength(1);
    expect(media[0]).toMatchObject({ width: 48, height: 48, content_type: "image/png" });
    // P14: the stored copy is ours, not the provider's URL.
    expect(String(media[0]!.r2_key)).toBe(`media/${userId}/${jobId}/0.png`);
    expect(await settlements(jobId)).toEqual([{ kind: "capture", description: "Generation — 1 image" }]);
    expect(await balance(userId)).toEqual({ available: 8, held: 0 });
  });

  const garbage: [string, Parameters<typeof falWith>[0]][] = [
    ["a non-JSON answer to submit", { submit: () => new Response("<html>502 Bad Gateway</html>", { status: 200 }) }],
    ["a wrong-shaped answer to submit", { submit: () => json({ hello: "world" }) }],
    ["a 200 result with an error inside", { result: () => json({ detail: [{ type: "value_error", msg: "nope" }] }) }],
    ["a result whose output URL is a 404", { result: () => json({ images: [{ url: `${CDN}/missing.png` }] }) }],
    ["a refused prompt", { status: () => json({ detail: [{ type: "content_policy_violation", msg: "flagged" }] }, 422) }],
  ];

  it.each(garbage)("%s fails the job with a reason and refunds it", async (_name, answers) => {
    const { userId, row, jobId } = await run(falWith(answers));
    expect(row.status).toBe("failed");
    expect(row.errorMessage).toMatch(/\S/);
    expect(await settlements(jobId)).toEqual([{ kind: "release", description: expect.stringMatching(/^Refund — /) }]);
    expect(await balance(userId)).toEqual({ available: 10, held: 0 });
    expect(await mediaOf(jobId)).toHaveLength(0);
  });

  it("retries fal's 503 and then succeeds", async () => {
    const cdn = new FakeCdn();
    cdn.put(`${CDN}/out.png`, await png(4, 32), "image/png");
    let submits = 0;
    const setup = falWith({ submit: () => (++submits === 1 ? json({ detail: "overloaded" }, 503) : json({ request_id: "req-2" })) }, cdn);
    const { row } = await run(setup);
    expect(row).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(setup.calls.filter((c) => c.method === "POST")).toHaveLength(2);
  });
});
