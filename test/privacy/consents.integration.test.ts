import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { POLICY_VERSION } from "../../shared/policy";
import type { ConsentState, ConsentsResponse } from "../../shared/privacy";
import { signUp, type TestUser } from "../support/users";
import { call } from "./support";

const ip = "10.91.1.1";
const state = (body: ConsentsResponse, purpose: string) => body.consents.find((c) => c.purpose === purpose) as ConsentState;

async function consentsOf(user: TestUser): Promise<ConsentsResponse> {
  const res = await call(user, "/api/account/consents", {}, ip);
  expect(res.status).toBe(200);
  return res.json<ConsentsResponse>();
}

describe("consents", () => {
  it("starts with the policies accepted at sign-up, product emails off and usage analysis on (objectable)", async () => {
    const user = await signUp();
    const body = await consentsOf(user);
    expect(state(body, "terms")).toMatchObject({ granted: true, changeable: false, basis: "contract", policyVersion: POLICY_VERSION });
    expect(state(body, "privacy_policy")).toMatchObject({ granted: true, changeable: false, policyVersion: POLICY_VERSION });
    expect(state(body, "product_emails")).toMatchObject({
      granted: false,
      effective: false,
      changeable: true,
      basis: "consent",
      changedAt: null,
    });
    expect(state(body, "usage_analysis")).toMatchObject({ granted: true, effective: true, changeable: true, basis: "legitimate_interest" });
    expect(body.history.map((h) => h.purpose).sort()).toEqual(["privacy_policy", "terms"]);
    expect(body.restriction).toEqual({ restricted: false, since: null });
    expect(body.policy).toEqual({ version: POLICY_VERSION, accepted: true });
  });

  it("switches optional purposes at once and keeps every change in the append-only history", async () => {
    const user = await signUp();
    const put = (json: unknown) => call(user, "/api/account/consents", { method: "PUT", json }, ip);

    let res = await put({ product_emails: true, usage_analysis: false });
    expect(res.status).toBe(200);
    let body = await res.json<ConsentsResponse>();
    expect(state(body, "product_emails")).toMatchObject({ granted: true, effective: true, policyVersion: POLICY_VERSION });
    expect(state(body, "usage_analysis")).toMatchObject({ granted: false, effective: false });

    // The same value again records nothing; a change records one row.
    await put({ product_emails: true });
    res = await put({ product_emails: false });
    body = await res.json<ConsentsResponse>();
    expect(state(body, "product_emails").granted).toBe(false);
    const emails = body.history.filter((h) => h.purpose === "product_emails").map((h) => h.granted);
    expect(emails).toEqual([false, true]); // newest first

    const stored = await env.DB.prepare("SELECT purpose, granted FROM consents WHERE user_id = ? ORDER BY created_at, id")
      .bind(user.userId)
      .all();
    expect(stored.results).toHaveLength(5);
    // And GET agrees with what PUT answered.
    expect(await consentsOf(user)).toEqual(body);
  });

  it("refuses to withdraw the Terms or the Privacy Policy and says the way is to delete the account", async () => {
    const user = await signUp();
    for (const json of [{ terms: false }, { privacy_policy: false }, { terms: false, product_emails: true }]) {
      const res = await call(user, "/api/account/consents", { method: "PUT", json }, ip);
      expect(res.status).toBe(400);
      const { error } = await res.json<{ error: { code: string; message: string } }>();
      expect(error.code).toBe("validation_failed");
      expect(error.message).toMatch(/delete your account/i);
    }
    // Nothing was half-written: product emails stayed off.
    expect(state(await consentsOf(user), "product_emails").granted).toBe(false);
  });

  it("answers bad bodies with 400 and strangers with 401", async () => {
    const user = await signUp();
    for (const json of [{}, { product_emails: "yes" }, { marketing: true }, []]) {
      const res = await call(user, "/api/account/consents", { method: "PUT", json }, ip);
      expect(res.status).toBe(400);
    }
    expect((await call(null, "/api/account/consents", {}, ip)).status).toBe(401);
    expect((await call(null, "/api/account/consents", { method: "PUT", json: { product_emails: true } }, ip)).status).toBe(401);
  });

  it("restricts processing at once: optional purposes stop being effective, and lifting it restores them", async () => {
    const user = await signUp();
    await call(user, "/api/account/consents", { method: "PUT", json: { product_emails: true } }, ip);
    let res = await call(user, "/api/account/restriction", { method: "PUT", json: { restricted: true } }, ip);
    expect(res.status).toBe(200);
    let body = await res.json<ConsentsResponse>();
    expect(body.restriction.restricted).toBe(true);
    const since = body.restriction.since;
    expect(since).toEqual(expect.any(Number));
    expect(state(body, "product_emails")).toMatchObject({ granted: true, effective: false });
    expect(state(body, "usage_analysis")).toMatchObject({ granted: true, effective: false });
    expect(state(body, "terms")).toMatchObject({ effective: true });
    const row = await env.DB.prepare("SELECT processing_restricted_at AS at FROM users WHERE id = ?")
      .bind(user.userId)
      .first<{ at: number }>();
    expect(row!.at).toBe(since);

    // Restricting again keeps the original time.
    body = await (await call(user, "/api/account/restriction", { method: "PUT", json: { restricted: true } }, ip)).json<ConsentsResponse>();
    expect(body.restriction.since).toBe(since);

    res = await call(user, "/api/account/restriction", { method: "PUT", json: { restricted: false } }, ip);
    body = await res.json<ConsentsResponse>();
    expect(body.restriction).toEqual({ restricted: false, since: null });
    expect(state(body, "product_emails").effective).toBe(true);
    expect((await call(user, "/api/account/restriction", { method: "PUT", json: { restricted: "no" } }, ip)).status).toBe(400);
  });
});

describe("policy re-acceptance", () => {
  it("asks people who accepted an older version to accept the current one, and records it", async () => {
    const user = await signUp();
    const me = async () => (await (await call(user, "/api/me", {}, ip)).json<{ user: { policyAccepted: boolean } }>()).user;
    expect((await me()).policyAccepted).toBe(true);

    // The person's acceptance is of an older version (as if POLICY_VERSION had moved on since).
    await env.DB.prepare("UPDATE consents SET policy_version = '2020-01-01' WHERE user_id = ?").bind(user.userId).run();
    expect((await me()).policyAccepted).toBe(false);
    expect((await consentsOf(user)).policy.accepted).toBe(false);

    const res = await call(user, "/api/account/accept-policies", { method: "POST" }, ip);
    expect(res.status).toBe(200);
    expect((await res.json<ConsentsResponse>()).policy.accepted).toBe(true);
    expect((await me()).policyAccepted).toBe(true);

    // Accepting again records nothing more; the history keeps both versions.
    await call(user, "/api/account/accept-policies", { method: "POST" }, ip);
    const { results } = await env.DB.prepare("SELECT purpose, policy_version FROM consents WHERE user_id = ? ORDER BY created_at, id")
      .bind(user.userId)
      .all<{ purpose: string; policy_version: string }>();
    expect(results.map((r) => `${r.purpose}@${r.policy_version}`).sort()).toEqual(
      ["privacy_policy@2020-01-01", "terms@2020-01-01", `privacy_policy@${POLICY_VERSION}`, `terms@${POLICY_VERSION}`].sort(),
    );
  });

  it("goes by the latest record: a newer acceptance of an older version is not acceptance of this one", async () => {
    const user = await signUp();
    await env.DB.prepare(
      "INSERT INTO consents (id, user_id, purpose, policy_version, granted, created_at) VALUES (?1, ?2, 'terms', ?3, 1, ?4)",
    )
      .bind(crypto.randomUUID(), user.userId, "2019-01-01", Date.now() + 1000)
      .run();
    const { user: view } = await (await call(user, "/api/me", {}, ip)).json<{ user: { policyAccepted: boolean } }>();
    expect(view.policyAccepted).toBe(false);
  });
});
