import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../workers/db/client";
import { retentionCutoff, sweepSupportThreads } from "../../workers/support/retention";
import { staffUser } from "../admin/staff";
import { api, signUp, waitForEmail } from "../support/users";

// biome-ignore lint/suspicious/noExplicitAny: test reads of JSON answers
type Json = Record<string, any>;

async function openThread(cookie: string, body: Json = { subject: "Help with a picture", message: "It came out blank." }) {
  const res = await api("/api/support/threads", { method: "POST", cookie, json: body });
  expect(res.status).toBe(201);
  return (await res.json<{ thread: Json }>()).thread;
}

async function count(sql: string, ...binds: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql)
    .bind(...binds)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe("support threads (person)", () => {
  it("creates, lists and shows a thread with its first message", async () => {
    const user = await signUp();
    const thread = await openThread(user.cookie);
    expect(thread).toMatchObject({ subject: "Help with a picture", status: "open", unread: false, attachment: null });
    const list = await (await api("/api/support/threads", { cookie: user.cookie })).json<Json>();
    expect(list.threads).toEqual([
      expect.objectContaining({ id: thread.id, subject: "Help with a picture", status: "open", unread: false }),
    ]);
    expect(list.unreadCount).toBe(0);
    const view = await (await api(`/api/support/threads/${thread.id}`, { cookie: user.cookie })).json<Json>();
    expect(view.messages).toEqual([expect.objectContaining({ from: "user", body: "It came out blank." })]);
  });

  it("answers another person's thread as absent and writes nothing to it", async () => {
    const owner = await signUp();
    const other = await signUp();
    const thread = await openThread(owner.cookie);
    expect((await api(`/api/support/threads/${thread.id}`, { cookie: other.cookie })).status).toBe(404);
    const reply = await api(`/api/support/threads/${thread.id}/messages`, {
      method: "POST",
      cookie: other.cookie,
      json: { message: "hi" },
    });
    expect(reply.status).toBe(404);
    expect(await count("SELECT count(*) AS n FROM support_messages WHERE thread_id = ?1", thread.id)).toBe(1);
    const list = await (await api("/api/support/threads", { cookie: other.cookie })).json<Json>();
    expect(list.threads).toEqual([]);
    expect((await api("/api/support/threads")).status).toBe(401);
  });

  it("refuses bad input with 4xx and writes nothing", async () => {
    const user = await signUp();
    const bad: Json[] = [
      {},
      { subject: "", message: "x" },
      { subject: "x".repeat(151), message: "x" },
      { subject: "ok", message: "x".repeat(5001) },
      { subject: "ok", message: "   " },
      { subject: "ok", message: "x", attachment: { kind: "job", id: "nope" } },
      { subject: "ok", message: "x", attachment: { kind: "file", id: crypto.randomUUID() } },
    ];
    for (const body of bad) {
      const res = await api("/api/support/threads", { method: "POST", cookie: user.cookie, json: body });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect((await api("/api/support/threads/not-an-id", { cookie: user.cookie })).status).toBe(404);
    expect(await count("SELECT count(*) AS n FROM support_threads WHERE user_id = ?1", user.userId)).toBe(0);
    const thread = await openThread(user.cookie);
    const long = await api(`/api/support/threads/${thread.id}/messages`, {
      method: "POST",
      cookie: user.cookie,
      json: { message: "x".repeat(5001) },
    });
    expect(long.status).toBe(400);
    expect(await count("SELECT count(*) AS n FROM support_messages WHERE thread_id = ?1", thread.id)).toBe(1);
  });

  it("attaches only the person's own media or job", async () => {
    const owner = await signUp();
    const other = await signUp();
    const id = `0190${crypto.randomUUID().slice(4)}`.replace(/^(.{14})./, "$17").replace(/^(.{19})./, "$1a");
    await env.DB.prepare(
      "INSERT INTO media (id, user_id, kind, r2_key, content_type, bytes, created_at) VALUES (?1, ?2, 'upload', 'uploads/x', 'image/png', 10, ?3)",
    )
      .bind(id, owner.userId, Date.now())
      .run();
    const stranger = await api("/api/support/threads", {
      method: "POST",
      cookie: other.cookie,
      json: { subject: "s", message: "m", attachment: { kind: "media", id } },
    });
    expect(stranger.status).toBe(404);
    expect(await count("SELECT count(*) AS n FROM support_threads WHERE user_id = ?1", other.userId)).toBe(0);
    const thread = await openThread(owner.cookie, { subject: "s", message: "m", attachment: { kind: "media", id } });
    expect(thread.attachment).toEqual({ kind: "media", id });
  });

  it("limits new threads to 10 a day per person (429 with Retry-After)", async () => {
    const user = await signUp();
    const day = 24 * 60 * 60 * 1000;
    // Fill today's window directly, so the test never depends on where the clock is in it.
    const windowStart = Date.now() - (Date.now() % day);
    await env.DB.prepare("INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, 10)")
      .bind(`support_threads:${user.userId}`, windowStart)
      .run();
    const res = await api("/api/support/threads", { method: "POST", cookie: user.cookie, json: { subject: "s", message: "m" } });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await count("SELECT count(*) AS n FROM support_threads WHERE user_id = ?1", user.userId)).toBe(0);
  });

  it("limits messages to 60 an hour per person", async () => {
    const user = await signUp();
    const thread = await openThread(user.cookie);
    const hour = 60 * 60 * 1000;
    const windowStart = Date.now() - (Date.now() % hour);
    await env.DB.prepare("INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, 60) ON CONFLICT DO UPDATE SET count = 60")
      .bind(`support_messages:${user.userId}`, windowStart)
      .run();
    const res = await api(`/api/support/threads/${thread.id}/messages`, {
      method: "POST",
      cookie: user.cookie,
      json: { message: "again" },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toBeTruthy();
    expect(await count("SELECT count(*) AS n FROM support_messages WHERE thread_id = ?1", thread.id)).toBe(1);
  });
});

describe("support threads (staff)", () => {
  it("staff reply makes the thread waiting, unread for the person, emails a link without the text; the person's reply reopens it", async () => {
    const user = await signUp();
    const staff = await staffUser("support");
    const thread = await openThread(user.cookie, { subject: "Blank output", message: "secret details" });

    const queue = await (await api("/api/admin/support/threads?status=open", { cookie: staff.cookie })).json<Json>();
    expect(queue.threads.map((t: Json) => t.id)).toContain(thread.id);
    const view = await api(`/api/admin/support/threads/${thread.id}`, { cookie: staff.cookie });
    expect(view.status).toBe(200);
    expect((await view.json<Json>()).messages[0].body).toBe("secret details");
    expect(
      await count("SELECT count(*) AS n FROM audit_log WHERE action = 'support.thread.read' AND target_user_id = ?1", user.userId),
    ).toBe(1);

    const reply = await api(`/api/admin/support/threads/${thread.id}/messages`, {
      method: "POST",
      cookie: staff.cookie,
      json: { message: "We refunded the credits: answer text" },
    });
    expect(reply.status).toBe(201);
    const mail = await waitForEmail(user.email.toLowerCase(), /support answered/);
    expect(mail.text).toContain(`/support/${thread.id}`);
    expect(mail.text).toContain("Blank output");
    expect(mail.text).not.toContain("answer text");
    expect(mail.text).not.toContain("secret details");

    const list = await (await api("/api/support/threads", { cookie: user.cookie })).json<Json>();
    expect(list.threads[0]).toMatchObject({ id: thread.id, status: "waiting", unread: true });
    expect(list.unreadCount).toBe(1);
    const seen = await (await api(`/api/support/threads/${thread.id}`, { cookie: user.cookie })).json<Json>();
    expect(seen.messages.map((m: Json) => m.from)).toEqual(["user", "staff"]);
    const after = await (await api("/api/support/unread", { cookie: user.cookie })).json<Json>();
    expect(after.unreadCount).toBe(0);

    await api(`/api/support/threads/${thread.id}/messages`, { method: "POST", cookie: user.cookie, json: { message: "thanks" } });
    const reopened = await (await api(`/api/support/threads/${thread.id}`, { cookie: user.cookie })).json<Json>();
    expect(reopened.thread.status).toBe("open");
  });

  it("status changes need a reason; closing records closed_at; a person's reply reopens a closed thread", async () => {
    const user = await signUp();
    const staff = await staffUser("support");
    const thread = await openThread(user.cookie);
    const noReason = await api(`/api/admin/support/threads/${thread.id}/status`, {
      method: "POST",
      cookie: staff.cookie,
      json: { status: "closed" },
    });
    expect(noReason.status).toBe(400);
    expect(await count("SELECT count(*) AS n FROM support_threads WHERE id = ?1 AND status = 'open'", thread.id)).toBe(1);
    const closed = await api(`/api/admin/support/threads/${thread.id}/status`, {
      method: "POST",
      cookie: staff.cookie,
      json: { status: "closed", reason: "answered by email" },
    });
    expect(closed.status).toBe(200);
    expect(await count("SELECT count(*) AS n FROM support_threads WHERE id = ?1 AND closed_at IS NOT NULL", thread.id)).toBe(1);
    expect(
      await count(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'support.thread.status' AND reason = 'answered by email' AND target_user_id = ?1",
        user.userId,
      ),
    ).toBe(1);
    await api(`/api/support/threads/${thread.id}/messages`, { method: "POST", cookie: user.cookie, json: { message: "one more thing" } });
    expect(
      await count("SELECT count(*) AS n FROM support_threads WHERE id = ?1 AND status = 'open' AND closed_at IS NULL", thread.id),
    ).toBe(1);
  });

  it("is not for people without a staff role", async () => {
    const user = await signUp();
    const thread = await openThread(user.cookie);
    expect((await api(`/api/admin/support/threads/${thread.id}`, { cookie: user.cookie })).status).toBe(404);
    expect((await api("/api/admin/support/threads", { cookie: user.cookie })).status).toBe(404);
  });
});

describe("support retention", () => {
  it("deletes closed threads 24 months after closing, keeps younger and open ones", async () => {
    const user = await signUp();
    const now = Date.now();
    const old = await openThread(user.cookie);
    const young = await openThread(user.cookie);
    const open = await openThread(user.cookie);
    const cutoff = retentionCutoff(now);
    await env.DB.prepare("UPDATE support_threads SET status = 'closed', closed_at = ?1 WHERE id = ?2")
      .bind(cutoff - 1000, old.id)
      .run();
    await env.DB.prepare("UPDATE support_threads SET status = 'closed', closed_at = ?1 WHERE id = ?2")
      .bind(cutoff + 60_000, young.id)
      .run();
    await env.DB.prepare("UPDATE support_threads SET last_activity_at = ?1 WHERE id = ?2")
      .bind(cutoff - 1000, open.id)
      .run();
    await sweepSupportThreads(database(env.DB), now);
    expect(await count("SELECT count(*) AS n FROM support_threads WHERE id = ?1", old.id)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM support_messages WHERE thread_id = ?1", old.id)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM support_threads WHERE id IN (?1, ?2)", young.id, open.id)).toBe(2);
    expect(cutoff).toBeLessThan(now - 729 * 24 * 60 * 60 * 1000);
  });
});
