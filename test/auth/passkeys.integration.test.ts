import { env } from "cloudflare:workers";
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { describe, expect, it } from "vitest";
import { sweepChallenges } from "../../workers/auth/passkeys/challenges";
import { database } from "../../workers/db/client";
import { enrolTotp } from "../admin/totp";
import { SoftPasskey, type Tamper } from "../support/passkey-authenticator";
import { TEST_ORIGIN } from "../support/passkeys";
import { api, cookiesFrom, randomIp, signUp, type TestUser } from "../support/users";

/** The tests call the Worker at http://localhost: in development that is the relying party (RP ID `localhost`). */
const ORIGIN = TEST_ORIGIN;
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

const post = (path: string, cookie: string | undefined, json?: unknown, headers: Record<string, string> = {}) =>
  api(path, { method: "POST", cookie, json, ip: randomIp(), headers });

async function registrationOptions(user: TestUser, cookie = user.cookie): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const res = await post("/api/auth/passkeys/registration/options", cookie, { currentPassword: user.password });
  expect(res.status).toBe(200);
  return (await res.json<{ options: PublicKeyCredentialCreationOptionsJSON }>()).options;
}

/** Adds `key` to `user`'s account through the API; answers the verify step's response. */
async function addPasskey(user: TestUser, key: SoftPasskey, tamper: Tamper = {}, name?: string): Promise<Response> {
  const options = await registrationOptions(user);
  return post("/api/auth/passkeys/registration/verify", user.cookie, { response: await key.register(options, ORIGIN, tamper), name });
}

async function signInOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const res = await post("/api/auth/passkeys/authentication/options", undefined);
  expect(res.status).toBe(200);
  return (await res.json<{ options: PublicKeyCredentialRequestOptionsJSON }>()).options;
}

/** Signs in with `key` (no email anywhere), as the sign-in page does. */
async function signInWith(key: SoftPasskey, tamper: Tamper = {}, headers: Record<string, string> = {}): Promise<Response> {
  const response = await key.assert(await signInOptions(), ORIGIN, tamper);
  return post("/api/auth/passkeys/authentication/verify", undefined, { response }, headers);
}

const sessionsOf = (userId: string) =>
  env.DB.prepare(
    "SELECT browser, os, screen, created_at, expires_at, second_factor_at FROM sessions WHERE user_id = ?1 ORDER BY created_at",
  )
    .bind(userId)
    .all<{
      browser: string | null;
      os: string | null;
      screen: string | null;
      created_at: number;
      expires_at: number;
      second_factor_at: number | null;
    }>();

const listOf = async (user: TestUser) =>
  (
    await (
      await api("/api/auth/passkeys", { cookie: user.cookie })
    ).json<{ passkeys: { id: string; name: string; lastUsedAt: number | null }[] }>()
  ).passkeys;

describe("passkeys", () => {
  it("adds a passkey and signs in with it, no email typed, into the session a password sign-in makes, second factor proved", async () => {
    const user = await signUp();
    const key = await SoftPasskey.create();
    const options = await registrationOptions(user);
    // Discoverable, user verification required, bound to this app's host; the user handle is the account id.
    expect(options.rp).toEqual({ name: "Ausar", id: "localhost" });
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "required" });
    expect(
      new TextDecoder().decode(Uint8Array.from(atob(options.user.id.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0))),
    ).toBe(user.userId);
    const added = await post(
      "/api/auth/passkeys/registration/verify",
      user.cookie,
      { response: await key.register(options, ORIGIN) },
      { "User-Agent": CHROME },
    );
    expect(added.status).toBe(201);
    const { passkey } = await added.json<{ passkey: { id: string; name: string; createdAt: number; lastUsedAt: null } }>();
    expect(passkey).toMatchObject({ name: "Chrome on Linux", lastUsedAt: null, backedUp: false });
    expect(JSON.stringify(passkey)).not.toContain(key.credentialId);

    const signedIn = await signInWith(key, {}, { "User-Agent": CHROME, "Ausar-Screen": "1920x1080" });
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toMatchObject({ user: { id: user.userId, email: user.email.toLowerCase() } });
    const cookie = cookiesFrom(signedIn);
    expect(cookie).toMatch(/ausar_at=.+; ausar_rt=.+/);
    expect((await api("/api/me", { cookie })).status).toBe(200);
    const sessions = (await sessionsOf(user.userId)).results;
    expect(sessions).toHaveLength(2);
    const session = sessions[1]!;
    expect(session).toMatchObject({ browser: "Chrome", os: "Linux", screen: "1900x1100" });
    expect(session.second_factor_at).not.toBeNull();
    // A person's 30 idle days, as for a password sign-in.
    expect(session.expires_at - session.created_at).toBe(30 * 24 * 3600 * 1000);
    expect((await listOf(user))[0]!.lastUsedAt).not.toBeNull();
  });

  it("skips the authenticator code with two-factor on, and opens the staff console in a 12-hour session", async () => {
    const staff = await signUp();
    const key = await SoftPasskey.create();
    expect((await addPasskey(staff, key)).status).toBe(201);
    await enrolTotp(staff.userId);
    await env.DB.prepare("UPDATE users SET role = 'support' WHERE id = ?1").bind(staff.userId).run();
    // With a password the person now gets only a ticket for the code step; with the passkey, a session.
    const password = await post("/api/auth/login", undefined, { email: staff.email, password: staff.password });
    expect(await password.json()).toMatchObject({ secondFactor: "totp" });
    const signedIn = await signInWith(key);
    expect(signedIn.status).toBe(200);
    const cookie = cookiesFrom(signedIn);
    expect((await api("/api/admin/users?q=x", { cookie })).status).toBe(200);
    const session = (await sessionsOf(staff.userId)).results.at(-1)!;
    expect(session.expires_at - session.created_at).toBe(12 * 3600 * 1000);
  });

  it("refuses a replayed assertion, a used, expired or other-purpose challenge, another origin or RP ID, no user verification, a count that goes back", async () => {
    const user = await signUp();
    const key = await SoftPasskey.create();
    expect((await addPasskey(user, key)).status).toBe(201);
    const refusedWith = async (res: Response) => {
      if (res.status !== 401) throw new Error(await res.text());
      expect(await res.json()).toMatchObject({ error: { code: "invalid_credentials" } });
      expect(res.headers.getSetCookie()).toEqual([]);
    };

    const options = await signInOptions();
    const response = await key.assert(options, ORIGIN);
    expect((await post("/api/auth/passkeys/authentication/verify", undefined, { response })).status).toBe(200);
    await refusedWith(await post("/api/auth/passkeys/authentication/verify", undefined, { response }));
    // A fresh signature over the used challenge.
    await refusedWith(await post("/api/auth/passkeys/authentication/verify", undefined, { response: await key.assert(options, ORIGIN) }));

    const stale = await signInOptions();
    await env.DB.prepare("UPDATE passkey_challenges SET expires_at = ?1 WHERE challenge = ?2")
      .bind(Date.now() - 1, stale.challenge)
      .run();
    await refusedWith(await post("/api/auth/passkeys/authentication/verify", undefined, { response: await key.assert(stale, ORIGIN) }));

    // A registration challenge does not sign anyone in.
    const registration = await registrationOptions(user);
    await refusedWith(
      await post("/api/auth/passkeys/authentication/verify", undefined, {
        response: await key.assert(await signInOptions(), ORIGIN, { challenge: registration.challenge }),
      }),
    );
    await refusedWith(await signInWith(key, { origin: "https://evil.example" }));
    await refusedWith(await signInWith(key, { rpId: "evil.example" }));
    await refusedWith(await signInWith(key, { noUserVerification: true }));
    await refusedWith(await signInWith(key, { counter: 1 }));
    // An unknown passkey, and a signature by another key under a registered credential id.
    await refusedWith(await signInWith(await SoftPasskey.create()));
    await refusedWith(await signInWith(await SoftPasskey.create({ credentialId: key.credentialId, userHandle: key.handle })));
    // The right key, but a user handle naming someone else.
    const other = await signUp();
    await refusedWith(await signInWith(key, { userHandle: btoa(other.userId).replace(/=+$/, "") }));
    expect((await signInWith(key)).status).toBe(200);
  });

  it("refuses a suspended account like a password sign-in, and a deleted one's passkey as unknown", async () => {
    const user = await signUp();
    const key = await SoftPasskey.create();
    expect((await addPasskey(user, key)).status).toBe(201);
    await env.DB.prepare("UPDATE users SET suspended_at = ?1 WHERE id = ?2").bind(Date.now(), user.userId).run();
    const suspended = await signInWith(key);
    expect(suspended.status).toBe(403);
    expect(await suspended.json()).toMatchObject({ error: { code: "account_suspended" } });
    expect(suspended.headers.getSetCookie()).toEqual([]);
    await env.DB.prepare("UPDATE users SET suspended_at = NULL, deleted_at = ?1 WHERE id = ?2").bind(Date.now(), user.userId).run();
    const deleted = await signInWith(key);
    expect(deleted.status).toBe(401);
    expect(deleted.headers.getSetCookie()).toEqual([]);
  });

  it("asks the password to add one, and a proved second factor when two-factor is on; refuses a bad attestation and a key twice", async () => {
    const user = await signUp();
    const wrong = await post("/api/auth/passkeys/registration/options", user.cookie, { currentPassword: "not-my-password-at-all" });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { code: "validation_failed", issues: [{ path: "currentPassword" }] } });
    expect((await post("/api/auth/passkeys/registration/options", undefined, { currentPassword: user.password })).status).toBe(401);

    const key = await SoftPasskey.create();
    for (const tamper of [{ noUserVerification: true }, { origin: "https://evil.example" }, { rpId: "evil.example" }]) {
      const res = await addPasskey(user, key, tamper);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "invalid_passkey" } });
    }
    // Another person's challenge is not this person's.
    const other = await signUp();
    const theirs = await registrationOptions(other);
    const misused = await post("/api/auth/passkeys/registration/verify", user.cookie, { response: await key.register(theirs, ORIGIN) });
    expect(misused.status).toBe(400);
    expect(await listOf(user)).toEqual([]);

    expect((await addPasskey(user, key, {}, "My laptop")).status).toBe(201);
    const twice = await addPasskey(user, key);
    expect(twice.status).toBe(409);
    // The second registration's excludeCredentials already named it.
    expect((await registrationOptions(user)).excludeCredentials?.map((c) => c.id)).toEqual([key.credentialId]);
    expect((await addPasskey(other, key)).status).toBe(409);
    expect((await listOf(user)).map((p) => p.name)).toEqual(["My laptop"]);

    // Two-factor on: a session that signed in before it was turned on has not proved it.
    const twoFactor = await signUp();
    const earlier = cookiesFrom(await post("/api/auth/login", undefined, { email: twoFactor.email, password: twoFactor.password }));
    await enrolTotp(twoFactor.userId);
    const unproved = await post("/api/auth/passkeys/registration/options", earlier, { currentPassword: twoFactor.password });
    expect(unproved.status).toBe(403);
    expect(await unproved.json()).toMatchObject({ error: { code: "second_factor_required" } });
  });

  it("tells an account with no password yet (made through Whop) to set one, rather than that its password is wrong", async () => {
    const person = await signUp();
    await env.DB.prepare("UPDATE users SET password_hash = 'none' WHERE id = ?1").bind(person.userId).run();
    const res = await post("/api/auth/passkeys/registration/options", person.cookie, { currentPassword: "none" });
    expect(res.status).toBe(400);
    const { error } = await res.json<{ error: { code: string; issues: { path: string; message: string }[] } }>();
    expect(error.code).toBe("validation_failed");
    expect(error.issues[0]).toMatchObject({ path: "currentPassword", message: expect.stringMatching(/no password yet/) });
  });

  it("lists, renames and removes only the person's own passkeys; a removed one signs nobody in", async () => {
    const owner = await signUp();
    const stranger = await signUp();
    const key = await SoftPasskey.create();
    const { passkey } = await (await addPasskey(owner, key)).json<{ passkey: { id: string } }>();
    expect(await listOf(stranger)).toEqual([]);
    const path = `/api/auth/passkeys/${passkey.id}`;
    expect((await api(path, { method: "PATCH", cookie: stranger.cookie, json: { name: "Mine now" } })).status).toBe(404);
    expect((await api(path, { method: "DELETE", cookie: stranger.cookie })).status).toBe(404);
    const blank = await api(path, { method: "PATCH", cookie: owner.cookie, json: { name: "   " } });
    expect(blank.status).toBe(400);
    const renamed = await api(path, { method: "PATCH", cookie: owner.cookie, json: { name: " Work phone " } });
    expect(await renamed.json()).toMatchObject({ passkey: { id: passkey.id, name: "Work phone" } });
    expect((await api("/api/auth/passkeys/not-an-id", { method: "DELETE", cookie: owner.cookie })).status).toBe(404);

    expect((await api(path, { method: "DELETE", cookie: owner.cookie })).status).toBe(204);
    expect(await listOf(owner)).toEqual([]);
    expect((await signInWith(key)).status).toBe(401);
    // The password still opens the account: a passkey is never the only way in.
    expect((await post("/api/auth/login", undefined, { email: owner.email, password: owner.password })).status).toBe(200);
  });

  it("keeps challenges single use and sweeps unanswered ones after five minutes", async () => {
    const { challenge } = await signInOptions();
    const row = await env.DB.prepare("SELECT purpose, user_id, expires_at FROM passkey_challenges WHERE challenge = ?1")
      .bind(challenge)
      .first<{ purpose: string; user_id: string | null; expires_at: number }>();
    expect(row).toMatchObject({ purpose: "authentication", user_id: null });
    expect(row!.expires_at - Date.now()).toBeGreaterThan(4 * 60_000);
    await sweepChallenges(database(env.DB), row!.expires_at + 1);
    expect(await env.DB.prepare("SELECT 1 FROM passkey_challenges WHERE challenge = ?1").bind(challenge).first()).toBeNull();
  });
});
