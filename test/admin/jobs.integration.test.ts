import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { AdminJobsPage, JobActionResult } from "../../shared/admin-ops";
import { accountFor } from "../../workers/credits/account-client";
import { database } from "../../workers/db/client";
import { jobs } from "../../workers/db/schema";
import { consumeDeadLetters } from "../../workers/generation/dead-letter";
import { generationDeps } from "../../workers/generation/deps";
import { newId } from "../../workers/lib/ids";
import { api, signUp, type TestUser } from "../support/users";
import { type StaffUser, staffUser } from "./staff";

const ip = "10.91.0.1";
const db = database(env.DB);
type JobRow = typeof jobs.$inferSelect;

const call = (user: TestUser, path: string, json?: unknown) =>
  api(path, { method: json === undefined ? "GET" : "POST", json, cookie: user.cookie, ip });

/** A user with `credits` to spend. */
async function funded(credits: number): Promise<TestUser> {
  const user = await signUp();
  await accountFor(env, user.userId).grant(`seed-${user.userId}`, credits, "promo", null);
  return user;
}

async function available(userId: string): Promise<number> {
  return (await accountFor(env, userId).balance()).available;
}

/** A demo-image job row of the user, as submit writes it, with its credits held. */
async function heldJob(userId: string, fields: Partial<JobRow> = {}): Promise<JobRow> {
  const now = Date.now();
  const row: JobRow = {
    id: newId(now),
    userId,
    model: "demo-image",
    kind: "image",
    prompt: "a lighthouse at dusk",
    params: { aspectRatio: "1:1", count: 1, seed: 7, inputMediaIds: [] },
    cost: 1,
    status: "queued",
    provider: "demo",
    providerModel: "demo-image",
    providerJobId: null,
    callbackTokenHash: null,
    attempts: 0,
    errorCode: null,
    errorMessage: null,
    idempotencyKey: null,
    requestHash: null,
    queuePosition: null,
    createdAt: now,
    startedAt: null,
    attemptStartedAt: null,
    polls: 0,
    providerMs: null,
    finishedAt: null,
    deadlineAt: now + 60_000,
    deadLetteredAt: null,
    ...fields,
  };
  await db.insert(jobs).values(row);
  const held = await accountFor(env, userId).hold(row.id, row.cost, "Generation — 1 image");
  expect(held.ok).toBe(true);
  return row;
}

/** Gives the job's start message to the dead-letter consumer, as the queue does once redeliveries run out. */
async function deadLetter(jobId: string): Promise<void> {
  const batch = createMessageBatch<unknown>("ausar-generation-dlq", [
    { id: `dlq-${jobId}`, timestamp: new Date(), attempts: 11, body: { type: "start", jobId, attempt: 1 } },
  ]);
  await consumeDeadLetters(batch, generationDeps(env));
  expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toHaveLength(1);
}

/** Waits until the real queue consumer has run the job to an end. */
async function finished(jobId: string): Promise<{ status: string }> {
  for (let i = 0; i < 300; i++) {
    const row = await env.DB.prepare("SELECT status FROM jobs WHERE id = ?").bind(jobId).first<{ status: string }>();
    if (row && ["succeeded", "failed", "canceled"].includes(row.status)) return row;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`job ${jobId} did not finish`);
}

async function listed(staff: StaffUser, query: string): Promise<AdminJobsPage> {
  const res = await call(staff, `/api/admin/jobs?${query}`);
  expect(res.status).toBe(200);
  return res.json<AdminJobsPage>();
}

async function auditRows(actorId: string) {
  const { results } = await env.DB.prepare(
    "SELECT action, outcome, target_user_id, target_object, reason FROM audit_log WHERE actor_id = ? ORDER BY created_at, id",
  )
    .bind(actorId)
    .all<Record<string, unknown>>();
  return results;
}

describe("console jobs", () => {
  it("lists jobs by status and marks the stuck ones (in flight past the deadline)", async () => {
    const staff = await staffUser("support");
    const user = await funded(10);
    const stuck = await heldJob(user.userId, { status: "running", attempts: 1, deadlineAt: Date.now() - 60_000 });
    const fresh = await heldJob(user.userId, { status: "running", attempts: 1 });
    const stuckPage = await listed(staff, "status=stuck&limit=100");
    const ids = stuckPage.items.map((j) => j.id);
    expect(ids).toContain(stuck.id);
    expect(ids).not.toContain(fresh.id);
    expect(stuckPage.items.find((j) => j.id === stuck.id)).toMatchObject({ userId: user.userId, status: "running", stuck: true });
    expect(stuckPage.items[0]).not.toHaveProperty("prompt");
    const running = await listed(staff, "status=running&limit=100");
    expect(running.items.find((j) => j.id === fresh.id)).toMatchObject({ stuck: false });
    expect((await call(staff, "/api/admin/jobs?status=lost")).status).toBe(400);
    expect((await call(staff, "/api/admin/jobs?cursor=nonsense")).status).toBe(400);
  });

  it("pages with a cursor", async () => {
    const staff = await staffUser("admin");
    const user = await funded(10);
    await heldJob(user.userId, { status: "running", attempts: 1, deadlineAt: Date.now() - 1 });
    await heldJob(user.userId, { status: "running", attempts: 1, deadlineAt: Date.now() - 1 });
    const first = await listed(staff, "status=stuck&limit=1");
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBe(first.items[0]!.id);
    const second = await listed(staff, `status=stuck&limit=1&cursor=${first.nextCursor}`);
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
  });

  it("retries a failed job through the real queue: charged once for the result, never twice", async () => {
    const staff = await staffUser("support");
    const user = await funded(10);
    const failed = await heldJob(user.userId);
    await accountFor(env, user.userId).release(failed.id, "provider failed");
    await db.update(jobs).set({ status: "failed", errorCode: "provider_error", finishedAt: Date.now() }).where(eq(jobs.id, failed.id));
    expect(await available(user.userId)).toBe(10);

    expect((await call(staff, `/api/admin/jobs/${failed.id}/retry`, {})).status).toBe(400);
    const res = await call(staff, `/api/admin/jobs/${failed.id}/retry`, { reason: "provider outage is over" });
    expect(res.status).toBe(200);
    const result = await res.json<JobActionResult>();
    expect(result).toMatchObject({ jobId: failed.id, thumbnailsRequeued: false });
    const retried = await finished(result.retryJobId!);
    expect(retried.status).toBe("succeeded");
    expect(await available(user.userId)).toBe(9);

    const again = await call(staff, `/api/admin/jobs/${failed.id}/retry`, { reason: "once more" });
    expect(again.status).toBe(409);
    expect(await available(user.userId)).toBe(9);
    const retry = await env.DB.prepare("SELECT count(*) AS n FROM jobs WHERE user_id = ?").bind(user.userId).first<{ n: number }>();
    expect(retry!.n).toBe(2);
    const rows = await auditRows(staff.userId);
    expect(rows.filter((r) => r.action === "job.retry")).toEqual([
      { action: "job.retry", outcome: "refused", target_user_id: null, target_object: null, reason: null },
      {
        action: "job.retry",
        outcome: "ok",
        target_user_id: user.userId,
        target_object: `job:${failed.id}`,
        reason: "provider outage is over",
      },
      { action: "job.retry", outcome: "refused", target_user_id: null, target_object: `job:${failed.id}`, reason: "once more" },
    ]);
  });

  it("refuses to retry a job that did not fail, or does not exist", async () => {
    const staff = await staffUser("admin");
    const user = await funded(10);
    const running = await heldJob(user.userId, { status: "running", attempts: 1 });
    expect((await call(staff, `/api/admin/jobs/${running.id}/retry`, { reason: "x" })).status).toBe(409);
    expect((await call(staff, `/api/admin/jobs/${newId(Date.now())}/retry`, { reason: "x" })).status).toBe(404);
    expect((await call(staff, "/api/admin/jobs/not-an-id/retry", { reason: "x" })).status).toBe(404);
    expect(await available(user.userId)).toBe(9);
  });

  it("records dead-lettered jobs for the console and requeues them once through the real queue", async () => {
    const staff = await staffUser("support");
    const user = await funded(10);
    const job = await heldJob(user.userId);
    await deadLetter(job.id);
    expect(await available(user.userId)).toBe(10); // failed and refunded at once
    const dead = await listed(staff, "status=dead_letter&limit=100");
    expect(dead.items.find((j) => j.id === job.id)).toMatchObject({ status: "failed", deadLetteredAt: expect.any(Number) });

    const res = await call(staff, `/api/admin/jobs/${job.id}/requeue`, { reason: "consumer bug fixed" });
    expect(res.status).toBe(200);
    const { retryJobId } = await res.json<JobActionResult>();
    expect((await finished(retryJobId!)).status).toBe("succeeded");
    expect(await available(user.userId)).toBe(9);
    expect((await listed(staff, "status=dead_letter&limit=100")).items.map((j) => j.id)).not.toContain(job.id);
    expect((await call(staff, `/api/admin/jobs/${job.id}/requeue`, { reason: "again" })).status).toBe(409);
    expect(await available(user.userId)).toBe(9);
  });

  it("is closed to users", async () => {
    const user = await funded(1);
    expect((await call(user, "/api/admin/jobs")).status).toBe(404);
  });
});
