import { Hono } from "hono";
import { SHARE_DEFAULT_SECONDS, shareCreateSchema } from "../../shared/media";
import type { AppEnv } from "../app-env";
import { requireUser } from "../auth/middleware";
import { notFound } from "../lib/errors";
import { jsonBody } from "../lib/validate";
import { findMedia } from "./gallery";
import { mediaIdParam, shareParams } from "./params";
import { createShare, listShares, revokeShare } from "./shares";

/** Share links: make (expiring), list live ones, revoke. Only for the owner's own items. */
export const shareRoutes = new Hono<AppEnv>()
  .post("/api/media/:id/share", requireUser, jsonBody(shareCreateSchema), mediaIdParam, async (c) => {
    const item = await findMedia(c.var.db, c.var.auth.userId, c.req.valid("param").id);
    if (!item) throw notFound();
    const body = c.req.valid("json");
    const options = { ttlSeconds: body.expiresInSeconds ?? SHARE_DEFAULT_SECONDS, showPrompt: body.showPrompt ?? false };
    const share = await createShare(c.var.db, item, options, Date.now(), new URL(c.req.url).origin);
    return c.json({ share }, 201);
  })
  .get("/api/media/:id/shares", requireUser, mediaIdParam, async (c) => {
    const item = await findMedia(c.var.db, c.var.auth.userId, c.req.valid("param").id);
    if (!item) throw notFound();
    return c.json({ shares: await listShares(c.var.db, c.var.auth.userId, item.id, Date.now()) });
  })
  .delete("/api/media/:id/share/:shareId", requireUser, shareParams, async (c) => {
    const { id: mediaId, shareId } = c.req.valid("param");
    if (!(await revokeShare(c.var.db, c.var.auth.userId, mediaId, shareId, Date.now()))) throw notFound();
    return c.body(null, 204);
  });
