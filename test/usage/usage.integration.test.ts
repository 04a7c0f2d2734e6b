import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { UsageResponse } from "../../shared/usage";
import { database } from "../../workers/db/client";
import { newId } from "../../workers/lib/ids";
import { sweepUsageEvents, usageCutoff } from "../../workers/usage/retention";
import { usageFigures } from "../../workers/usage/staff-view";
import { call, generated } from "../privacy/support";
import { signUp, signUpVerified, type TestUser } from "../support/users";

const ip = "10.93.4.1";

const send = (user: TestUser | null, events: unknown, init: { headers?: Record<string, string>; body?: string } = {}) =>
  call(
    user,
    "/api/usage/events",
    init.body !== undefined ? { method: "POST", ...init } : { method: "POST", json: { events }, ...init },
    ip,
  );

async function recorded(user: TestUser, events: unknown): Promise<number> {
  const res = await send(user, events);
  expect(res.status).toBe(202);
  return (await res.json<{ recorded: number }>()).recorded;
}

async function storedEvents(userId: string) {
  const { results } = await env.DB.prepare("SELECT type, name FROM usage_events WHERE user_id = ? ORDER BY created_at, id")
    .bind(userId)
    .all();
  return results;
}

async function dailyCount(name: string): Promise<number> {
  const day = new Date().toISOString().slice(0, 10);
  const row = await env.DB.prepare("SELECT count FROM usage_daily WHERE day = ? AND name = ?").bind(day, name).first<{ count: number }>();
  return row?.count ?? 0;
}

const pageView = (name: string) => ({ type: "page_view", name });
const feature = (name: string) => ({ type: "feature", name });

describe("usage events", () => {
  it("records page views by route pattern and features used, in the person's view and the anonymous daily counts", async () => {
    const user = await signUp({ ip });
    const before = await dailyCount("/support/:id");
    expect(await recorded(user, [pageView("/gallery"), pageView("/support/:id"), feature("generate")])).toBe(3);
    expect(await storedEvents(user.userId)).toEqual(
      expect.arrayContaining([
        { type: "page_view", name: "/gallery" },
        { type: "page_view", name: "/support/:id" },
        { type: "feature", name: "generate" },
      ]),
    );
    expect(await dailyCount("/support/:id")).toBe(before + 1);
    const columns = await env.DB.prepare("SELECT name FROM pragma_table_info('usage_daily')").all<{ name: string }>();
    expect(columns.results.map((c) => c.name).sort()).toEqual(["count", "day", "name", "type"]);

    const view = await (await call(user, "/api/account/usage", {}, ip)).json<UsageResponse>();
    expect(view.events).toMatchObject({
      recording: true,
      total: 3,
      pages: expect.arrayContaining([
        { name: "/gallery", count: 1 },
        { name: "/support/:id", count: 1 },
      ]),
      features: [{ name: "generate", count: 1 }],
    });
    expect(view.events.recent).toHaveLength(3);
  });

  it("refuses what is not a known page or feature, an address with ids, too many at once, and no session", async () => {
    const user = await signUp({ ip });
    const bad = [
      [pageView("/gallery/0197a0c4-0000-7000-8000-000000000000")],
      [pageView("/nowhere")],
      [feature("teleport")],
      [{ type: "click", name: "/gallery" }],
      [],
      Array.from({ length: 51 }, () => pageView("/gallery")),
      "not a list",
    ];
    for (const events of bad) {
      const res = await send(user, events);
      expect(res.status, JSON.stringify(events).slice(0, 80)).toBe(400);
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe("validation_failed");
    }
    const notJson = await send(user, null, { body: "{oops", headers: { "Content-Type": "application/json" } });
    expect(notJson.status).toBe(400);
    expect((await send(null, [pageView("/gallery")])).status).toBe(401);
    expect(await storedEvents(user.userId)).toEqual([]);
  });

  it("records nothing while the person objects to usage analysis, and again once they stop objecting", async () => {
    const user = await signUp({ ip });
    const object = await call(user, "/api/account/consents", { method: "PUT", json: { usage_analysis: false } }, ip);
    expect(object.status).toBe(200);
    const before = await dailyCount("/billing");
    expect(await recorded(user, [pageView("/billing"), feature("export")])).toBe(0);
    expect(await storedEvents(user.userId)).toEqual([]);
    expect(await dailyCount("/billing")).toBe(before);
    expect((await (await call(user, "/api/account/usage", {}, ip)).json<UsageResponse>()).events.recording).toBe(false);

    await call(user, "/api/account/consents", { method: "PUT", json: { usage_analysis: true } }, ip);
    expect(await recorded(user, [pageView("/billing")])).toBe(1);
  });

  it("records nothing while processing is restricted, even with usage analysis on", async () => {
    const user = await signUp({ ip });
    expect((await call(user, "/api/account/restriction", { method: "PUT", json: { restricted: true } }, ip)).status).toBe(200);
    expect(await recorded(user, [pageView("/create"), feature("upload")])).toBe(0);
    expect(await storedEvents(user.userId)).toEqual([]);

    await call(user, "/api/account/restriction", { method: "PUT", json: { restricted: false } }, ip);
    expect(await recorded(user, [pageView("/create")])).toBe(1);
  });

  it("leaves generation running under a restriction: it is the contract being performed", async () => {
    const user = await signUpVerified({ ip });
    await call(user, "/api/account/restriction", { method: "PUT", json: { restricted: true } }, ip);
    const job = await generated(user, "made while restricted");
    expect(job.status).toBe("succeeded");
  });

  it("deletes events past 13 months in the daily sweep and keeps the rest", async () => {
    const user = await signUp({ ip });
    const now = Date.now();
    const old = usageCutoff(now) - 1;
    await env.DB.prepare(
      "INSERT INTO usage_events (id, user_id, type, name, created_at) VALUES (?1, ?2, 'page_view', '/gallery', ?3), (?4, ?2, 'page_view', '/create', ?5)",
    )
      .bind(newId(old), user.userId, old, newId(now), usageCutoff(now) + 1000)
      .run();
    expect(await sweepUsageEvents(database(env.DB), now)).toBeGreaterThanOrEqual(1);
    expect(await storedEvents(user.userId)).toEqual([{ type: "page_view", name: "/create" }]);
    expect(new Date(usageCutoff(Date.UTC(2026, 11, 8))).toISOString()).toBe("2025-11-08T00:00:00.000Z");
  });
});

describe("GET /api/account/usage", () => {
  it("shows credits spent and generations per local day, this month, and the top models", async () => {
    const user = await signUpVerified({ ip });
    const job = await generated(user, "a quiet harbour");
    // Someone else's work never shows.
    const other = await signUpVerified({ ip });
    await generated(other, "not mine");

    const offset = -new Date().getTimezoneOffset();
    const res = await call(user, `/api/account/usage?days=7&offset=${offset}`, {}, ip);
    expect(res.status).toBe(200);
    const view = await res.json<UsageResponse>();
    expect(view.days).toHaveLength(7);
    const today = view.days.at(-1)!;
    expect(today).toMatchObject({ credits: job.cost, generations: 1, images: job.params.count, videoSeconds: 0 });
    expect(view.days.slice(0, -1).every((d) => d.generations === 0)).toBe(true);
    expect(view.thisMonth).toEqual({ credits: job.cost, generations: 1, images: job.params.count, videoSeconds: 0 });
    expect(view.topModels).toEqual([{ model: "demo-image", generations: 1, credits: job.cost }]);
  });

  it("puts a generation on the viewer's own day", async () => {
    const user = await signUpVerified({ ip });
    await generated(user, "a late-night fox");
    const at = Date.now();
    // 14 hours ahead of UTC and 12 behind put the same moment on local days that can differ.
    for (const offset of [840, -720]) {
      const view = await (await call(user, `/api/account/usage?days=7&offset=${offset}`, {}, ip)).json<UsageResponse>();
      const localDay = new Date(at + offset * 60_000).toISOString().slice(0, 10);
      expect(view.days.find((d) => d.generations > 0)?.day).toBe(localDay);
      expect(view.days.at(-1)!.day).toBe(localDay);
    }
  });

  it("refuses a period or offset out of range", async () => {
    const user = await signUp({ ip });
    for (const query of ["days=0", "days=400", "days=abc", "offset=900", "offset=-841"]) {
      const res = await call(user, `/api/account/usage?${query}`, {}, ip);
      expect(res.status, query).toBe(400);
    }
    expect((await call(null, "/api/account/usage", {}, ip)).status).toBe(401);
  });
});

describe("the staff overview's usage figures", () => {
  it("come from the anonymous daily counts: today, the last 7 days, and the most used pages and features", async () => {
    const db = database(env.DB);
    const before = await usageFigures(db, Date.now());
    const user = await signUp({ ip });
    expect(await recorded(user, [pageView("/account/usage"), pageView("/account/usage"), feature("download")])).toBe(3);
    const after = await usageFigures(db, Date.now());
    expect(after.pageViews.day - before.pageViews.day).toBe(2);
    expect(after.pageViews.week - before.pageViews.week).toBe(2);
    expect(after.features.day - before.features.day).toBe(1);
    expect(after.topPages.length).toBeLessThanOrEqual(3);
    // Yesterday's counts are in the week, not in today.
    const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    await env.DB.prepare(
      "INSERT INTO usage_daily (day, type, name, count) VALUES (?, 'feature', 'export', 5) ON CONFLICT DO UPDATE SET count = count + 5",
    )
      .bind(yesterday)
      .run();
    const later = await usageFigures(db, Date.now());
    expect(later.features.day).toBe(after.features.day);
    expect(later.features.week).toBe(after.features.week + 5);
  });
});
