import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { requireCaller } from "../developers/caller";
import { notFound } from "../lib/errors";
import { type DeliverySource, deliver, notModified } from "./delivery";
import { downloadName } from "./filenames";
import { findMedia } from "./gallery";
import { thumbnailTypeOf } from "./keys";
import { mediaIdParam, shareTokenParam } from "./params";
import type { ByteRange } from "./range";
import { resolveShare } from "./shares";
import type { MediaBucket } from "./storage";
import type { MediaRow } from "./views";

/**
 * The owner's browser may keep a copy for an hour (then revalidates with the ETag, a 304); nothing
 * shared may keep one. Share links revalidate every time so that revoking one takes effect at once.
 */
const OWNER_CACHE = "private, max-age=3600";
const SHARED_CACHE = "private, no-cache";

function original(env: MediaBucket, row: MediaRow, download: boolean, cacheControl: string): DeliverySource {
  return {
    etag: `"${row.id}"`,
    size: row.bytes,
    contentType: row.contentType,
    cacheControl,
    fileName: downloadName(row),
    download,
    open: async (range) => {
      const object = await env.MEDIA.get(row.r2Key, rangeOption(range));
      return object?.body ?? null;
    },
  };
}

function rangeOption(range: ByteRange | undefined): R2GetOptions | undefined {
  return range ? { range: { offset: range.start, length: range.end - range.start + 1 } } : undefined;
}

/**
 * Thumbnails: the row keeps only the key, so the size comes from R2. A revalidation (304) is
 * answered before R2 is touched; otherwise one GET gives both the size and the body.
 */
async function deliverThumbnail(request: Request, env: MediaBucket, row: MediaRow, cacheControl: string): Promise<Response> {
  const key = row.thumbnailKey;
  if (!key) throw notFound("This item has no thumbnail.");
  const validator = { etag: `"${row.id}-thumbnail"`, cacheControl };
  const early = notModified(request, validator);
  if (early) return early;
  // HEAD needs no body; `deliver` opens one only for GET.
  const full = request.method === "HEAD" ? null : await env.MEDIA.get(key);
  const object = full ?? (request.method === "HEAD" ? await env.MEDIA.head(key) : null);
  if (!object) throw notFound("This item has no thumbnail.");
  const contentType = thumbnailTypeOf(key);
  return deliver(request, {
    ...validator,
    size: object.size,
    contentType,
    fileName: downloadName({ ...row, contentType }),
    download: false,
    open: async (range) => {
      if (!range && full) return full.body;
      await full?.body.cancel();
      return (await env.MEDIA.get(key, rangeOption(range)))?.body ?? null;
    },
  });
}

/** What a share link's bytes carry beyond the owner's: no referrer, not indexed, embeddable. */
function asShared(response: Response): Response {
  response.headers.set("Referrer-Policy", "no-referrer");
  response.headers.set("X-Robots-Tag", "noindex, nofollow");
  // Shared media may be embedded by other sites; the security middleware keeps this value, everything private stays same-origin.
  response.headers.set("Cross-Origin-Resource-Policy", "cross-origin");
  return response;
}

/** `/media/*`: the bytes, to their owner only (others 404), or to anyone holding a live share link. */
export const deliveryRoutes = new Hono<AppEnv>()
  .get("/media/shared/:token", shareTokenParam, async (c) => {
    const shared = await resolveShare(c.var.db, c.req.valid("param").token, Date.now());
    if (!shared) throw notFound("This link has expired or was revoked.");
    return asShared(await deliver(c.req.raw, original(c.env, shared.item, c.req.query("download") === "1", SHARED_CACHE)));
  })
  // The poster frame of a shared video (and the small picture of a shared image), for the share page and link previews.
  .get("/media/shared/:token/thumbnail", shareTokenParam, async (c) => {
    const shared = await resolveShare(c.var.db, c.req.valid("param").token, Date.now());
    if (!shared) throw notFound("This link has expired or was revoked.");
    return asShared(await deliverThumbnail(c.req.raw, c.env, shared.item, SHARED_CACHE));
  })
  .get("/media/:id", requireCaller("gallery:read"), mediaIdParam, async (c) => {
    const row = await findMedia(c.var.db, c.var.caller.userId, c.req.valid("param").id);
    if (!row) throw notFound();
    return deliver(c.req.raw, original(c.env, row, c.req.query("download") === "1", OWNER_CACHE));
  })
  .get("/media/:id/thumbnail", requireCaller("gallery:read"), mediaIdParam, async (c) => {
    const row = await findMedia(c.var.db, c.var.caller.userId, c.req.valid("param").id);
    if (!row) throw notFound();
    return deliverThumbnail(c.req.raw, c.env, row, OWNER_CACHE);
  });
