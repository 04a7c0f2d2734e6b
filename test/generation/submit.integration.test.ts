import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { IN_FLIGHT_CAP } from "../../workers/generation/policy";
import { AppError } from "../../workers/lib/errors";
import { balance, fundedUser, holdStatus, job, recordingQueue, ScriptedProvider, submit, testDeps } from "./support";

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  return error instanceof AppError ? error.code : error === null ? null : String(error);
}

describe("submitting", () => {
  it("holds the exact price with a readable ledger line", async () => {
    const { deps } = testDeps(new ScriptedProvider());
    const userId = await fundedUser(50);
    const image = await submit(deps, userId, { count: 3 });
    const video = await submit(deps, userId, { model: "demo-video", durationSeconds: 6 });
    expect((await job(deps, image)).cost).toBe(3);
    expect((await job(deps, video)).cost).toBe(30);
    expect(await balance(userId)).toEqual({ available: 17, held: 33 });
    const { results } = await env.DB.prepare(
      "SELECT description FROM credit_ledger WHERE user_id = ? AND kind = 'hold' ORDER BY created_at",
    )
      .bind(userId)
      .all<{ description: string }>();
    expect(results.map((r) => r.description)).toEqual(["Generation — 3 images", "Generation — 6-second video"]);
  });

  it("fills in a seed so the job can be reused exactly", async () => {
    const { deps } = testDeps(new ScriptedProvider());
    const userId = await fundedUser(5);
    const row = await job(deps, await submit(deps, userId));
    expect(row.params).toEqual({ aspectRatio: "1:1", count: 1, seed: expect.any(Number), inputMediaIds: [] });
  });

  it(`refuses more than ${IN_FLIGHT_CAP} jobs in flight with 429, holding nothing`, async () => {
    const { deps } = testDeps(new ScriptedProvider());
    const userId = await fundedUser(20);
    for (let i = 0; i < IN_FLIGHT_CAP; i++) await submit(deps, userId);
    expect(await codeOf(submit(deps, userId))).toBe("rate_limited");
    expect(await balance(userId)).toEqual({ available: 20 - IN_FLIGHT_CAP, held: IN_FLIGHT_CAP });
    const count = await env.DB.prepare("SELECT count(*) AS n FROM jobs WHERE user_id = ?").bind(userId).first<{ n: number }>();
    expect(count!.n).toBe(IN_FLIGHT_CAP);
  });

  it("the cap holds under concurrent submissions", async () => {
    const { deps } = testDeps(new ScriptedProvider());
    const userId = await fundedUser(20);
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => codeOf(submit(deps, userId))));
    expect(outcomes.filter((c) => c === null)).toHaveLength(IN_FLIGHT_CAP);
    expect(outcomes.filter((c) => c === "rate_limited")).toHaveLength(8 - IN_FLIGHT_CAP);
    expect(await balance(userId)).toEqual({ available: 20 - IN_FLIGHT_CAP, held: IN_FLIGHT_CAP });
  });

  it("when the queue refuses, the job fails at once, is refunded, and the caller gets 503", async () => {
    const queue = recordingQueue();
    const { deps } = testDeps(new ScriptedProvider(), queue);
    const broken = { ...deps, enqueue: async () => Promise.reject(new Error("queue unavailable")) };
    const userId = await fundedUser(5);
    expect(await codeOf(submit(broken, userId))).toBe("unavailable");
    const row = await env.DB.prepare("SELECT id, status FROM jobs WHERE user_id = ?").bind(userId).first<{ id: string; status: string }>();
    expect(row!.status).toBe("failed");
    expect(await holdStatus(row!.id)).toBe("released");
    expect(await balance(userId)).toEqual({ available: 5, held: 0 });
  });

  it("a user with no credits gets 402 and no job", async () => {
    const { deps } = testDeps(new ScriptedProvider());
    const userId = await fundedUser(0);
    expect(await codeOf(submit(deps, userId))).toBe("insufficient_credits");
    const count = await env.DB.prepare("SELECT count(*) AS n FROM jobs WHERE user_id = ?").bind(userId).first<{ n: number }>();
    expect(count!.n).toBe(0);
  });
});
