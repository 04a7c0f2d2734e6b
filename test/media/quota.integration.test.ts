import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { accountFor } from "../../workers/credits/account-client";
import { database } from "../../workers/db/client";
import { newId } from "../../workers/lib/ids";
import { countEvent } from "../../workers/lib/rate-limit";
import { insertWithinQuota, storageQuotaBytes, UPLOAD_RATE_LIMIT, uploadRateLimit } from "../../workers/media/quota";
import type { MediaRow } from "../../workers/media/views";
import { generated } from "../privacy/support";
import { api, signUp, type TestUser } from "../support/users";
import { png } from "./fixtures";
import { keysUnder, upload, uploaded } from "./helpers";

const quota = storageQuotaBytes(env);

/** A stored row of `bytes` for the user, as if they had uploaded that much (no R2 object needed for the sum). */
async function storedAlready(userId: string, bytes: number): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO media (id, user_id, kind, r2_key, content_type, bytes, favorite, created_at)
     VALUES (?1, ?2, 'upload', ?3, 'image/png', ?4, 0, ?5)`,
  )
    .bind(newId(), userId, `uploads/${userId}/filler`, bytes, Date.now())
    .run();
}

async function usage(user: TestUser): Promise<{ bytes: number; quotaBytes: number }> {
  const res = await api("/api/media/usage", { cookie: user.cookie });
  expect(res.status).toBe(200);
  return res.json();
}

async function rowsOf(userId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM media WHERE user_id = ?1").bind(userId).first<{ n: number }>();
  return row!.n;
}

describe("storage quota", () => {
  it("is the configured STORAGE_QUOTA_BYTES, and usage counts the originals stored", async () => {
    expect(quota).toBe(2 * 1024 ** 3);
    const user = await signUp();
    expect(await usage(user)).toEqual({ bytes: 0, quotaBytes: quota });
    const bytes = png(30, 20);
    await uploaded(user, bytes, "image/png");
    expect(await usage(user)).toEqual({ bytes: bytes.length, quotaBytes: quota });
    expect((await api("/api/media/usage")).status).toBe(401);
  });

  it("refuses an upload past the quota with 413 storage_quota_exceeded and stores nothing", async () => {
    const user = await signUp();
    const bytes = png(30, 20);
    await storedAlready(user.userId, quota - bytes.length + 1);
    const res = await upload(user, bytes, "image/png");
    expect(res.status).toBe(413);
    const body = await res.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe("storage_quota_exceeded");
    expect(body.error.message).toMatch(/storage is full/);
    expect(await keysUnder(`uploads/${user.userId}/`)).toEqual([]);
    expect(await rowsOf(user.userId)).toBe(1);

    // A multipart upload hides its size until parsed: refused when the row would not fit, its objects removed.
    const form = new FormData();
    form.append("file", new Blob([bytes], { type: "image/png" }), "a.png");
    const multipart = await api("/api/uploads", { method: "POST", cookie: user.cookie, body: form });
    expect(multipart.status).toBe(413);
    expect((await multipart.json<{ error: { code: string } }>()).error.code).toBe("storage_quota_exceeded");
    expect(await keysUnder(`uploads/${user.userId}/`)).toEqual([]);
    expect(await rowsOf(user.userId)).toBe(1);
  });

  it("accepts an upload that fits exactly", async () => {
    const user = await signUp();
    const bytes = png(30, 20);
    await storedAlready(user.userId, quota - bytes.length);
    expect((await upload(user, bytes, "image/png")).status).toBe(201);
    expect((await usage(user)).bytes).toBe(quota);
  });

  it("lets only as many concurrent uploads land as fit: the quota is never passed by uploads", async () => {
    const user = await signUp();
    const bytes = png(30, 20);
    await storedAlready(user.userId, quota - 2 * bytes.length - 10);
    const statuses = await Promise.all(Array.from({ length: 6 }, () => upload(user, bytes, "image/png").then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    expect(statuses.filter((s) => s === 413)).toHaveLength(4);
    expect((await usage(user)).bytes).toBeLessThanOrEqual(quota);
    expect(await keysUnder(`uploads/${user.userId}/`)).toHaveLength(4); // two originals and their thumbnails
  });

  it("decides in the insert itself, so a row that no longer fits is not written", async () => {
    const userId = `quota-${newId()}`;
    await storedAlready(userId, quota - 5);
    const row = (bytes: number): MediaRow => ({
      id: newId(),
      userId,
      jobId: null,
      position: 0,
      kind: "upload",
      r2Key: `uploads/${userId}/x`,
      contentType: "image/png",
      bytes,
      width: 1,
      height: 1,
      durationMs: null,
      thumbnailKey: null,
      favorite: true,
      prompt: null,
      createdAt: Date.now(),
    });
    const db = database(env.DB);
    expect(await insertWithinQuota(db, row(6), quota)).toBe(false);
    expect(await rowsOf(userId)).toBe(1);
    const fits = row(5);
    expect(await insertWithinQuota(db, fits, quota)).toBe(true);
    const stored = await env.DB.prepare("SELECT * FROM media WHERE id = ?1").bind(fits.id).first();
    expect(stored).toMatchObject({
      id: fits.id,
      user_id: userId,
      kind: "upload",
      bytes: 5,
      favorite: 1,
      width: 1,
      position: 0,
      job_id: null,
    });
  });

  it("lets generated outputs land when the quota is full, and shows the usage past it", async () => {
    const user = await signUp();
    await storedAlready(user.userId, quota);
    await accountFor(env, user.userId).grant(`quota-${user.userId}`, 10, "promo", null);
    const job = await generated(user, "a lighthouse at dusk");
    expect(job.media.length).toBeGreaterThan(0);
    const after = await usage(user);
    expect(after.bytes).toBeGreaterThan(quota);
    expect((await upload(user, png(8, 8), "image/png")).status).toBe(413);
  });
});

describe("upload rate limit", () => {
  it("takes its count from UPLOADS_PER_TEN_MINUTES, ignoring a malformed value", () => {
    expect(uploadRateLimit({ UPLOADS_PER_TEN_MINUTES: "500" })).toEqual({ ...UPLOAD_RATE_LIMIT, max: 500 });
    for (const bad of ["", "0", "-3", "lots", "1.5"]) expect(uploadRateLimit({ UPLOADS_PER_TEN_MINUTES: bad })).toEqual(UPLOAD_RATE_LIMIT);
  });

  it(`answers 429 with Retry-After past ${UPLOAD_RATE_LIMIT.max} uploads in the window, before reading or storing`, async () => {
    const user = await signUp();
    const now = Date.now();
    const limit = uploadRateLimit(env);
    expect(limit).toEqual(UPLOAD_RATE_LIMIT); // wrangler.toml's UPLOADS_PER_TEN_MINUTES is the default, 120
    for (let i = 0; i < limit.max; i++) await countEvent(env.DB, limit, user.userId, now);
    const res = await upload(user, png(10, 10), "image/png");
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe("rate_limited");
    expect(await keysUnder(`uploads/${user.userId}/`)).toEqual([]);
    expect(await rowsOf(user.userId)).toBe(0);
    // Per user: someone else uploads freely.
    expect((await upload(await signUp(), png(10, 10), "image/png")).status).toBe(201);
  });
});
