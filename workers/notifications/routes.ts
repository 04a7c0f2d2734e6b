import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { queryParams } from "../lib/validate";
import { unsubscribe } from "./unsubscribe";

const tokenQuery = z.object({ token: z.string().min(1, "The link has no token.").max(2000) });

/**
 * `POST /api/email/unsubscribe?token=…`: public (the token is the proof). The unsubscribe page
 * posts here with no body; mail clients post `List-Unsubscribe=One-Click` as a form (RFC 8058),
 * which is why the token rides in the query and the body is not read.
 */
export const notificationRoutes = new Hono<AppEnv>().post("/api/email/unsubscribe", queryParams(tokenQuery), async (c) => {
  await unsubscribe(c.var.db, c.env.JWT_SECRET, c.req.valid("query").token, Date.now());
  return c.json({ unsubscribed: true });
});
