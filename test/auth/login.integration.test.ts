import { describe, expect, it } from "vitest";
import { api, randomIp, signUp } from "../support/users";

const login = (email: string, password: string, ip = randomIp()) => api("/api/auth/login", { method: "POST", ip, json: { email, password } });

describe("POST /api/auth/login", () => {
  it("signs in with the right password, whatever the email's case", async () => {
    const user = await signUp();
    const res = await login(user.email.toUpperCase(), user.password);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: { id: user.userId } });
    expect(res.headers.getSetCookie()).toHaveLength(2);
  });

  it("answers unknown email and wrong password identically (no account enumeration)", async () => {
    const user = await signUp();
    const wrong = await login(user.email, "not-the-password-at-all");
    const unknown = await login(`nobody-${crypto.randomUUID()}@example.com`, "not-the-password-at-all");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it("locks an account after a burst of failures, even for the right password, with Retry-After", async () => {
    const user = await signUp();
    for (let i = 0; i < 10; i++) expect((await login(user.email, `wrong-password-${i}`)).status).toBe(401);
    const locked = await login(user.email, user.password);
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect(Number(locked.headers.get("Retry-After"))).toBeGreaterThan(0);
  }, 60_000);

  it("limits sign-in attempts per IP", async () => {
    const ip = randomIp();
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await login(`nobody-${i}@example.com`, "whatever-password", ip)).status);
    expect(statuses.slice(0, 60).every((s) => s === 401)).toBe(true);
    expect(statuses[60]).toBe(429);
  }, 120_000);

  it("refuses malformed input with 400", async () => {
    expect((await api("/api/auth/login", { method: "POST", json: { email: "a@b.co" } })).status).toBe(400);
    expect((await api("/api/auth/login", { method: "POST", json: { email: 1, password: 2 } })).status).toBe(400);
  });
});
