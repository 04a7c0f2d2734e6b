import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { readBoundedText } from "../lib/bounded-read";
import { AppError } from "../lib/errors";
import { pathParams } from "../lib/validate";
import { generationDeps } from "./deps";
import { acceptWebhook, openInput } from "./webhook";

/** Provider callbacks are small JSON (results are links, not bytes); anything larger is refused unread. */
const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

/** Provider and job are checked by the handlers' lookups (unknown ones are 404); the path only names them. */
const callbackParams = pathParams(z.object({ provider: z.string() }));
const inputParams = pathParams(z.object({ provider: z.string(), jobId: z.string(), index: z.coerce.number().int() }));

/** `/webhooks/providers/:provider` (callbacks) and the reference-image links given to providers. */
export const generationWebhookRoutes = new Hono<AppEnv>()
  .post("/webhooks/providers/:provider", callbackParams, async (c) => {
    // The raw bytes, as the signature covers them; the rest of a too-large body is drained so the sender sees the 413.
    const rawBody = await readBoundedText(c.req.raw, WEBHOOK_BODY_LIMIT_BYTES, "drain");
    if (rawBody === null) throw new AppError("payload_too_large", "Callbacks are limited to 1 MB.");
    const query = { job: c.req.query("job"), token: c.req.query("token") };
    await acceptWebhook(generationDeps(c.env, { db: c.var.db }), c.req.valid("param").provider, query, rawBody, c.req.raw.headers);
    return c.json({ ok: true });
  })
  .get("/webhooks/providers/:provider/jobs/:jobId/inputs/:index{[0-9]{1,2}}", inputParams, async (c) => {
    const { provider, jobId, index } = c.req.valid("param");
    const input = await openInput(generationDeps(c.env, { db: c.var.db }), provider, jobId, index, c.req.query("token") ?? "");
    return new Response(input.body, {
      headers: { "Content-Type": input.contentType, "Content-Length": String(input.bytes), "Cache-Control": "no-store" },
    });
  });
