import { Hono } from "hono";
import { UPLOAD_MAX_BYTES } from "../../shared/media";
import type { AppEnv } from "../app-env";
import { requireUser } from "../auth/middleware";
import { readUploadBody } from "./upload-body";
import { createUpload } from "./uploads";
import { toMediaView } from "./views";

/** `POST /api/uploads`: raw image bytes or a multipart `file` → 201 `{ media }`. */
export const uploadRoutes = new Hono<AppEnv>().post("/api/uploads", requireUser, async (c) => {
  const bytes = await readUploadBody(c.req.raw, UPLOAD_MAX_BYTES);
  const row = await createUpload({ db: c.var.db, env: c.env, now: Date.now() }, c.var.auth.userId, bytes);
  return c.json({ media: toMediaView(row) }, 201);
});
