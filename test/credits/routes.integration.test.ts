import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { LedgerPage } from "../../shared/credits";
import { accountFor } from "../../workers/credits/account-client";
import { encodeCursor } from "../../workers/credits/cursor";
import { closeLiveSession } from "../../workers/credits/live";
import { newId } from "../../workers/lib/ids";
import { api, cookiesFrom, signUpVerified, type TestUser } from "../support/users";
import { countAllRows, freshJob } from "./support";

const IP = "203.0.113.41";
const SIGNUP = Number(env.SIGNUP_CREDITS);

let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  [alice, bob] = await Promise.all([signUpVerified(), signUpVerified()]);
});

const get = (path: string, user?: TestUser) => api(path, { ip: IP, cookie: user?.cookie });

async function errorOf(res: Response): Promise<{ status: number; code: string }> {
  const body = await res.json<{ error: { code: string } }>();
  return { status: res.status, code: body.error.code };
}

describe("GET /api/credits", () => {
  it("answers the signed-in user's balance, sign-up credits included", async () => {
    const res = await get("/api/credits", alice);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(await res.json()).toEqual({ available: SIGNUP, held: 0, debt: 0, flagged: false });
  });

  it("is 401 without a session", async () => {
    expect(await errorOf(await get("/api/credits"))).toEqual({ status: 401, code: "unauthenticated" });
  });
});

describe("GET /api/credits/ledger", () => {
  it("pages newest first with a cursor until nextCursor is null, showing only the user's own rows", async () => {
    const user = await signUpVerified();
    const account = accountFor(env, user.userId);
    const job = newId();
    await account.hold(job, 2, "Generation — 2 images");
    await account.capture(job);
    for (let i = 0; i < 4; i++) await account.grant(`promo-${user.userId}-${i}`, 1, "promo", null);
    await accountFor(env, bob.userId).grant(`bob-${crypto.randomUUID()}`, 7, "promo", null);

    const seen: LedgerPage["items"] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(`/api/credits/ledger?limit=3${cursor ? `&cursor=${cursor}` : ""}`, user);
      expect(res.status).toBe(200);
      const page: LedgerPage = await res.json();
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((r) => r.kind)).toEqual(["grant", "grant", "grant", "grant", "capture", "hold", "grant"]);
    expect(new Set(seen.map((r) => r.id)).size).toBe(7);
    expect(seen.map((r) => r.createdAt)).toEqual([...seen.map((r) => r.createdAt)].sort((a, b) => b - a));
    expect(seen[4]).toEqual({
      id: expect.any(String),
      delta: -2,
      heldDelta: -2,
      debtDelta: 0,
      kind: "capture",
      reference: `job:${job}`,
      description: "Generation — 2 images",
      balanceAfter: SIGNUP - 2,
      createdAt: expect.any(Number),
    });
    expect(seen.at(-1)).toMatchObject({ kind: "grant", delta: SIGNUP, description: "Welcome credits", reference: null });
    // sum(delta) == available + held, as the contract says.
    const total = seen.reduce((sum, r) => sum + r.delta, 0);
    const balance = await (await get("/api/credits", user)).json<{ available: number; held: number }>();
    expect(total).toBe(balance.available + balance.held);
  });

  it("defaults to 50 rows and accepts an empty cursor", async () => {
    const res = await get("/api/credits/ledger?cursor=&limit=", alice);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: [expect.objectContaining({ kind: "grant" })], nextCursor: null });
  });

  it.each(["0", "101", "-1", "1.5", "abc", "1e9", "Infinity"])("refuses limit=%s with 400 validation_failed", async (limit) => {
    expect(await errorOf(await get(`/api/credits/ledger?limit=${limit}`, alice))).toEqual({ status: 400, code: "validation_failed" });
  });

  it("refuses garbled and forged cursors with 400 invalid_cursor", async () => {
    const bobRow = await env.DB.prepare("SELECT id FROM credit_ledger WHERE user_id = ? LIMIT 1").bind(bob.userId).first<{ id: string }>();
    const cursors = [
      "garbage",
      "AAAAAAAAAAAAAAAAAAAAAA", // well-formed base64, not a UUIDv7
      encodeCursor(newId()), // a UUIDv7 that is no ledger row
      encodeCursor(bobRow!.id), // someone else's row
      "%00%01",
      "x".repeat(200),
    ];
    for (const cursor of cursors) {
      const res = await get(`/api/credits/ledger?cursor=${encodeURIComponent(cursor)}`, alice);
      expect(await errorOf(res), cursor).toEqual({ status: 400, code: "invalid_cursor" });
    }
    expect(await errorOf(await get(`/api/credits/ledger?cursor=${"x".repeat(201)}`, alice))).toEqual({
      status: 400,
      code: "validation_failed",
    });
  });

  it("is 401 without a session", async () => {
    expect((await get("/api/credits/ledger")).status).toBe(401);
  });
});

/** Opens `/api/live` as `user` and collects what it is sent. */
async function openLive(user: TestUser) {
  const res = await api("/api/live", { ip: IP, cookie: user.cookie, headers: { Upgrade: "websocket" } });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const messages: unknown[] = [];
  let closed = false;
  ws.addEventListener("message", (event) => messages.push(JSON.parse(String(event.data))));
  ws.addEventListener("close", () => {
    closed = true;
  });
  ws.accept();
  const waitFor = async (predicate: (m: unknown[]) => boolean, what: string) => {
    for (let i = 0; i < 100 && !predicate(messages); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(predicate(messages), what).toBe(true);
  };
  return { ws, messages, waitFor, isClosed: () => closed };
}

describe("GET /api/live", () => {
  it("sends the balance on connect and after every mutation, to this user only", async () => {
    const a = await openLive(alice);
    const b = await openLive(bob);
    await a.waitFor((m) => m.length === 1, "balance on connect");
    expect(a.messages[0]).toEqual({ type: "credits", ...(await accountFor(env, alice.userId).balance()) });
    await b.waitFor((m) => m.length === 1, "bob's balance on connect");

    const job = freshJob();
    await accountFor(env, alice.userId).hold(job, 1);
    await a.waitFor((m) => m.length === 2, "update after the hold");
    expect(a.messages[1]).toMatchObject({ type: "credits", held: 1 });
    await accountFor(env, alice.userId).publish({ type: "job", job: { id: job } as never });
    await a.waitFor((m) => m.length === 3, "published job message");
    expect(a.messages[2]).toEqual({ type: "job", job: { id: job } });
    // A refusal or a replay writes nothing and sends nothing.
    await accountFor(env, alice.userId).hold(job, 1);
    await accountFor(env, alice.userId).capture(freshJob());
    await accountFor(env, alice.userId).release(job);
    await a.waitFor((m) => m.length === 4, "update after the release");

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(b.messages).toHaveLength(1);
    expect(a.messages).toHaveLength(4);
    a.ws.close();
    b.ws.close();
  });

  it("closes a session's sockets when it signs out of that session", async () => {
    const a = await openLive(alice);
    await a.waitFor((m) => m.length === 1, "balance on connect");
    const session = await env.DB.prepare("SELECT id FROM sessions WHERE user_id = ? ORDER BY created_at DESC LIMIT 1")
      .bind(alice.userId)
      .first<{ id: string }>();
    // A second sign-in (another session) on another device.
    const login = await api("/api/auth/login", { method: "POST", ip: IP, json: { email: alice.email, password: alice.password } });
    expect(login.status).toBe(200);
    const other = await openLive({ ...alice, cookie: cookiesFrom(login) });
    await other.waitFor((m) => m.length === 1, "second device connected");

    await closeLiveSession(env, alice.userId, session!.id);
    for (let i = 0; i < 100 && !a.isClosed(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(a.isClosed()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(other.isClosed(), "the other session's socket stays open").toBe(false);
    await closeLiveSession(env, alice.userId); // sign-out everywhere
    for (let i = 0; i < 100 && !other.isClosed(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(other.isClosed()).toBe(true);
  });

  it("is 401 without a session, 426 without an upgrade, 403 from another origin", async () => {
    expect(await errorOf(await api("/api/live", { ip: IP, headers: { Upgrade: "websocket" } }))).toEqual({
      status: 401,
      code: "unauthenticated",
    });
    expect(await errorOf(await get("/api/live", alice))).toEqual({ status: 426, code: "upgrade_required" });
    const foreign = await api("/api/live", {
      ip: IP,
      cookie: alice.cookie,
      headers: { Upgrade: "websocket", Origin: "https://evil.example" },
    });
    expect(await errorOf(foreign)).toEqual({ status: 403, code: "bad_origin" });
  });

  it("writes no ledger row for any of these reads", async () => {
    const before = await countAllRows();
    await get("/api/credits", alice);
    await get("/api/credits/ledger?limit=999", alice);
    await get("/api/credits/ledger?cursor=nope", alice);
    expect(await countAllRows()).toBe(before);
  });
});
