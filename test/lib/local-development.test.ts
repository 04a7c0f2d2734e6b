import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { httpsOnly } from "../../workers/lib/https-only";
import { isLocalDevelopment, isLoopback } from "../../workers/lib/local-development";

describe("local development and transport guards", () => {
  it("treats only loopback hosts as local", () => {
    expect(isLoopback("http://localhost:8787/x")).toBe(true);
    expect(isLoopback("http://127.0.0.1:9/x")).toBe(true);
    expect(isLoopback("http://[::1]/x")).toBe(true);
    expect(isLoopback("http://ausar.example/x")).toBe(false);
    expect(isLoopback("http://localhost.evil.example/x")).toBe(false);
  });

  it("enables development-only features only in development and on loopback", () => {
    expect(isLocalDevelopment({ ENVIRONMENT: "development" }, "http://localhost/api/dev/emails")).toBe(true);
    expect(isLocalDevelopment({ ENVIRONMENT: "development" }, "https://ausar.example/api/dev/emails")).toBe(false);
    expect(isLocalDevelopment({ ENVIRONMENT: "production" }, "http://localhost/api/dev/emails")).toBe(false);
  });

  it("redirects plain http to https in production, keeping the method (308)", async () => {
    const app = new Hono<{ Bindings: Env }>().use(httpsOnly).post("/api/x", (c) => c.text("ok"));
    const prod = { ENVIRONMENT: "production" } as Env;
    const res = await app.request("http://ausar.example/api/x?a=1", { method: "POST" }, prod);
    expect(res.status).toBe(308);
    expect(res.headers.get("Location")).toBe("https://ausar.example/api/x?a=1");
    expect((await app.request("https://ausar.example/api/x", { method: "POST" }, prod)).status).toBe(200);
    expect((await app.request("http://localhost/api/x", { method: "POST" }, { ENVIRONMENT: "development" } as Env)).status).toBe(200);
  });
});
