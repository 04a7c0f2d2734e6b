import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { JobView } from "../../shared/generation";
import { database } from "../../workers/db/client";
import { generationDeps } from "../../workers/generation/deps";
import { publishView } from "../../workers/generation/settlement";
import type { EmailMessage } from "../../workers/lib/email/sender";
import { emailJobReady, type ProductEmailDeps } from "../../workers/notifications/job-ready";
import { call } from "../privacy/support";
import { openLive } from "../support/live";
import { api, signUp, type TestUser } from "../support/users";

const ip = "10.93.5.1";

function recordingDeps(): ProductEmailDeps & { sent: EmailMessage[] } {
  const sent: EmailMessage[] = [];
  return {
    sent,
    db: database(env.DB),
    sender: { send: async (message) => void sent.push(message) },
    publicUrl: env.PUBLIC_URL,
    secret: env.JWT_SECRET,
    now: Date.now,
  };
}

/** A finished job's view as the live channel carries it, `tookMs` after it was asked for. */
function finishedView(overrides: Partial<JobView> & { tookMs: number }): JobView {
  const finishedAt = Date.now();
  const { tookMs, ...rest } = overrides;
  return {
    id: crypto.randomUUID(),
    model: "demo-video",
    kind: "video",
    status: "succeeded",
    cost: 10,
    prompt: "a private prompt about a lighthouse",
    params: { aspectRatio: "16:9", count: 1, durationSeconds: 5, inputMediaIds: [] },
    media: [],
    createdAt: finishedAt - tookMs,
    finishedAt,
    provider: "demo",
    providerModel: "demo",
    attempts: 1,
    ...rest,
  };
}

const consent = (user: TestUser, json: Record<string, boolean>) => call(user, "/api/account/consents", { method: "PUT", json }, ip);

function unsubscribeToken(message: EmailMessage): string {
  const match = /\/unsubscribe\?token=([A-Za-z0-9_.-]+)/.exec(message.text);
  if (!match) throw new Error(`no unsubscribe link in: ${message.text}`);
  return match[1]!;
}

async function productEmailsGranted(userId: string): Promise<boolean | null> {
  const row = await env.DB.prepare(
    "SELECT granted FROM consents WHERE user_id = ? AND purpose = 'product_emails' ORDER BY created_at DESC, id DESC LIMIT 1",
  )
    .bind(userId)
    .first<{ granted: number }>();
  return row ? row.granted === 1 : null;
}

describe("'Your video is ready' email", () => {
  it("goes once per job, only with product emails on, and says nothing private", async () => {
    const user = await signUp({ ip });
    const deps = recordingDeps();
    const view = finishedView({ tookMs: 90_000 });
    // Off until granted (consent).
    expect(await emailJobReady(deps, user.userId, view)).toBe(false);
    expect((await consent(user, { product_emails: true })).status).toBe(200);
    expect(await emailJobReady(deps, user.userId, view)).toBe(true);
    expect(await emailJobReady(deps, user.userId, view)).toBe(false);
    expect(deps.sent).toHaveLength(1);
    const [email] = deps.sent;
    expect(email).toMatchObject({ to: user.email.toLowerCase(), subject: "Your video is ready", userId: user.userId });
    expect(email!.text).toContain(`${env.PUBLIC_URL}/gallery`);
    expect(email!.text).not.toContain(view.prompt);
    expect(email!.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(email!.headers?.["List-Unsubscribe"]).toMatch(/^<http.+\/api\/email\/unsubscribe\?token=.+>$/);
  });

  it("is not sent for a job of a minute or less, one that failed, or while processing is restricted", async () => {
    const user = await signUp({ ip });
    await consent(user, { product_emails: true });
    const deps = recordingDeps();
    expect(await emailJobReady(deps, user.userId, finishedView({ tookMs: 60_000 }))).toBe(false);
    expect(await emailJobReady(deps, user.userId, finishedView({ tookMs: 120_000, status: "failed" }))).toBe(false);
    await call(user, "/api/account/restriction", { method: "PUT", json: { restricted: true } }, ip);
    expect(await emailJobReady(deps, user.userId, finishedView({ tookMs: 120_000 }))).toBe(false);
    expect(deps.sent).toEqual([]);
    await call(user, "/api/account/restriction", { method: "PUT", json: { restricted: false } }, ip);
    expect(
      await emailJobReady(
        deps,
        user.userId,
        finishedView({ tookMs: 120_000, kind: "image", model: "demo-image", params: { aspectRatio: "1:1", count: 2, inputMediaIds: [] } }),
      ),
    ).toBe(true);
    expect(deps.sent.map((m) => m.subject)).toEqual(["Your images are ready"]);
  });

  it("is asked for only when no tab of the person saw the job end", async () => {
    const user = await signUp({ ip });
    const unseen: string[] = [];
    const deps = generationDeps(env, { jobEndedUnseen: async (_userId, view) => void unseen.push(view.id), jobEnded: async () => {} });
    const first = finishedView({ tookMs: 90_000 });
    await publishView(deps, user.userId, first);
    expect(unseen).toEqual([first.id]);

    const live = await openLive(user.cookie);
    const second = finishedView({ tookMs: 90_000 });
    await publishView(deps, user.userId, second);
    expect(unseen).toEqual([first.id]);
    live.close();
  });
});

describe("unsubscribe without signing in", () => {
  it("withdraws the consent from the email's link, by the page's post or the mail client's one-click form", async () => {
    const user = await signUp({ ip });
    await consent(user, { product_emails: true });
    const deps = recordingDeps();
    await emailJobReady(deps, user.userId, finishedView({ tookMs: 90_000 }));
    const token = unsubscribeToken(deps.sent[0]!);

    const res = await api(`/api/email/unsubscribe?token=${token}`, { method: "POST", ip });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ unsubscribed: true });
    expect(await productEmailsGranted(user.userId)).toBe(false);
    expect(await emailJobReady(deps, user.userId, finishedView({ tookMs: 90_000 }))).toBe(false);

    // Granted again, then RFC 8058's one-click POST (a form body, from the mail provider: no Origin).
    await consent(user, { product_emails: true });
    const oneClick = await api(`/api/email/unsubscribe?token=${token}`, {
      method: "POST",
      ip,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status).toBe(200);
    expect(await productEmailsGranted(user.userId)).toBe(false);
    // Using the link again records nothing new.
    const before = await env.DB.prepare("SELECT count(*) AS n FROM consents WHERE user_id = ?").bind(user.userId).first<{ n: number }>();
    expect((await api(`/api/email/unsubscribe?token=${token}`, { method: "POST", ip })).status).toBe(200);
    const after = await env.DB.prepare("SELECT count(*) AS n FROM consents WHERE user_id = ?").bind(user.userId).first<{ n: number }>();
    expect(after!.n).toBe(before!.n);
  });

  it("refuses a forged, altered or missing token with a clear 400, and an access token is no unsubscribe token", async () => {
    const user = await signUp({ ip });
    const access = /ausar_at=([^;]+)/.exec(user.cookie)![1]!;
    for (const query of ["?token=nonsense", `?token=${access}`, ""]) {
      const res = await api(`/api/email/unsubscribe${query}`, { method: "POST", ip });
      expect(res.status, query).toBe(400);
      const { error } = await res.json<{ error: { code: string; message: string } }>();
      expect(["invalid_token", "validation_failed"]).toContain(error.code);
      expect(error.message.length).toBeGreaterThan(0);
    }
  });
});
