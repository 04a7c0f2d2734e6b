import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { accountDataContributions } from "../../workers/account-data";
import { codeAt } from "../../workers/auth/two-factor/totp";
import { ledgerKeys } from "../../workers/billing/ledger-lines";
import { accountFor } from "../../workers/credits/account-client";
import { Budget } from "../../workers/privacy/budget";
import { privacyDeps } from "../../workers/privacy/deps";
import { purgeAccount } from "../../workers/privacy/purge";
import { staffUser } from "../admin/staff";
import { png } from "../media/fixtures";
import { keysUnder, uploaded } from "../media/helpers";
import { addedPasskey } from "../support/passkeys";
import { api, cookiesFrom, signUp, signUpVerified, type TestUser } from "../support/users";
import { call, generated, readyExport, rowsMentioning, seedBilling, waitFor } from "./support";

const ip = "10.91.3.1";

function deleteAccount(user: TestUser, password = user.password) {
  return call(user, "/api/account", { method: "DELETE", json: { password } }, ip);
}

/** Waits until the purge has removed the user row (the purge's last step). */
function purged(userId: string) {
  return waitFor(async () => {
    const row = await env.DB.prepare("SELECT id FROM users WHERE id = ?").bind(userId).first();
    return row ? undefined : true;
  }, `purge of ${userId}`);
}

async function objectsOf(userId: string): Promise<string[]> {
  const keys = await Promise.all([`uploads/${userId}/`, `media/${userId}/`, `exports/${userId}/`].map(keysUnder));
  return keys.flat();
}

/** A live connection to `/api/live`, to see it closed. */
async function openLive(user: TestUser) {
  const res = await call(user, "/api/live", { headers: { Upgrade: "websocket" } }, ip);
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  let closed = false;
  ws.addEventListener("close", () => {
    closed = true;
  });
  ws.accept();
  return { isClosed: () => closed };
}

describe("account deletion", () => {
  it("refuses a wrong password and deletes nothing", async () => {
    const user = await signUp({ ip });
    const res = await deleteAccount(user, "not-my-password-at-all");
    expect(res.status).toBe(400);
    const body = await res.json<{ error: { code: string; message: string }; issues: { path: string }[] }>();
    expect(body.error.code).toBe("validation_failed");
    expect(body.issues.map((i) => i.path)).toEqual(["password"]);
    expect((await call(user, "/api/me", {}, ip)).status).toBe(200);
    const row = await env.DB.prepare("SELECT deleted_at FROM users WHERE id = ?").bind(user.userId).first<{ deleted_at: number | null }>();
    expect(row!.deleted_at).toBeNull();
    expect((await call(user, "/api/account", { method: "DELETE", json: {} }, ip)).status).toBe(400);
    expect((await call(null, "/api/account", { method: "DELETE", json: { password: "x" } }, ip)).status).toBe(401);
  });

  it("limits password attempts", async () => {
    const user = await signUp({ ip });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await deleteAccount(user, `wrong-${i}`)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    expect((await deleteAccount(user)).status).toBe(429);
  });

  it("ends the account at once and purges every personal row and object; payments stay, pseudonymised", async () => {
    const referrer = await signUpVerified({ ip });
    const referrerCode = (await (await call(referrer, "/api/me", {}, ip)).json<{ user: { referralCode: string } }>()).user.referralCode;
    const user = await signUpVerified({ ip, referralCode: referrerCode });
    const friendCode = (await (await call(user, "/api/me", {}, ip)).json<{ user: { referralCode: string } }>()).user.referralCode;
    const friend = await signUp({ ip, referralCode: friendCode });

    // Data everywhere: uploads, generations with thumbnails, a share link, consents, an export, billing, a referral bonus.
    const upload = await uploaded(user, png(32, 24));
    await generated(user, "a fox in the snow");
    await call(user, `/api/media/${upload.id}/share`, { method: "POST", json: {} }, ip);
    await call(user, "/api/account/consents", { method: "PUT", json: { product_emails: true } }, ip);
    await readyExport(user);
    const { paymentId } = await seedBilling(user.userId);
    await env.DB.prepare(
      `INSERT INTO referral_rewards (referred_user_id, referrer_id, payment_id, referrer_credits, referred_credits, status, created_at)
       VALUES (?1, ?2, ?3, 100, 50, 'granted', ?4)`,
    )
      .bind(user.userId, referrer.userId, paymentId, Date.now())
      .run();
    await accountFor(env, referrer.userId).grant(ledgerKeys.referral(user.userId, "referrer"), 100, "referral", `payment:${paymentId}`);
    await call(user, "/api/auth/login", { method: "POST", json: { email: user.email, password: "a-wrong-password!" } }, ip);
    const second = await api("/api/auth/login", { method: "POST", ip, json: { email: user.email, password: user.password } });
    const otherDevice = { ...user, cookie: cookiesFrom(second) };
    const live = await openLive(user);
    // A support thread, and two-factor turned on (its secret and recovery codes).
    const thread = await (
      await call(user, "/api/support/threads", { method: "POST", json: { subject: "Help", message: "A question" } }, ip)
    ).json<{ thread: { id: string } }>();
    const { secret } = await (await call(user, "/api/account/2fa/totp", { method: "POST" }, ip)).json<{ secret: string }>();
    expect(
      (await call(user, "/api/account/2fa/totp/confirm", { method: "POST", json: { code: codeAt(secret, Date.now()) } }, ip)).status,
    ).toBe(200);
    // An API key, which must stop at once and go with the account.
    expect(
      (await call(user, "/api/developers/keys", { method: "POST", json: { name: "script", scopes: ["credits:read"] } }, ip)).status,
    ).toBe(201);
    // A webhook endpoint with a delivery (the test event) in its log.
    const hook = await call(
      user,
      "/api/developers/webhooks",
      { method: "POST", json: { url: "https://hooks.example.com/deletion", events: ["generation.succeeded"] } },
      ip,
    );
    const { endpoint } = await hook.json<{ endpoint: { id: string } }>();
    expect((await call(user, `/api/developers/webhooks/${endpoint.id}/test`, { method: "POST" }, ip)).status).toBe(202);
    // Usage data (page views, a feature) and a product email sent about a job.
    const usage = await call(
      user,
      "/api/usage/events",
      {
        method: "POST",
        json: {
          events: [
            { type: "page_view", name: "/gallery" },
            { type: "feature", name: "share" },
          ],
        },
      },
      ip,
    );
    expect(await usage.json()).toEqual({ recorded: 2 });
    // A connected Whop account (Sign in with Whop): its user id and address go with the account.
    await env.DB.prepare(
      "INSERT INTO linked_identities (id, user_id, provider, subject, email, linked_at) VALUES (?1, ?2, 'whop', ?3, ?4, ?5)",
    )
      .bind(crypto.randomUUID(), user.userId, `user_${user.userId}`, user.email, Date.now())
      .run();
    await env.DB.prepare("INSERT INTO product_emails (kind, reference, user_id, sent_at) VALUES ('job_ready', ?1, ?2, ?3)")
      .bind(crypto.randomUUID(), user.userId, Date.now())
      .run();
    // A passkey, and a second one begun but not finished (its challenge names the person for five minutes).
    await addedPasskey(user);
    const begun = await call(
      user,
      "/api/auth/passkeys/registration/options",
      { method: "POST", json: { currentPassword: user.password } },
      ip,
    );
    expect(begun.status).toBe(200);
    // A staff read about the person leaves an audit row naming them (the export above left a data request).
    const admin = await staffUser("admin");
    expect((await call(admin, `/api/admin/audit?target=${user.userId}`, {}, ip)).status).toBe(200);
    // The scenario holds data in every table a capability's purge covers, so the empty check after
    // the purge below would catch a step that missed one. (Refresh tokens name a session and support
    // messages a thread, not the person: they are checked through their parent below.)
    const throughParent = ["refresh_tokens", "support_messages"];
    const covered = accountDataContributions.flatMap((c) => c.tables).filter((table) => !throughParent.includes(table));
    expect(Object.keys(await rowsMentioning(user.userId, user.email)).sort()).toEqual(expect.arrayContaining(covered.sort()));
    expect(Object.keys(await rowsMentioning(thread.thread.id))).toContain("support_messages");
    expect(await objectsOf(user.userId)).not.toHaveLength(0);

    const res = await deleteAccount(user);
    expect(res.status).toBe(202);
    // Cookies cleared, every session over at once (this device and the other), sockets closed.
    expect(res.headers.getSetCookie().join("\n")).toMatch(/ausar_at=;.*Max-Age=0/i);
    expect((await call(user, "/api/me", {}, ip)).status).toBe(401);
    expect((await call(otherDevice, "/api/me", {}, ip)).status).toBe(401);
    expect((await call(otherDevice, "/api/auth/refresh", { method: "POST" }, ip)).status).toBe(401);
    await waitFor(async () => (live.isClosed() ? true : undefined), "live socket closed");
    expect((await api("/api/auth/login", { method: "POST", ip, json: { email: user.email, password: user.password } })).status).toBe(401);

    await purged(user.userId);

    // No row anywhere names the person's id or email — except none at all: payments keep no link.
    expect(await rowsMentioning(user.userId, user.email)).toEqual({});
    expect(await rowsMentioning(thread.thread.id)).toEqual({});
    expect(await objectsOf(user.userId)).toEqual([]);
    const payment = await env.DB.prepare(
      "SELECT user_id, user_ref, whop_user_id, membership_id, amount_minor, status FROM payments WHERE id = ?",
    )
      .bind(paymentId)
      .first<Record<string, unknown>>();
    expect(payment).toMatchObject({
      user_id: null,
      whop_user_id: null,
      membership_id: null,
      amount_minor: 1900,
      status: "partially_refunded",
    });
    expect(String(payment!.user_ref)).toMatch(/^erased:/);
    const reversals = await env.DB.prepare("SELECT COUNT(*) AS n FROM payment_reversals WHERE payment_id = ?")
      .bind(paymentId)
      .first<{ n: number }>();
    expect(reversals!.n).toBe(1);

    // Other people keep their accounts and money, without the link to the person.
    const friendRow = await env.DB.prepare("SELECT referred_by FROM users WHERE id = ?")
      .bind(friend.userId)
      .first<{ referred_by: string | null }>();
    expect(friendRow!.referred_by).toBeNull();
    expect(await accountFor(env, referrer.userId).balance()).toMatchObject({ available: 150 });
    expect((await call(friend, "/api/me", {}, ip)).status).toBe(200);

    // The email can sign up again, as a new account.
    const again = await signUp({ ip, email: user.email });
    expect(again.userId).not.toBe(user.userId);
  });

  it("purges idempotently: running it again (or the follow-up pass) changes nothing", async () => {
    const user = await signUp({ ip });
    const bystander = await signUp({ ip });
    await uploaded(user, png(16, 16));
    const kept = await uploaded(bystander, png(16, 16));
    expect((await deleteAccount(user)).status).toBe(202);
    await purged(user.userId);

    const sent: unknown[] = [];
    const deps = { ...privacyDeps(env), enqueue: async (task: unknown) => void sent.push(task) };
    expect(await purgeAccount(deps, user.userId, false)).toBe("done");
    expect(await purgeAccount(deps, user.userId, true)).toBe("done");
    expect(sent).toEqual([{ type: "purge", userId: user.userId, final: true }]);
    expect(await rowsMentioning(user.userId, user.email)).toEqual({});
    expect((await call(bystander, `/api/media/${kept.id}`, {}, ip)).status).toBe(200);
  });

  it("never purges a live account", async () => {
    const user = await signUp({ ip });
    await uploaded(user, png(16, 16));
    const deps = { ...privacyDeps(env), enqueue: async () => {} };
    expect(await purgeAccount(deps, user.userId, false)).toBe("refused");
    expect((await call(user, "/api/me", {}, ip)).status).toBe(200);
    expect(await objectsOf(user.userId)).toHaveLength(2);
  });

  it("works in chunks: a purge that runs out of its budget hands the rest to a new message", async () => {
    const user = await signUp({ ip });
    // More rows than one invocation's budget deletes (500 per call), written directly.
    const values = Array.from(
      { length: 3000 },
      (_, i) => `('${crypto.randomUUID()}', '${user.userId}', 'm${i}', 'h${crypto.randomUUID()}', 0, 0)`,
    );
    for (let i = 0; i < values.length; i += 300) {
      await env.DB.prepare(
        `INSERT INTO share_links (id, user_id, media_id, token_hash, expires_at, created_at) VALUES ${values.slice(i, i + 300).join(",")}`,
      ).run();
    }
    await env.DB.prepare("UPDATE users SET deleted_at = ?1 WHERE id = ?2").bind(Date.now(), user.userId).run();
    const sent: unknown[] = [];
    const deps = { ...privacyDeps(env), enqueue: async (task: unknown) => void sent.push(task) };

    // 24 calls cover every step once but not six full chunks of share links as well.
    expect(await purgeAccount(deps, user.userId, false, new Budget(24))).toBe("continued");
    expect(sent).toEqual([{ type: "purge", userId: user.userId, final: false }]);
    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM users WHERE id = ?").bind(user.userId).first<{ n: number }>();
    expect(left!.n).toBe(1);
    expect(await purgeAccount(deps, user.userId, false, new Budget(48))).toBe("done");
    expect(await rowsMentioning(user.userId)).toEqual({});
  });
});
