import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { missingSharePage, sharePage } from "./share-page";
import { resolveShare } from "./shares";

/** Revalidated on every view, as the shared bytes are, so that revoking a link takes effect at once. */
const PAGE_HEADERS = {
  "Cache-Control": "private, no-cache",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex, nofollow",
};

/** `/share/:token`: the public page of a share link, rendered here (the app's script never runs on it). */
export const sharePageRoutes = new Hono<AppEnv>().get("/share/:token", async (c) => {
  const token = c.req.param("token");
  const shared = await resolveShare(c.var.db, token, Date.now());
  if (!shared) return c.html(missingSharePage(), 404, PAGE_HEADERS);
  const origin = new URL(c.req.url).origin;
  const file = new URL(`/media/shared/${token}`, origin).toString();
  const urls = {
    page: new URL(`/share/${token}`, origin).toString(),
    file,
    thumbnail: shared.item.thumbnailKey ? `${file}/thumbnail` : null,
  };
  return c.html(sharePage(shared, urls), 200, PAGE_HEADERS);
});
