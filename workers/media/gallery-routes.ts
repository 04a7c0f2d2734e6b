import { Hono } from "hono";
import { bulkIdsSchema, mediaListQuerySchema, mediaPatchSchema } from "../../shared/media";
import type { AppEnv } from "../app-env";
import { requireCaller } from "../developers/caller";
import { notFound } from "../lib/errors";
import { jsonBody, queryParams } from "../lib/validate";
import { bulkIdsBody, capFormBody } from "./bulk-body";
import { deleteMedia, findManyMedia, findMedia, listMedia, updateMedia } from "./gallery";
import { mediaIdParam } from "./params";
import { toMediaView } from "./views";
import { zipResponse } from "./zip";

/** The gallery API: list, read, favorite, delete (one or many), and download many as a ZIP. */
export const galleryRoutes = new Hono<AppEnv>()
  .get("/api/media", requireCaller("gallery:read"), queryParams(mediaListQuerySchema), async (c) => {
    const { rows, nextCursor } = await listMedia(c.var.db, c.var.caller.userId, c.req.valid("query"));
    return c.json({ items: rows.map(toMediaView), nextCursor });
  })
  .post("/api/media/bulk-delete", requireCaller("gallery:write"), jsonBody(bulkIdsSchema), async (c) => {
    const deleted = await deleteMedia(c.env, c.var.db, c.var.caller.userId, c.req.valid("json").ids);
    return c.json({ deleted });
  })
  .post("/api/media/bulk-download", requireCaller("gallery:read"), capFormBody, bulkIdsBody, async (c) => {
    const { ids } = c.req.valid("json");
    const rows = await findManyMedia(c.var.db, c.var.caller.userId, ids);
    if (rows.length === 0) throw notFound("None of those items exist.");
    const order = new Map(ids.map((id, i) => [id, i]));
    rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    const zip = await zipResponse(c.env, rows);
    zip.headers.set("Content-Disposition", `attachment; filename="ausar-${rows.length}-items.zip"`);
    zip.headers.set("Cache-Control", "private, no-store");
    return zip;
  })
  .get("/api/media/:id", requireCaller("gallery:read"), mediaIdParam, async (c) => {
    const row = await findMedia(c.var.db, c.var.caller.userId, c.req.valid("param").id);
    if (!row) throw notFound();
    return c.json({ media: toMediaView(row) });
  })
  .patch("/api/media/:id", requireCaller("gallery:write"), jsonBody(mediaPatchSchema), mediaIdParam, async (c) => {
    const row = await updateMedia(c.var.db, c.var.caller.userId, c.req.valid("param").id, c.req.valid("json"));
    if (!row) throw notFound();
    return c.json({ media: toMediaView(row) });
  })
  .delete("/api/media/:id", requireCaller("gallery:write"), mediaIdParam, async (c) => {
    const deleted = await deleteMedia(c.env, c.var.db, c.var.caller.userId, [c.req.valid("param").id]);
    if (deleted === 0) throw notFound();
    return c.body(null, 204);
  });
