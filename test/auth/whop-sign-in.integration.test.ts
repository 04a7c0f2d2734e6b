import { env } from "cloudflare:workers";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POLICY_VERSION } from "../../shared/policy";
import { codeAt } from "../../workers/auth/two-factor/totp";
import { whopOAuthConfig } from "../../workers/auth/whop/config";
import { type FakeWhopOAuth, fakeWhopOAuth, fakeWhopUser } from "../support/fake-whop-oauth";
import { api, cookiesFrom, randomIp, signUp, TEST_PASSWORD, type TestUser, tokenFromEmail, waitForEmail } from "../support/users";

// biome-ignore lint/suspicious/noExplicitAny: test reads of JSON answers
type Json = Record<string, any>;

const CALLBACK = "http://localhost/api/auth/whop/callback";
let fake: FakeWhopOAuth;

beforeAll(async () => {
  fake = await fakeWhopOAuth({
    issuer: env.WHOP_OAUTH_ISSUER,
    clientId: env.WHOP_OAUTH_CLIENT_ID,
    clientSecret: env.WHOP_OAUTH_CLIENT_SECRET,
    redirectUris: [CALLBACK],
  });
});

beforeEach(() => {
  fake.tamper = {};
  fake.signedIn = fakeWhopUser();
  // The Worker's calls to Whop's origin reach the fake; nothing leaves the machine.
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    return request.url.startsWith(fake.issuer) ? fake.handle(request) : realFetch(input, init);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** What any refusal must leave as it was. */
async function counts() {
  const one = async (table: string) => (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>())?.n ?? 0;
  return {
    users: await one("users"),
    identities: await one("linked_identities"),
    consents: await one("consents"),
    sessions: await one("sessions"),
  };
}

/** "Sign in with Whop" up to Whop's consent page: the authorize address and this browser's cookie. */
async function start(cookie = "", intent?: "connect") {
  if (intent === "connect") {
    // Account → Security's "Connect Whop": the person's password again, then Whop's address to go to.
    const res = await post("/api/account/whop/connect", cookie, { password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    return { authorize: new URL((await res.json<Json>()).authorizeUrl), cookie: cookiesFrom(res, cookie) };
  }
  const res = await api("/api/auth/whop/start", { cookie, redirect: "manual" });
  expect(res.status).toBe(303);
  return { authorize: new URL(res.headers.get("Location") ?? ""), cookie: cookiesFrom(res, cookie) };
}

/** Approving on the fake's consent page: Whop's redirect back to Ausar, with `code` and `state`. */
async function approve(authorize: URL): Promise<URL> {
  const res = await fake.handle(new Request(`${fake.issuer}/oauth/authorize`, { method: "POST", body: authorize.searchParams }));
  expect(res.status).toBe(302);
  return new URL(res.headers.get("Location") ?? "");
}

async function callback(back: URL, cookie: string) {
  const res = await api(back.pathname + back.search, { cookie, redirect: "manual" });
  expect(res.status).toBe(303);
  return { location: res.headers.get("Location") ?? "", cookie: cookiesFrom(res, cookie), res };
}

/** The whole round trip: start, approve at the fake, back to the callback. */
async function roundTrip(cookie = "", intent?: "connect") {
  const started = await start(cookie, intent);
  const back = await approve(started.authorize);
  return { ...(await callback(back, started.cookie)), back, flowCookie: started.cookie };
}

const post = (path: string, cookie: string, json: unknown) => api(path, { method: "POST", cookie, json, ip: randomIp() });
const me = (cookie: string) => api("/api/me", { cookie });
const hasSession = (cookie: string) => /(^|; )ausar_at=/.test(cookie);

async function identityOf(userId: string) {
  return env.DB.prepare("SELECT provider, subject, email FROM linked_identities WHERE user_id = ?").bind(userId).first<Json>();
}

/** A new person through Whop, confirmed: their session cookie and user id. */
async function newWhopPerson(): Promise<{ cookie: string; userId: string }> {
  const trip = await roundTrip();
  const created = await post("/api/auth/whop/signup", trip.cookie, { name: "Grace Hopper", ageConfirmed: true, acceptPolicies: true });
  expect(created.status).toBe(201);
  return { cookie: cookiesFrom(created, trip.cookie), userId: (await created.json<Json>()).user.id };
}

describe("configuration", () => {
  it("is off without the client id and secret, and takes plain http only for a local fake in development", () => {
    expect(
      whopOAuthConfig({ WHOP_OAUTH_CLIENT_ID: "", WHOP_OAUTH_CLIENT_SECRET: "s", WHOP_OAUTH_ISSUER: "https://api.whop.com" }),
    ).toBeNull();
    expect(whopOAuthConfig({ WHOP_OAUTH_CLIENT_ID: "app_x", WHOP_OAUTH_CLIENT_SECRET: "" })).toBeNull();
    expect(whopOAuthConfig({ WHOP_OAUTH_CLIENT_ID: "app_x", WHOP_OAUTH_CLIENT_SECRET: "s" })?.issuer).toBe("https://api.whop.com");
    const local = { WHOP_OAUTH_CLIENT_ID: "app_x", WHOP_OAUTH_CLIENT_SECRET: "s", WHOP_OAUTH_ISSUER: "http://127.0.0.1:9999" };
    expect(whopOAuthConfig({ ...local, ENVIRONMENT: "development" })?.allowHttp).toBe(true);
    expect(whopOAuthConfig({ ...local, ENVIRONMENT: "production" })).toBeNull();
    expect(whopOAuthConfig({ ...local, WHOP_OAUTH_ISSUER: "http://whop.example", ENVIRONMENT: "development" })).toBeNull();
  });

  it("says it is on, and sends the browser to Whop with state, nonce and an S256 PKCE challenge but no secret", async () => {
    expect(await (await api("/api/auth/whop")).json()).toEqual({ enabled: true });
    const { authorize, cookie } = await start();
    expect(authorize.origin + authorize.pathname).toBe(`${fake.issuer}/oauth/authorize`);
    const q = authorize.searchParams;
    expect(q.get("response_type")).toBe("code");
    expect(q.get("client_id")).toBe(env.WHOP_OAUTH_CLIENT_ID);
    expect(q.get("redirect_uri")).toBe(CALLBACK);
    expect(q.get("scope")).toBe("openid profile email");
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get("state")?.length).toBeGreaterThanOrEqual(22);
    expect(q.get("nonce")?.length).toBeGreaterThanOrEqual(22);
    expect(authorize.toString()).not.toContain(env.WHOP_OAUTH_CLIENT_SECRET);
    // The round trip's secrets are in an encrypted cookie: neither the state nor anything else readable.
    expect(cookie).toMatch(/^ausar_whop=[\w-]+\.[\w-]*\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(cookie).not.toContain(q.get("state"));
  });
});

describe("a new person", () => {
  it("becomes an account from the verified Whop email only after confirming 18+ and the policies", async () => {
    const before = await counts();
    const trip = await roundTrip();
    expect(trip.location).toBe("/whop-sign-in");
    expect(hasSession(trip.cookie)).toBe(false);
    expect(await counts()).toEqual(before);
    // The token exchange carried the client secret and the PKCE verifier (the fake checks both).
    expect(fake.requests.map((r) => r.path)).toEqual(expect.arrayContaining(["/oauth/token", "/.well-known/jwks.json", "/oauth/userinfo"]));

    const pending = await api("/api/auth/whop/pending", { cookie: trip.cookie });
    expect(await pending.json()).toEqual({ step: "sign_up", email: fake.signedIn.email, name: "Grace Hopper", emailVerified: true });

    const unconfirmed = await post("/api/auth/whop/signup", trip.cookie, {
      name: "Grace Hopper",
      ageConfirmed: false,
      acceptPolicies: true,
    });
    expect(unconfirmed.status).toBe(400);
    expect((await unconfirmed.json<Json>()).error.issues.map((i: Json) => i.path)).toEqual(["ageConfirmed"]);
    expect(await counts()).toEqual(before);

    const created = await post("/api/auth/whop/signup", trip.cookie, { name: "Grace H.", ageConfirmed: true, acceptPolicies: true });
    expect(created.status).toBe(201);
    const cookie = cookiesFrom(created, trip.cookie);
    expect(cookie).not.toContain("ausar_whop=");
    const { user } = await (await me(cookie)).json<Json>();
    expect(user).toMatchObject({ email: fake.signedIn.email, name: "Grace H.", emailVerified: true });
    const row = await env.DB.prepare("SELECT password_hash, age_confirmed_at FROM users WHERE id = ?").bind(user.id).first<Json>();
    expect(row?.password_hash).toBe("none");
    expect(row?.age_confirmed_at).toBeGreaterThan(Date.now() - 60_000);
    const consentRows = await env.DB.prepare("SELECT purpose, policy_version, granted FROM consents WHERE user_id = ? ORDER BY purpose")
      .bind(user.id)
      .all<Json>();
    expect(consentRows.results).toEqual([
      { purpose: "privacy_policy", policy_version: POLICY_VERSION, granted: 1 },
      { purpose: "terms", policy_version: POLICY_VERSION, granted: 1 },
    ]);
    expect(await identityOf(user.id)).toEqual({ provider: "whop", subject: fake.signedIn.id, email: fake.signedIn.email });

    // The second time, Whop signs them straight in; no password opens the account.
    const again = await roundTrip();
    expect(again.location).toBe("/create");
    expect((await (await me(again.cookie)).json<Json>()).user.id).toBe(user.id);
    const login = await post("/api/auth/login", "", { email: fake.signedIn.email, password: "none" });
    expect(login.status).toBe(401);
  });

  it("makes no account from an address Whop does not say is verified, and says why", async () => {
    fake.signedIn = fakeWhopUser({ emailVerified: false });
    const before = await counts();
    const trip = await roundTrip();
    expect(trip.location).toBe("/whop-sign-in?error=unverified_email");
    expect(hasSession(trip.cookie)).toBe(false);
    expect(await counts()).toEqual(before);
    // An existing account with that address can still connect Whop, by its password.
    await signUp({ email: fake.signedIn.email });
    const linking = await roundTrip();
    expect(await (await api("/api/auth/whop/pending", { cookie: linking.cookie })).json<Json>()).toMatchObject({ step: "link" });
  });

  it("takes the address as verified only from the answer that gave the address", async () => {
    // The ID token vouches for one address; userinfo gives another and says nothing of it: no account.
    fake.tamper = { userinfoEmail: fakeWhopUser().email };
    const before = await counts();
    const trip = await roundTrip();
    expect(trip.location).toBe("/whop-sign-in?error=unverified_email");
    expect(await counts()).toEqual(before);
  });

  it("cannot skip the confirmation: no pending sign-in, no account", async () => {
    const before = await counts();
    const res = await post("/api/auth/whop/signup", "", { name: "Nobody", ageConfirmed: true, acceptPolicies: true });
    expect(res.status).toBe(409);
    expect((await res.json<Json>()).error.code).toBe("invalid_state");
    expect(await counts()).toEqual(before);
  });
});

describe("an existing person", () => {
  it("is neither signed in nor linked by the email alone: their password, once, links Whop", async () => {
    const person = await signUp();
    fake.signedIn = fakeWhopUser({ email: person.email });
    const before = await counts();
    const trip = await roundTrip();
    expect(trip.location).toBe("/whop-sign-in");
    expect(hasSession(trip.cookie)).toBe(false);
    expect(await counts()).toEqual(before);
    expect(await (await api("/api/auth/whop/pending", { cookie: trip.cookie })).json<Json>()).toMatchObject({
      step: "link",
      email: person.email,
    });

    const wrong = await post("/api/auth/whop/link", trip.cookie, { password: "not-the-password-at-all" });
    expect(wrong.status).toBe(401);
    expect(await identityOf(person.userId)).toBeNull();
    // A new-account step cannot be forced on this address either.
    expect((await post("/api/auth/whop/signup", trip.cookie, { name: "X", ageConfirmed: true, acceptPolicies: true })).status).toBe(409);

    const linked = await post("/api/auth/whop/link", trip.cookie, { password: person.password });
    expect(linked.status).toBe(200);
    const cookie = cookiesFrom(linked, trip.cookie);
    expect((await (await me(cookie)).json<Json>()).user.id).toBe(person.userId);
    expect(await identityOf(person.userId)).toMatchObject({ subject: fake.signedIn.id });
    expect((await roundTrip()).location).toBe("/create");
  });

  it("with two-factor on, gives the code too, when linking and at every Whop sign-in", async () => {
    const person = await signUp();
    const { secret } = await (await post("/api/account/2fa/totp", person.cookie, undefined)).json<Json>();
    const at = Date.now();
    const confirmed = await post("/api/account/2fa/totp/confirm", person.cookie, { code: codeAt(secret, at) });
    expect(confirmed.status).toBe(200);
    const { recoveryCodes } = await confirmed.json<Json>();
    fake.signedIn = fakeWhopUser({ email: person.email });

    const trip = await roundTrip();
    const noCode = await post("/api/auth/whop/link", trip.cookie, { password: person.password });
    expect(noCode.status).toBe(400);
    expect((await noCode.json<Json>()).error.issues[0].path).toBe("code");
    expect(await identityOf(person.userId)).toBeNull();
    const linked = await post("/api/auth/whop/link", trip.cookie, { password: person.password, code: codeAt(secret, at + 30_000) });
    expect(linked.status).toBe(200);
    expect(await identityOf(person.userId)).not.toBeNull();

    // Signing in with Whop later does not skip the code.
    const next = await roundTrip();
    expect(next.location).toBe("/whop-sign-in");
    expect(hasSession(next.cookie)).toBe(false);
    expect((await (await api("/api/auth/whop/pending", { cookie: next.cookie })).json<Json>()).step).toBe("second_factor");
    expect((await post("/api/auth/whop/second-factor", next.cookie, { code: "000000" })).status).toBe(400);
    // A recovery code counts as at password sign-in (the next TOTP step was used up by the link).
    const signedIn = await post("/api/auth/whop/second-factor", next.cookie, { code: recoveryCodes[0] });
    expect(signedIn.status).toBe(200);
    const session = await env.DB.prepare("SELECT second_factor_at FROM sessions WHERE user_id = ? ORDER BY created_at DESC LIMIT 1")
      .bind(person.userId)
      .first<Json>();
    expect(session?.second_factor_at).not.toBeNull();
  });
});

describe("Account → Security", () => {
  async function connected(person: TestUser) {
    const trip = await roundTrip(person.cookie, "connect");
    expect(trip.location).toBe("/account?whop=connected");
    return trip;
  }

  it("connects Whop for the signed-in person (any Whop email), shows it, and disconnects it", async () => {
    const person = await signUp();
    expect(await (await api("/api/account/whop", { cookie: person.cookie })).json()).toEqual({
      available: true,
      linked: null,
      hasPassword: true,
    });
    await connected(person);
    expect(await identityOf(person.userId)).toEqual({ provider: "whop", subject: fake.signedIn.id, email: fake.signedIn.email });
    const view = await (await api("/api/account/whop", { cookie: person.cookie })).json<Json>();
    expect(view.linked.email).toBe(fake.signedIn.email);

    expect((await api("/api/account/whop", { method: "DELETE", cookie: person.cookie })).status).toBe(204);
    expect(await identityOf(person.userId)).toBeNull();
    expect((await api("/api/account/whop", { method: "DELETE", cookie: person.cookie })).status).toBe(404);
  });

  it("refuses a Whop account already connected elsewhere, and connecting without a session", async () => {
    const first = await signUp();
    await connected(first);
    const second = await signUp();
    const before = await counts();
    expect((await roundTrip(second.cookie, "connect")).location).toBe("/whop-sign-in?error=already_linked");
    expect(await counts()).toEqual(before);
    expect((await post("/api/account/whop/connect", "", { password: TEST_PASSWORD })).status).toBe(401);
  });

  it("asks for the password before connecting: a session alone cannot add a way in", async () => {
    const person = await signUp();
    const wrong = await post("/api/account/whop/connect", person.cookie, { password: "not-the-password-at-all" });
    expect(wrong.status).toBe(400);
    expect((await wrong.json<Json>()).issues).toEqual([{ path: "password", message: "This is not your current password." }]);
    expect(wrong.headers.getSetCookie().join()).not.toContain("ausar_whop=");
    expect((await post("/api/account/whop/connect", person.cookie, {})).status).toBe(400);
    // Without the password step there is no connecting round trip: the sign-in start links nothing to the session.
    const plain = await roundTrip(person.cookie);
    expect(plain.location).not.toBe("/account?whop=connected");
    expect(await identityOf(person.userId)).toBeNull();
  });

  it("keeps Whop when it is the only way in, until a password is set", async () => {
    const { cookie, userId } = await newWhopPerson();
    expect((await (await api("/api/account/whop", { cookie })).json<Json>()).hasPassword).toBe(false);
    const refused = await api("/api/account/whop", { method: "DELETE", cookie });
    expect(refused.status).toBe(409);
    expect(await identityOf(userId)).not.toBeNull();
    // Password-checked actions say what to do instead of "wrong password".
    const deletion = await api("/api/account", { method: "DELETE", cookie, json: { password: "anything-at-all" } });
    expect(deletion.status).toBe(400);
    expect((await deletion.json<Json>()).error.message).toMatch(/no password/i);
  });

  it("sets a password through the emailed link, after which Whop can be disconnected", async () => {
    const { cookie, userId } = await newWhopPerson();
    const email = fake.signedIn.email;
    expect((await post("/api/auth/forgot-password", "", { email })).status).toBe(202);
    const token = tokenFromEmail((await waitForEmail(email, /Reset your/)).text);
    expect((await post("/api/auth/reset-password", "", { token, password: "a-brand-new-lantern-passphrase-9" })).status).toBe(200);
    // The reset ended every session, as for anyone; the new password signs in.
    expect((await me(cookie)).status).toBe(401);
    const login = await post("/api/auth/login", "", { email, password: "a-brand-new-lantern-passphrase-9" });
    expect(login.status).toBe(200);
    const session = cookiesFrom(login);
    expect((await (await api("/api/account/whop", { cookie: session })).json<Json>()).hasPassword).toBe(true);
    expect((await api("/api/account/whop", { method: "DELETE", cookie: session })).status).toBe(204);
    expect(await identityOf(userId)).toBeNull();
  });
});

describe("an address Whop did not verify", () => {
  it("cannot be squatted: someone else's Whop account carrying the victim's address makes no account", async () => {
    const victimEmail = fakeWhopUser().email;
    fake.signedIn = fakeWhopUser({ email: victimEmail, emailVerified: false });
    expect((await roundTrip()).location).toBe("/whop-sign-in?error=unverified_email");
    // The mailbox's owner signs up with it as usual; the other Whop account cannot get in.
    const victim = await signUp({ email: victimEmail });
    const trip = await roundTrip();
    expect(await (await api("/api/auth/whop/pending", { cookie: trip.cookie })).json<Json>()).toMatchObject({ step: "link" });
    expect(hasSession(trip.cookie)).toBe(false);
    expect(await identityOf(victim.userId)).toBeNull();
  });
});

describe("refusals: a clear page, nothing created", () => {
  async function refusedWith(reason: string, run: () => Promise<{ location: string; cookie: string }>) {
    const before = await counts();
    const result = await run();
    expect(result.location).toBe(`/whop-sign-in?error=${reason}`);
    expect(hasSession(result.cookie)).toBe(false);
    expect(result.cookie).not.toContain("ausar_whop=");
    expect(await counts()).toEqual(before);
  }

  it("a wrong state", async () => {
    await refusedWith("state_mismatch", async () => {
      const started = await start();
      const back = await approve(started.authorize);
      back.searchParams.set("state", "someone-elses-state-value-0123456789");
      return callback(back, started.cookie);
    });
  });

  it("a callback this browser did not start (no round-trip cookie)", async () => {
    await refusedWith("not_started", async () => callback(await approve((await start()).authorize), ""));
  });

  it("a replayed code", async () => {
    const { userId } = await newWhopPerson();
    const first = await roundTrip();
    expect(first.location).toBe("/create");
    const sessions = await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?").bind(userId).first<Json>();
    await refusedWith("code_refused", () => callback(first.back, first.flowCookie));
    const after = await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?").bind(userId).first<Json>();
    expect(after?.n).toBe(sessions?.n);
  });

  it("too many callbacks from one address: counted as sign-in attempts, refused before Whop is asked", async () => {
    const ip = randomIp();
    for (let i = 0; i < 60; i++) {
      const res = await api("/api/auth/whop/callback?code=x&state=y", { ip, redirect: "manual" });
      expect(res.headers.get("Location")).toBe("/whop-sign-in?error=not_started");
    }
    const started = await start();
    const back = await approve(started.authorize);
    const tokenCalls = fake.requests.filter((r) => r.path === "/oauth/token").length;
    const before = await counts();
    const res = await api(back.pathname + back.search, { cookie: started.cookie, ip, redirect: "manual" });
    expect(res.headers.get("Location")).toBe("/whop-sign-in?error=rate_limited");
    expect(fake.requests.filter((r) => r.path === "/oauth/token").length).toBe(tokenCalls);
    expect(await counts()).toEqual(before);
  });

  it("a bad nonce", async () => {
    fake.tamper = { nonce: "a-nonce-this-browser-never-sent" };
    await refusedWith("bad_nonce", () => roundTrip());
  });

  it("an expired ID token", async () => {
    fake.tamper = { expiresInSeconds: -300 };
    await refusedWith("expired_id_token", () => roundTrip());
  });

  it("an ID token signed by a key not in Whop's JWKS, or for another app", async () => {
    fake.tamper = { foreignKey: true };
    await refusedWith("invalid_id_token", () => roundTrip());
    fake.tamper = { audience: "app_someone_else" };
    await refusedWith("invalid_id_token", () => roundTrip());
  });

  it("the person declining at Whop, and Whop's own error", async () => {
    for (const [error, reason] of [
      ["access_denied", "access_denied"],
      ["server_error", "provider_error"],
    ] as const) {
      await refusedWith(reason, async () => {
        const started = await start();
        const back = new URL(CALLBACK);
        back.searchParams.set("error", error);
        back.searchParams.set("state", started.authorize.searchParams.get("state") ?? "");
        return callback(back, started.cookie);
      });
    }
  });
});
