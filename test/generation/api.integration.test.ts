import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { JobView, ModelsResponse } from "../../shared/generation";
import { api, signUpVerified, type TestUser } from "../support/users";

// Generation calls of this file come from one address of its own (sign-ups each from a random one),
// so no other file's rate limits interfere.
const ip = "10.77.0.1";

function call(user: TestUser | null, path: string, init: { method?: string; json?: unknown; headers?: Record<string, string> } = {}) {
  return api(path, { ...init, ip, cookie: user?.cookie });
}

async function generate(user: TestUser, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return call(user, "/api/generations", { method: "POST", json: body, headers });
}

/** Polls the job until it is over (the real queue consumer and demo provider run it). */
async function finished(user: TestUser, id: string): Promise<JobView> {
  for (let i = 0; i < 300; i++) {
    const res = await call(user, `/api/generations/${id}`);
    const { job } = await res.json<{ job: JobView }>();
    if (["succeeded", "failed", "canceled"].includes(job.status)) return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`job ${id} did not finish`);
}

async function credits(user: TestUser) {
  const { available, held } = await (await call(user, "/api/credits")).json<{ available: number; held: number }>();
  return { available, held };
}

async function jobCount(userId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM jobs WHERE user_id = ?").bind(userId).first<{ n: number }>();
  return row!.n;
}

describe("GET /api/models", () => {
  it("lists the usable models with their pricing and options as JSON Schema", async () => {
    const res = await call(null, "/api/models");
    expect(res.status).toBe(200);
    const { models } = await res.json<ModelsResponse>();
    const ids = models.map((m) => m.id);
    expect(ids).toContain("demo-image");
    expect(ids).toContain("demo-video");
    // No provider keys are configured in tests: only the demo provider's models are offered.
    expect(new Set(models.map((m) => m.provider))).toEqual(new Set(["demo"]));
    const image = models.find((m) => m.id === "demo-image")!;
    expect(image).toMatchObject({ kind: "image", provider: "demo", cost: { unit: "image", credits: 1 } });
    expect(image.params).toMatchObject({
      type: "object",
      additionalProperties: false,
      required: ["prompt"],
      properties: { prompt: { type: "string", maxLength: 2000 }, count: { type: "integer", minimum: 1, maximum: 4, default: 1 } },
    });
    const video = models.find((m) => m.id === "demo-video")!;
    expect(video).toMatchObject({ kind: "video", cost: { unit: "second", credits: 5 } });
    expect(video.params).toMatchObject({ properties: { durationSeconds: { default: 4 } } });
  });
});

describe("POST /api/generations through the queue with the demo provider", () => {
  it("makes images: 202 queued, then succeeded with media served from /media/:id, charged exactly", async () => {
    const user = await signUpVerified();
    const before = await credits(user);
    const res = await generate(user, { model: "demo-image", prompt: "a quiet harbour", count: 2, aspectRatio: "4:3", seed: 42 });
    expect(res.status).toBe(202);
    const { job } = await res.json<{ job: JobView }>();
    expect(job).toMatchObject({
      model: "demo-image",
      kind: "image",
      status: "queued",
      cost: 2,
      prompt: "a quiet harbour",
      provider: "demo",
    });
    expect(job.params).toEqual({ aspectRatio: "4:3", count: 2, seed: 42, inputMediaIds: [] });

    const done = await finished(user, job.id);
    expect(done.status).toBe("succeeded");
    expect(done.providerModel).toBe("demo/image-v1");
    expect(done.startedAt).toBeGreaterThanOrEqual(done.createdAt);
    expect(done.media).toHaveLength(2);
    expect(done.media[0]).toMatchObject({
      kind: "image",
      contentType: "image/png",
      width: 768,
      height: 576,
      jobId: job.id,
      prompt: "a quiet harbour",
    });
    expect(done.media[0]!.url).toBe(`/media/${done.media[0]!.id}`);
    const file = await call(user, done.media[0]!.url);
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toBe("image/png");
    expect(new Uint8Array(await file.arrayBuffer()).slice(1, 4)).toEqual(new TextEncoder().encode("PNG"));
    expect(await credits(user)).toEqual({ available: before.available - 2, held: 0 });

    const ledger = await (await call(user, "/api/credits/ledger")).json<{ items: { kind: string; description: string }[] }>();
    expect(ledger.items.filter((i) => i.kind === "capture").map((i) => i.description)).toEqual(["Generation — 2 images"]);
  });

  it("makes a playable MP4 with a poster thumbnail, priced per second", async () => {
    const user = await signUpVerified();
    const res = await generate(user, { model: "demo-video", prompt: "waves", durationSeconds: 2, aspectRatio: "16:9" });
    expect(res.status).toBe(202);
    const { job } = await res.json<{ job: JobView }>();
    expect(job.cost).toBe(10);
    const done = await finished(user, job.id);
    expect(done.status).toBe("succeeded");
    expect(done.media[0]).toMatchObject({ kind: "video", contentType: "video/mp4", width: 320, height: 180, durationMs: 2000 });
    expect(done.media[0]!.thumbnailUrl).toBe(`/media/${done.media[0]!.id}/thumbnail`);
    const file = await call(user, done.media[0]!.url);
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(4, 8))).toBe("ftyp");
    expect(bytes.byteLength).toBe(done.media[0]!.bytes);
  });

  it("answers 401 without a session", async () => {
    const res = await generate({ cookie: "" } as TestUser, { model: "demo-image", prompt: "x" });
    expect(res.status).toBe(401);
  });
});

describe("bad input: a clear 4xx and nothing held", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["unknown model", { model: "no-such-model", prompt: "x" }, "model"],
    ["a model whose provider is not configured", { model: "fal-flux-schnell", prompt: "x" }, "model"],
    ["missing prompt", { model: "demo-image" }, "prompt"],
    ["blank prompt", { model: "demo-image", prompt: "   " }, "prompt"],
    ["oversized prompt", { model: "demo-image", prompt: "x".repeat(2001) }, "prompt"],
    ["too many images", { model: "demo-image", prompt: "x", count: 5 }, "count"],
    ["a fractional count", { model: "demo-image", prompt: "x", count: 1.5 }, "count"],
    ["an unknown aspect ratio", { model: "demo-image", prompt: "x", aspectRatio: "2:1" }, "aspectRatio"],
    ["a ratio the model does not make", { model: "demo-video", prompt: "x", aspectRatio: "3:2" }, "aspectRatio"],
    ["a negative seed", { model: "demo-image", prompt: "x", seed: -1 }, "seed"],
    ["a duration for an image model", { model: "demo-image", prompt: "x", durationSeconds: 4 }, "durationSeconds"],
    ["a duration the model does not offer", { model: "demo-video", prompt: "x", durationSeconds: 3 }, "durationSeconds"],
    ["several videos at once", { model: "demo-video", prompt: "x", count: 2 }, "count"],
    ["a malformed media id", { model: "demo-image", prompt: "x", inputMediaIds: ["../etc"] }, "inputMediaIds.0"],
    ["an unknown field", { model: "demo-image", prompt: "x", steps: 50 }, ""],
  ];

  it.each(cases)("%s → 400 validation_failed on the field", async (_name, body, path) => {
    const user = await signUpVerified();
    const res = await generate(user, body);
    expect(res.status).toBe(400);
    const { error } = await res.json<{ error: { code: string; issues: { path: string }[] } }>();
    expect(error.code).toBe("validation_failed");
    expect(error.issues.map((i) => i.path)).toContain(path);
    expect(await credits(user)).toEqual({ available: 50, held: 0 });
    expect(await jobCount(user.userId)).toBe(0);
  });

  it("refuses someone else's media as a reference, as if it did not exist", async () => {
    const owner = await signUpVerified();
    const other = await signUpVerified();
    const mediaId = "01a20eea-0000-7000-8000-000000000001";
    await env.DB.prepare(
      "INSERT INTO media (id, user_id, kind, r2_key, content_type, bytes, width, height, created_at) VALUES (?, ?, 'upload', 'k', 'image/png', 1, 1, 1, ?)",
    )
      .bind(mediaId, owner.userId, Date.now())
      .run();
    const res = await generate(other, { model: "demo-image", prompt: "x", inputMediaIds: [mediaId] });
    expect(res.status).toBe(400);
    const { error } = await res.json<{ error: { issues: { path: string; message: string }[] } }>();
    expect(error.issues).toEqual([{ path: "inputMediaIds.0", message: "That image is not in your gallery." }]);
    expect(await jobCount(other.userId)).toBe(0);
  });

  it("402 when credits are short, with nothing charged and no job left behind", async () => {
    const user = await signUpVerified();
    const res = await generate(user, { model: "demo-video", prompt: "x", durationSeconds: 10, count: 1 });
    expect(res.status).toBe(202);
    const short = await generate(user, { model: "demo-video", prompt: "y", durationSeconds: 2 });
    expect(short.status).toBe(402);
    expect((await short.json<{ error: { code: string } }>()).error.code).toBe("insufficient_credits");
    expect(await jobCount(user.userId)).toBe(1);
    const { job } = await res.json<{ job: JobView }>();
    await finished(user, job.id);
    expect(await credits(user)).toEqual({ available: 0, held: 0 });
  });

  it("malformed JSON → 400 invalid_json", async () => {
    const user = await signUpVerified();
    const res = await api("/api/generations", {
      method: "POST",
      ip,
      cookie: user.cookie,
      body: "{",
      headers: { "Content-Type": "application/json" },
    });
    expect(res.status).toBe(400);
  });
});

describe("Idempotency-Key", () => {
  it("replays the same job for the same request and charges once; another request with the key is 409", async () => {
    const user = await signUpVerified();
    const key = `k-${crypto.randomUUID()}`;
    const body = { model: "demo-image", prompt: "same", count: 2 };
    const first = await generate(user, body, { "Idempotency-Key": key });
    expect(first.status).toBe(202);
    const { job } = await first.json<{ job: JobView }>();
    const again = await generate(user, { ...body, aspectRatio: "1:1" }, { "Idempotency-Key": key });
    expect(again.status).toBe(200);
    expect((await again.json<{ job: JobView }>()).job.id).toBe(job.id);
    const other = await generate(user, { ...body, count: 3 }, { "Idempotency-Key": key });
    expect(other.status).toBe(409);
    expect((await other.json<{ error: { code: string } }>()).error.code).toBe("idempotency_conflict");
    await finished(user, job.id);
    expect(await credits(user)).toEqual({ available: 48, held: 0 });
    expect(await jobCount(user.userId)).toBe(1);
  });

  it("a key is per user, and a malformed key is a 400", async () => {
    const a = await signUpVerified();
    const b = await signUpVerified();
    const key = `k-${crypto.randomUUID()}`;
    const ra = await generate(a, { model: "demo-image", prompt: "a" }, { "Idempotency-Key": key });
    const rb = await generate(b, { model: "demo-image", prompt: "b" }, { "Idempotency-Key": key });
    expect([ra.status, rb.status]).toEqual([202, 202]);
    const bad = await generate(a, { model: "demo-image", prompt: "a" }, { "Idempotency-Key": "x".repeat(201) });
    expect(bad.status).toBe(400);
  });

  it("concurrent requests with one key make one job", async () => {
    const user = await signUpVerified();
    const key = `k-${crypto.randomUUID()}`;
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => generate(user, { model: "demo-image", prompt: "race" }, { "Idempotency-Key": key })),
    );
    const ids = new Set(await Promise.all(responses.map(async (r) => (await r.json<{ job: JobView }>()).job.id)));
    expect(ids.size).toBe(1);
    expect(await jobCount(user.userId)).toBe(1);
  });
});

describe("reading and canceling jobs", () => {
  it("lists newest first with a cursor and a status filter; other people's jobs are 404", async () => {
    const user = await signUpVerified();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await generate(user, { model: "demo-image", prompt: `p${i}` });
      ids.push((await res.json<{ job: JobView }>()).job.id);
      await finished(user, ids.at(-1)!);
    }
    const page1 = await (await call(user, "/api/generations?limit=2")).json<{ items: JobView[]; nextCursor: string }>();
    expect(page1.items.map((j) => j.id)).toEqual([ids[2], ids[1]]);
    const page2 = await (await call(user, `/api/generations?limit=2&cursor=${page1.nextCursor}`)).json<{
      items: JobView[];
      nextCursor: string | null;
    }>();
    expect(page2.items.map((j) => j.id)).toEqual([ids[0]]);
    expect(page2.nextCursor).toBeNull();
    const failed = await (await call(user, "/api/generations?status=failed")).json<{ items: JobView[] }>();
    expect(failed.items).toEqual([]);
    expect((await call(user, "/api/generations?cursor=nonsense")).status).toBe(400);
    expect((await call(user, "/api/generations?status=weird")).status).toBe(400);

    const stranger = await signUpVerified();
    expect((await call(stranger, `/api/generations/${ids[0]}`)).status).toBe(404);
    expect((await call(stranger, `/api/generations?cursor=${ids[0]}`)).status).toBe(400);
    expect((await call(stranger, `/api/generations/${ids[0]}/cancel`, { method: "POST" })).status).toBe(404);
    expect((await call(user, "/api/generations/not-an-id")).status).toBe(404);
  });

  it("marks a succeeded job whose outputs were all deleted as mediaDeleted, keeping its settings", async () => {
    const user = await signUpVerified();
    const res = await generate(user, { model: "demo-image", prompt: "lanterns", count: 2, seed: 7 });
    const { job } = await res.json<{ job: JobView }>();
    const done = await finished(user, job.id);
    expect(done.media).toHaveLength(2);
    expect(done.mediaDeleted).toBeUndefined();

    expect((await call(user, `/api/media/${done.media[0]!.id}`, { method: "DELETE" })).status).toBe(204);
    const one = (await (await call(user, `/api/generations/${job.id}`)).json<{ job: JobView }>()).job;
    expect(one.media.map((m) => m.id)).toEqual([done.media[1]!.id]);
    expect(one.mediaDeleted).toBeUndefined();

    expect((await call(user, `/api/media/${done.media[1]!.id}`, { method: "DELETE" })).status).toBe(204);
    const none = (await (await call(user, `/api/generations/${job.id}`)).json<{ job: JobView }>()).job;
    expect(none).toMatchObject({ status: "succeeded", media: [], mediaDeleted: true, prompt: "lanterns" });
    expect(none.params).toMatchObject({ count: 2, seed: 7 });
    const listed = (await (await call(user, "/api/generations")).json<{ items: JobView[] }>()).items;
    expect(listed.find((j) => j.id === job.id)?.mediaDeleted).toBe(true);
  });

  it("cancel of a finished job is 409 invalid_state, and changes nothing", async () => {
    const user = await signUpVerified();
    const { job } = await (await generate(user, { model: "demo-image", prompt: "done" })).json<{ job: JobView }>();
    await finished(user, job.id);
    const res = await call(user, `/api/generations/${job.id}/cancel`, { method: "POST" });
    expect(res.status).toBe(409);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe("invalid_state");
    expect(await credits(user)).toEqual({ available: 49, held: 0 });
  });
});

describe("provider webhooks route", () => {
  it("answers 404 for unknown providers, unknown jobs and missing tokens, and 413 past the size cap", async () => {
    const post = (path: string, body = "{}") => api(path, { method: "POST", ip, body, headers: { "Content-Type": "application/json" } });
    expect((await post("/webhooks/providers/nope?job=x&token=y")).status).toBe(404);
    expect((await post("/webhooks/providers/demo")).status).toBe(404);
    expect((await post("/webhooks/providers/demo?job=01a20eea-0000-7000-8000-000000000009&token=abc")).status).toBe(404);
    expect((await post("/webhooks/providers/demo?job=x&token=y", "x".repeat(1024 * 1024 + 1))).status).toBe(413);
    expect((await api("/webhooks/providers/demo/jobs/x/inputs/0?token=y", { ip })).status).toBe(404);
  });
});
