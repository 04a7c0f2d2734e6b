import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("health and the shared HTTP behaviour", () => {
  it("answers ok with the security headers", async () => {
    const res = await exports.default.fetch("http://localhost/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get("Content-Security-Policy")).toContain("default-src 'self'");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });
});
