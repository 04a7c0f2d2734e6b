import { env } from "cloudflare:workers";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { describe, expect, it } from "vitest";
import { accountFor } from "../../workers/credits/account-client";
import { paymentData } from "../billing/fake-whop";
import { PACK, paymentRow, send } from "../billing/support";
import type { SoftPasskey, Tamper } from "../support/passkey-authenticator";
import { addedPasskey, TEST_ORIGIN } from "../support/passkeys";
import { api, randomIp, signUp, type TestUser } from "../support/users";
import { type StaffUser, staffUser } from "./staff";
import { enrolTotp } from "./totp";

// Issue 12: a fresh passkey assertion made for the step-up stands in for the TOTP code of a
// destructive staff action. The staff here have passkeys and no authenticator app.

interface PasskeyStaff extends StaffUser {
  key: SoftPasskey;
}

async function passkeyStaff(role: "support" | "admin"): Promise<PasskeyStaff> {
  const member = await staffUser(role);
  const { key } = await addedPasskey(member);
  return { ...member, key };
}

const post = (by: TestUser, path: string, json?: unknown) => api(path, { method: "POST", cookie: by.cookie, json, ip: randomIp() });

async function stepUpOptions(by: TestUser): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const res = await post(by, "/api/admin/step-up/passkey/options");
  if (res.status !== 200) throw new Error(`step-up options: ${res.status} ${await res.text()}`);
  return (await res.json<{ options: PublicKeyCredentialRequestOptionsJSON }>()).options;
}

/** A fresh assertion by `key` for a step-up challenge `by` asked for. */
async function freshAssertion(by: TestUser, key: SoftPasskey, tamper: Tamper = {}) {
  return key.assert(await stepUpOptions(by), TEST_ORIGIN, tamper);
}

const available = async (userId: string) => (await accountFor(env, userId).balance()).available;

async function funded(credits: number): Promise<TestUser> {
  const user = await signUp();
  await accountFor(env, user.userId).grant(`seed-${user.userId}`, credits, "promo", null);
  return user;
}

const adjustments = (userId: string) =>
  env.DB.prepare("SELECT delta FROM credit_ledger WHERE user_id = ?1 AND kind = 'adjust'")
    .bind(userId)
    .all<{ delta: number }>()
    .then((r) => r.results);

const auditRows = (actorId: string) =>
  env.DB.prepare("SELECT action, outcome, status, target_user_id AS target, reason FROM audit_log WHERE actor_id = ?1 ORDER BY id")
    .bind(actorId)
    .all<{ action: string; outcome: string; status: number; target: string | null; reason: string | null }>()
    .then((r) => r.results);

const challengeRows = (userId: string) =>
  env.DB.prepare("SELECT purpose FROM passkey_challenges WHERE user_id = ?1")
    .bind(userId)
    .all<{ purpose: string }>()
    .then((r) => r.results);

async function refusedWith(res: Response, code: string) {
  if (res.status !== 400) throw new Error(`${res.status} ${await res.text()}`);
  const body = await res.json<{ error: { code: string; message: string } }>();
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
}

describe("passkey step-up for destructive staff actions", () => {
  it("adjusts credits with a fresh assertion from the admin's own passkey, no authenticator app needed", async () => {
    const admin = await passkeyStaff("admin");
    const person = await funded(10);
    const options = await stepUpOptions(admin);
    // Only the admin's own passkey, user verification required, bound to this app; kept as a step-up challenge for the admin.
    expect(options.userVerification).toBe("required");
    expect(options.rpId).toBe("localhost");
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([admin.key.credentialId]);
    expect(await challengeRows(admin.userId)).toEqual([{ purpose: "step_up" }]);

    const passkey = await admin.key.assert(options, TEST_ORIGIN);
    const res = await post(admin, `/api/admin/users/${person.userId}/credits`, { delta: 15, reason: "goodwill", passkey });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ applied: true, balance: { available: 25 } });
    expect(await available(person.userId)).toBe(25);
    expect(await challengeRows(admin.userId)).toEqual([]);
    expect(await auditRows(admin.userId)).toEqual([
      { action: "staff.step_up.options", outcome: "ok", status: 200, target: null, reason: null },
      { action: "user.credits.adjust", outcome: "ok", status: 200, target: person.userId, reason: "goodwill" },
    ]);

    // A code still works beside the passkey, once the admin also has an authenticator app.
    const code = await enrolTotp(admin.userId);
    const byCode = await post(admin, `/api/admin/users/${person.userId}/credits`, { delta: 1, reason: "goodwill", code: code() });
    expect(byCode.status).toBe(200);
    expect(await available(person.userId)).toBe(26);
  });

  it("steps up every destructive route: suspension, role change, delete as minor and refund by passkey", async () => {
    const admin = await passkeyStaff("admin");
    const person = await signUp();
    const suspend = await post(admin, `/api/admin/users/${person.userId}/suspend`, {
      reason: "abuse",
      passkey: await freshAssertion(admin, admin.key),
    });
    expect(suspend.status).toBe(200);
    expect(await suspend.json()).toMatchObject({ user: { suspended: true } });
    const lift = await post(admin, `/api/admin/users/${person.userId}/unsuspend`, {
      reason: "appeal",
      passkey: await freshAssertion(admin, admin.key),
    });
    expect(lift.status).toBe(200);
    const role = await post(admin, `/api/admin/users/${person.userId}/role`, {
      role: "support",
      reason: "hired",
      passkey: await freshAssertion(admin, admin.key),
    });
    expect(role.status).toBe(200);
    expect(await role.json()).toMatchObject({ user: { role: "support" } });

    const support = await passkeyStaff("support");
    const minor = await signUp();
    const erased = await post(support, `/api/admin/users/${minor.userId}/delete-as-minor`, {
      reason: "under 18",
      passkey: await freshAssertion(support, support.key),
    });
    expect(erased.status).toBe(202);
    const row = await env.DB.prepare("SELECT deleted_at FROM users WHERE id = ?1")
      .bind(minor.userId)
      .first<{ deleted_at: number | null }>();
    // Ended at once (the row is marked deleted, or already purged).
    expect(row === null || row.deleted_at !== null).toBe(true);

    // A refund by passkey gets past the step-up to Whop (no Whop key in tests: 503, nothing recorded); a replay stops at the step-up.
    const buyer = await signUp();
    const payment = paymentData({ userId: buyer.userId, whopPlanId: PACK.whopPlanId, total: 5 });
    await send("payment.succeeded", payment);
    const refundPasskey = await freshAssertion(admin, admin.key);
    const refund = await post(admin, `/api/admin/payments/${payment.id}/refund`, { reason: "asked", passkey: refundPasskey });
    expect(refund.status).toBe(503);
    await refusedWith(
      await post(admin, `/api/admin/payments/${payment.id}/refund`, { reason: "asked", passkey: refundPasskey }),
      "invalid_passkey",
    );
    expect(await paymentRow(String(payment.id))).toMatchObject({ refund_requested_at: null, status: "paid" });
  });

  it("refuses a replayed assertion, a sign-in assertion, another person's passkey, a count that goes back, and neither factor; nothing changes", async () => {
    const admin = await passkeyStaff("admin");
    const other = await passkeyStaff("admin");
    const person = await funded(10);
    const path = `/api/admin/users/${person.userId}/credits`;
    const adjust = (json: Record<string, unknown>) => post(admin, path, { delta: -4, reason: "chargeback", ...json });

    const options = await stepUpOptions(admin);
    const passkey = await admin.key.assert(options, TEST_ORIGIN);
    expect((await adjust({ passkey })).status).toBe(200);
    expect(await available(person.userId)).toBe(6);

    // The same assertion again, and a fresh signature over the used challenge.
    await refusedWith(await adjust({ passkey }), "invalid_passkey");
    await refusedWith(await adjust({ passkey: await admin.key.assert(options, TEST_ORIGIN) }), "invalid_passkey");

    // An assertion made for sign-in (a challenge for nobody, purpose "authentication")...
    const signIn = await post(admin, "/api/auth/passkeys/authentication/options");
    const signInOptions = (await signIn.json<{ options: PublicKeyCredentialRequestOptionsJSON }>()).options;
    await refusedWith(await adjust({ passkey: await admin.key.assert(signInOptions, TEST_ORIGIN) }), "invalid_passkey");
    // ...and a step-up assertion never signs anyone in.
    const asSignIn = await post(admin, "/api/auth/passkeys/authentication/verify", {
      response: await freshAssertion(admin, admin.key),
    });
    expect(asSignIn.status).toBe(401);

    // Another person's passkey: over the admin's own step-up challenge, and over its owner's.
    await refusedWith(await adjust({ passkey: await freshAssertion(admin, other.key) }), "invalid_passkey");
    await refusedWith(await adjust({ passkey: await freshAssertion(other, other.key) }), "invalid_passkey");

    // A signature count that does not move on (the stored one is the last used), and no user verification.
    const stored = await env.DB.prepare("SELECT counter FROM passkey_credentials WHERE credential_id = ?1")
      .bind(admin.key.credentialId)
      .first<{ counter: number }>();
    expect(stored?.counter).toBeGreaterThan(0);
    await refusedWith(await adjust({ passkey: await freshAssertion(admin, admin.key, { counter: stored!.counter }) }), "invalid_passkey");
    await refusedWith(await adjust({ passkey: await freshAssertion(admin, admin.key, { noUserVerification: true }) }), "invalid_passkey");

    // Neither, both, or a malformed assertion: the schema refuses before anything is checked.
    for (const body of [{}, { code: "123456", passkey }, { passkey: { id: "x" } }]) {
      const res = await adjust(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "validation_failed" } });
    }
    // No authenticator app: any code is refused.
    await refusedWith(await adjust({ code: "123456" }), "invalid_code");

    expect(await available(person.userId)).toBe(6);
    expect(await adjustments(person.userId)).toEqual([{ delta: -4 }]);
    const refusals = (await auditRows(admin.userId)).filter((r) => r.action === "user.credits.adjust" && r.outcome === "refused");
    expect(refusals).toHaveLength(11);
  });

  it("refuses staff with neither a passkey nor an authenticator app, clearly, and changes nothing", async () => {
    const admin = await staffUser("admin");
    const person = await signUp();
    const options = await post(admin, "/api/admin/step-up/passkey/options");
    await refusedWith(options, "invalid_passkey");
    await refusedWith(await post(admin, `/api/admin/users/${person.userId}/suspend`, { reason: "abuse", code: "123456" }), "invalid_code");
    const missing = await post(admin, `/api/admin/users/${person.userId}/suspend`, { reason: "abuse" });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { code: "validation_failed", issues: [{ path: "code" }] } });
    const row = await env.DB.prepare("SELECT suspended_at FROM users WHERE id = ?1")
      .bind(person.userId)
      .first<{ suspended_at: number | null }>();
    expect(row?.suspended_at).toBeNull();
    expect(await challengeRows(admin.userId)).toEqual([]);
  });

  it("does not spend the assertion on an action its rules refuse", async () => {
    const admin = await passkeyStaff("admin");
    const person = await signUp();
    const passkey = await freshAssertion(admin, admin.key);
    // Staff may not suspend themselves, nor give a person the role they have: checked before the step-up.
    const self = await post(admin, `/api/admin/users/${admin.userId}/suspend`, { reason: "x", passkey });
    expect(self.status).toBe(409);
    const same = await post(admin, `/api/admin/users/${person.userId}/role`, { role: "user", reason: "x", passkey });
    expect(same.status).toBe(409);
    expect(await challengeRows(admin.userId)).toEqual([{ purpose: "step_up" }]);
    const ok = await post(admin, `/api/admin/users/${person.userId}/suspend`, { reason: "abuse", passkey });
    expect(ok.status).toBe(200);
    expect(await challengeRows(admin.userId)).toEqual([]);
  });
});
