import { Hono } from "hono";
import { type StorageUsage, UPLOAD_MAX_BYTES } from "../../shared/media";
import type { AppEnv } from "../app-env";
import { requireCaller } from "../developers/caller";
import { enforceRateLimit } from "../lib/rate-limit";
import { assertRoomFor, storageQuotaBytes, storageUsage, uploadRateLimit } from "./quota";
import { minimumUploadBytes, readUploadBody } from "./upload-body";
import { createUpload } from "./uploads";
import { toMediaView } from "./views";

/**
 * `POST /api/uploads`: raw image bytes or a multipart `file` → 201 `{ media }`. The rate limit and a
 * quota check on the declared length come before a byte is read; the quota is decided for good when
 * the row is written. `GET /api/media/usage`: `{ bytes, quotaBytes }`.
 */
export const uploadRoutes = new Hono<AppEnv>()
  .post("/api/uploads", requireCaller("gallery:write"), async (c) => {
    const { userId } = c.var.caller;
    const now = Date.now();
    const quotaBytes = storageQuotaBytes(c.env);
    await enforceRateLimit(c.env.DB, uploadRateLimit(c.env), userId, now);
    // An oversized declared length is refused by readUploadBody without any query; otherwise a full
    // store is refused here before the body is read.
    const atLeast = minimumUploadBytes(c.req.raw);
    if (atLeast <= UPLOAD_MAX_BYTES) await assertRoomFor(c.var.db, userId, atLeast, quotaBytes);
    const bytes = await readUploadBody(c.req.raw, UPLOAD_MAX_BYTES);
    const row = await createUpload({ db: c.var.db, env: c.env, now, quotaBytes }, userId, bytes);
    return c.json({ media: toMediaView(row) }, 201);
  })
  .get("/api/media/usage", requireCaller("gallery:read"), async (c) => {
    const bytes = await storageUsage(c.var.db, c.var.caller.userId);
    c.header("Cache-Control", "private, no-store");
    return c.json({ bytes, quotaBytes: storageQuotaBytes(c.env) } satisfies StorageUsage);
  });
