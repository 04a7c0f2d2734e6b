import { desc } from "drizzle-orm";
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { emailOutbox } from "../db/schema";
import { AppError } from "../lib/errors";
import { isLocalDevelopment } from "../lib/local-development";

/**
 * The development outbox, so sign-up and reset can be completed without a mail server.
 * It exists only in local development (see isLocalDevelopment); elsewhere the route is a plain 404.
 */
export const devRoutes = new Hono<AppEnv>().get("/api/dev/emails", async (c) => {
  if (!isLocalDevelopment(c.env, c.req.url)) throw new AppError("not_found", "No such API route.");
  const rows = await c.var.db.select().from(emailOutbox).orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id)).limit(100).all();
  return c.json({
    emails: rows.map((row) => ({
      id: row.id,
      to: row.toAddress,
      subject: row.subject,
      text: row.textBody,
      html: row.htmlBody,
      createdAt: row.createdAt,
    })),
  });
});
