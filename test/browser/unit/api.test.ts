import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { authApi } from "../../../web/src/api/auth";
import { answer, client, done } from "../../../web/src/api/client";
import { mediaApi } from "../../../web/src/api/media";
import { ApiError, apiFetch, onSessionLost } from "../../../web/src/lib/api";

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

const unauthenticated = () => json(401, { error: { code: "unauthenticated", message: "Please sign in." } });

let calls: string[];
let lost: number;

function serve(handler: Handler): void {
  vi.stubGlobal("fetch", async (url: string, init: RequestInit = {}) => {
    calls.push(`${init.method ?? "GET"} ${url}`);
    return handler(url, init);
  });
}

beforeEach(() => {
  calls = [];
  lost = 0;
  onSessionLost(() => {
    lost += 1;
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

it("refreshes once for concurrent 401s and retries each call", async () => {
  let fresh = false;
  serve(async (url) => {
    if (url === "/api/auth/refresh") {
      await new Promise((resolve) => setTimeout(resolve, 20));
      fresh = true;
      return json(200, { ok: true });
    }
    return fresh ? json(200, { url }) : unauthenticated();
  });
  const results = await Promise.all([
    apiFetch("/api/me"),
    apiFetch("/api/credits"),
    apiFetch("/api/generations", { method: "POST", body: "{}" }),
  ]);
  const bodies = await Promise.all(results.map((r) => r.json() as Promise<{ url: string }>));
  expect(bodies.map((b) => b.url)).toEqual(["/api/me", "/api/credits", "/api/generations"]);
  expect(calls.filter((c) => c === "POST /api/auth/refresh")).toHaveLength(1);
  expect(lost).toBe(0);
});

it("ends the session when the refresh is refused and the retry is still unauthenticated", async () => {
  serve((url) => (url === "/api/auth/refresh" ? unauthenticated() : unauthenticated()));
  const error = await authApi.me().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).code).toBe("unauthenticated");
  expect(lost).toBe(1);
  expect(calls).toEqual(["GET /api/me", "POST /api/auth/refresh", "GET /api/me"]);
});

it("never refreshes for auth steps or for wrong credentials", async () => {
  serve(() => json(401, { error: { code: "invalid_credentials", message: "Wrong email or password." } }));
  await expect(authApi.login({ email: "a@b.c", password: "x" })).rejects.toMatchObject({ code: "invalid_credentials" });
  await expect(authApi.changePassword({ currentPassword: "x", newPassword: "y" })).rejects.toMatchObject({ status: 401 });
  serve(() => unauthenticated());
  await expect(apiFetch("/api/auth/refresh", { method: "POST" })).rejects.toMatchObject({ code: "unauthenticated" });
  expect(calls.filter((c) => c.endsWith("/api/auth/refresh"))).toEqual(["POST /api/auth/refresh"]);
  expect(lost).toBe(0);
});

it("reads field issues from inside the error or beside it", async () => {
  const issue = { path: "password", message: "Use at least 10 characters." };
  serve(() => json(400, { error: { code: "validation_failed", message: "Some fields need attention.", issues: [issue] } }));
  const form = { name: "", email: "", password: "", ageConfirmed: false, acceptPolicies: false };
  const inside = (await authApi.signup(form).catch((e: unknown) => e)) as ApiError;
  expect(inside.issueFor("password")).toBe(issue.message);
  serve(() => json(400, { error: { code: "weak_password", message: "Choose a stronger password." }, issues: [issue] }));
  const beside = (await authApi.signup(form).catch((e: unknown) => e)) as ApiError;
  expect(beside.code).toBe("weak_password");
  expect(beside.issueFor("password")).toBe(issue.message);
  expect(beside.issueFor("email")).toBeUndefined();
});

it("turns non-API answers and network failures into typed errors", async () => {
  serve(() => new Response("<html>bad gateway</html>", { status: 502 }));
  await expect(authApi.me()).rejects.toMatchObject({ status: 502, code: "internal" });
  serve(() => new Response(null, { status: 429, headers: { "Retry-After": "30" } }));
  await expect(authApi.me()).rejects.toMatchObject({ code: "bad_request", retryAfterSeconds: 30 });
  vi.stubGlobal("fetch", () => Promise.reject(new TypeError("Failed to fetch")));
  await expect(authApi.me()).rejects.toMatchObject({ status: 0, code: "network" });
});

it("sends JSON same-origin with credentials and reads empty answers as undefined", async () => {
  let seen: RequestInit = {};
  serve((_url, init) => {
    seen = init;
    return new Response(null, { status: 204 });
  });
  await expect(authApi.logout(true)).resolves.toBeUndefined();
  expect(calls).toEqual(["POST /api/auth/logout-all"]);
  expect(seen.credentials).toBe("same-origin");
  expect(new Headers(seen.headers).get("Accept")).toBe("application/json");
  await done(client.api.me.$patch({ json: { name: "Ada" } }));
  expect(seen.body).toBe(JSON.stringify({ name: "Ada" }));
  expect(new Headers(seen.headers).get("Content-Type")).toBe("application/json");
});

it("builds each call's path, params and query from the typed routes, with ids URL-encoded", async () => {
  serve((url) => json(200, { url, items: [], nextCursor: null, media: { id: "m" } }));
  await mediaApi.list({ kind: "image", favorite: true, q: " cat " }, 60, "c1");
  await mediaApi.get("a/b");
  await answer(client.api.generations[":id"].$get({ param: { id: "x" } }));
  expect(calls).toEqual([
    "GET /api/media?limit=60&kind=image&favorite=true&q=cat&cursor=c1",
    "GET /api/media/a%2Fb",
    "GET /api/generations/x",
  ]);
});

it("passes a malformed success answer up as an error instead of a half-read value", async () => {
  serve(() => new Response("<html>not json</html>", { status: 200 }));
  await expect(authApi.me()).rejects.toThrow(SyntaxError);
});
