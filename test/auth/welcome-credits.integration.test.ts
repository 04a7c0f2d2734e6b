import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { welcomeAddressHash } from "../../workers/auth/welcome-address";
import { grantMissedWelcomeCredits, WELCOME_RECORD_RETENTION_MS } from "../../workers/auth/welcome-credits";
import { api, signUp, type TestUser, verifyEmailOf } from "../support/users";

const SIGNUP = Number(env.SIGNUP_CREDITS);
const ip = "10.92.0.1";
const unique = () => crypto.randomUUID().slice(0, 8);

async function creditsOf(user: TestUser): Promise<number> {
  const res = await api("/api/me", { cookie: user.cookie, ip });
  return (await res.json<{ credits: { available: number } }>()).credits.available;
}

async function welcomeRow(email: string) {
  const hash = await welcomeAddressHash(env.EMAIL_HASH_SECRET, email);
  return env.DB.prepare("SELECT * FROM welcome_grants WHERE email_hash = ?").bind(hash).first<Record<string, unknown>>();
}

async function deleteAndPurge(user: TestUser): Promise<void> {
  const res = await api("/api/account", { method: "DELETE", cookie: user.cookie, ip, json: { password: user.password } });
  expect(res.status).toBe(202);
  for (let i = 0; i < 400; i++) {
    if (!(await env.DB.prepare("SELECT 1 FROM users WHERE id = ?").bind(user.userId).first())) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`purge of ${user.userId} did not finish`);
}

describe("welcome credits", () => {
  it("arrive when the address is verified, not at sign-up, and only once", async () => {
    const user = await signUp({ ip });
    expect(await creditsOf(user)).toBe(0);
    await verifyEmailOf(user);
    expect(await creditsOf(user)).toBe(SIGNUP);
    const ledger = await env.DB.prepare("SELECT delta, idempotency_key FROM credit_ledger WHERE user_id = ?").bind(user.userId).all();
    expect(ledger.results).toEqual([{ delta: SIGNUP, idempotency_key: `grant:${user.userId}` }]);

    const row = await welcomeRow(user.email);
    expect(row).toMatchObject({ user_id: user.userId, granted_at: expect.any(Number) });
    // The record holds a keyed hash, never the address or any part of it.
    expect(JSON.stringify(row)).not.toContain(user.email.split("@")[0]);
  });

  it("are not granted again to the same mailbox under another spelling (+tag, case, Gmail dots)", async () => {
    const base = `ada.love.${unique()}`;
    const first = await signUp({ ip, email: `${base}@gmail.com` });
    await verifyEmailOf(first);
    expect(await creditsOf(first)).toBe(SIGNUP);
    for (const spelling of [`${base.replaceAll(".", "")}+farm@googlemail.com`, `${base.toUpperCase()}+x@Gmail.com`]) {
      const other = await signUp({ ip, email: spelling });
      await verifyEmailOf(other);
      expect(await creditsOf(other), spelling).toBe(0);
    }
  });

  it("are not granted again after the account is deleted and the address signs up anew; the record then names no account", async () => {
    const email = `farmer-${unique()}@example.com`;
    const first = await signUp({ ip, email });
    await verifyEmailOf(first);
    expect(await creditsOf(first)).toBe(SIGNUP);
    await deleteAndPurge(first);
    expect(await welcomeRow(email)).toMatchObject({ user_id: null, granted_at: expect.any(Number) });

    const again = await signUp({ ip, email: email.replace("@", "+again@") });
    await verifyEmailOf(again);
    expect(await creditsOf(again)).toBe(0);
    const ledger = await env.DB.prepare("SELECT COUNT(*) AS n FROM credit_ledger WHERE user_id = ?")
      .bind(again.userId)
      .first<{ n: number }>();
    expect(ledger!.n).toBe(0);
  });

  it("one per account: verifying a changed address grants nothing more", async () => {
    const user = await signUp({ ip });
    await verifyEmailOf(user);
    const newEmail = `changed-${unique()}@example.com`;
    const change = await api("/api/me", {
      method: "PATCH",
      cookie: user.cookie,
      ip,
      json: { email: newEmail, currentPassword: user.password },
    });
    expect(change.status).toBe(200);
    await verifyEmailOf({ ...user, email: newEmail });
    expect(await creditsOf(user)).toBe(SIGNUP);
    expect(await welcomeRow(newEmail)).toBeNull();
  });
});

describe("the welcome-credit backstop (cron)", () => {
  it("grants a claim whose grant failed, and claims for a verified account whose claim was never written", async () => {
    const pending = await signUp({ ip });
    const unclaimed = await signUp({ ip });
    const now = Date.now();
    const hash = await welcomeAddressHash(env.EMAIL_HASH_SECRET, pending.email);
    await env.DB.batch([
      env.DB.prepare("UPDATE users SET email_verified_at = ?1 WHERE id IN (?2, ?3)").bind(now, pending.userId, unclaimed.userId),
      env.DB.prepare("INSERT INTO welcome_grants (email_hash, user_id, created_at) VALUES (?1, ?2, ?3)").bind(hash, pending.userId, now),
    ]);
    await grantMissedWelcomeCredits(env, now + 2 * 60_000);
    expect(await creditsOf(pending)).toBe(SIGNUP);
    expect(await creditsOf(unclaimed)).toBe(SIGNUP);
    expect(await welcomeRow(pending.email)).toMatchObject({ user_id: pending.userId, granted_at: expect.any(Number) });
    // Running again grants nothing more.
    await grantMissedWelcomeCredits(env, now + 3 * 60_000);
    expect(await creditsOf(pending)).toBe(SIGNUP);
  });

  it("never grants a verified account whose address was claimed before, nor an unverified one", async () => {
    const email = `twice-${unique()}@example.com`;
    const first = await signUp({ ip, email });
    await verifyEmailOf(first);
    const second = await signUp({ ip, email: email.toUpperCase().replace("@", "+2@") });
    const unverified = await signUp({ ip });
    const now = Date.now();
    await env.DB.prepare("UPDATE users SET email_verified_at = ?1 WHERE id = ?2").bind(now, second.userId).run();
    await grantMissedWelcomeCredits(env, now + 2 * 60_000);
    expect(await creditsOf(second)).toBe(0);
    expect(await creditsOf(unverified)).toBe(0);
  });
});

describe("the confirm-your-email banner's development link", () => {
  it("shows the newest verification email to the address as a page, in local development only", async () => {
    const user = await signUp({ ip });
    const res = await api(`/api/dev/emails/verification?to=${encodeURIComponent(user.email.toUpperCase())}`, { ip });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain("Confirm your email for Ausar");
    expect(page).toMatch(/href="[^"]*\/verify-email\?token=[^"]+"/);

    expect((await api("/api/dev/emails/verification?to=nobody%40example.com", { ip })).status).toBe(404);
    const { exports } = await import("cloudflare:workers");
    const remote = await exports.default.fetch(
      new Request(`https://ausar.example/api/dev/emails/verification?to=${encodeURIComponent(user.email)}`),
    );
    expect(remote.status).toBe(404);
  });
});

describe("the welcome record's retention", () => {
  it("is deleted by the cron task once older than three years, and not before", async () => {
    const now = Date.now();
    const [old, recent] = [`old-${unique()}`, `recent-${unique()}`];
    await env.DB.batch([
      env.DB.prepare("INSERT INTO welcome_grants (email_hash, user_id, created_at, granted_at) VALUES (?1, NULL, ?2, ?2)").bind(
        old,
        now - WELCOME_RECORD_RETENTION_MS - 1,
      ),
      env.DB.prepare("INSERT INTO welcome_grants (email_hash, user_id, created_at, granted_at) VALUES (?1, NULL, ?2, ?2)").bind(
        recent,
        now - WELCOME_RECORD_RETENTION_MS + 60_000,
      ),
    ]);
    await grantMissedWelcomeCredits(env, now);
    const left = await env.DB.prepare("SELECT email_hash FROM welcome_grants WHERE email_hash IN (?1, ?2)").bind(old, recent).all();
    expect(left.results).toEqual([{ email_hash: recent }]);
  });
});
