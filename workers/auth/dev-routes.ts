import { and, desc, eq, like } from "drizzle-orm";
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { emailOutbox } from "../db/schema";
import { AppError } from "../lib/errors";
import { isLocalDevelopment } from "../lib/local-development";

/**
 * The development outbox, so sign-up and reset can be completed without a mail server.
 * It exists only in local development (see isLocalDevelopment); elsewhere the route is a plain 404.
 */
export const devRoutes = new Hono<AppEnv>()
  /**
   * The newest verification email to `?to=`, as a page (the confirm-your-email banner links here in
   * local development, so the two-command try-out needs no mail server). Same guard as the outbox.
   */
  .get("/api/dev/emails/verification", async (c) => {
    if (!isLocalDevelopment(c.env, c.req.url)) throw new AppError("not_found", "No such API route.");
    const to = (c.req.query("to") ?? "").trim().toLowerCase();
    const row = await c.var.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, to), like(emailOutbox.textBody, "%/verify-email?token=%")))
      .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
      .get();
    if (!row) throw new AppError("not_found", "No verification email to that address in the development outbox.");
    // The body is our own template (emails.ts escapes every value), shown as the mail client would.
    const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(row.subject)} · development outbox</title></head>
<body><p><strong>Development outbox</strong> · to ${escapeHtml(row.toAddress)}</p><h1>${escapeHtml(row.subject)}</h1>${row.htmlBody}</body></html>`;
    return c.html(page);
  })
  .get("/api/dev/emails", async (c) => {
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

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
