import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, signUp } from "../support/users";

describe("shared HTTP behaviour", () => {
  it("puts the security headers on API responses and errors", async () => {
    for (const path of ["/api/health", "/api/nope"]) {
      const res = await api(path);
      expect(res.headers.get("Content-Security-Policy")).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      );
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("Permissions-Policy")).toContain("geolocation=()");
      expect(res.headers.get("X-Request-Id")).toBeTruthy();
      expect(res.headers.get("Strict-Transport-Security")).toBeNull();
    }
    const https = await exports.default.fetch("https://ausar.example/api/health");
    expect(https.headers.get("Strict-Transport-Security")).toContain("max-age=");
  });

  it("answers unknown API and webhook paths with a JSON 404, and anonymous media with a JSON 401 or 404", async () => {
    for (const path of ["/api/nope", "/api/auth/nope", "/webhooks/nope"]) {
      const res = await api(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("Content-Type")).toContain("application/json");
      expect(await res.json()).toMatchObject({ error: { code: "not_found", message: expect.any(String) } });
    }
    const media = await api("/media/nope");
    expect([401, 404]).toContain(media.status);
    expect(await media.json()).toMatchObject({ error: { code: expect.stringMatching(/^(unauthenticated|not_found)$/) } });
  });

  it("refuses state-changing requests from another origin, accepts same-origin and origin-less ones", async () => {
    const user = await signUp();
    const patch = (origin?: string) =>
      api("/api/me", { method: "PATCH", cookie: user.cookie, json: { name: "Renamed" }, headers: origin ? { Origin: origin } : {} });
    const evil = await patch("https://evil.example");
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ error: { code: "bad_origin" } });
    expect((await patch("http://localhost")).status).toBe(200);
    expect((await patch()).status).toBe(200);
    expect((await api("/api/me", { cookie: user.cookie, headers: { Origin: "https://evil.example" } })).status).toBe(200);
  });

  it("never answers 500 to nonsense on auth routes", async () => {
    const bodies = ["null", "1", '"x"', "[1,2]", '{"__proto__":{"x":1}}', "\u0000", "{".repeat(1000)];
    for (const path of [
      "/api/auth/signup",
      "/api/auth/login",
      "/api/auth/verify-email",
      "/api/auth/reset-password",
      "/api/auth/forgot-password",
    ]) {
      for (const body of bodies) {
        const res = await api(path, { method: "POST", body, headers: { "Content-Type": "application/json" } });
        expect(res.status, `${path} ${body.slice(0, 10)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${path} ${body.slice(0, 10)}`).toBeLessThan(500);
      }
    }
  });
});
