import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../workers/auth/limits";
import { api, randomIp, signUp } from "../support/users";

/** The throttle's free attempts per (account, address) and per account (workers/auth/limits.ts). */
const FREE_ATTEMPTS_PER_ADDRESS = 5;
const ACCOUNT_CEILING = 20;

/** Moves every sign-in delay into the past, as if the person waited it out. */
const passDelays = () => env.DB.prepare("UPDATE login_throttles SET next_at = 0").run();

const login = (email: string, password: string, ip = randomIp()) =>
  api("/api/auth/login", { method: "POST", ip, json: { email, password } });

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

  it("parallel wrong guesses from one address cannot pass the free attempts: the rest wait, with Retry-After", async () => {
    const user = await signUp();
    const ip = randomIp();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => login(user.email, `wrong-password-${i}`, ip)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBe(FREE_ATTEMPTS_PER_ADDRESS);
    expect(statuses.filter((s) => s === 429).length).toBe(20 - FREE_ATTEMPTS_PER_ADDRESS);
    const limited = results.find((r) => r.status === 429)!;
    expect(await limited.json()).toMatchObject({
      error: {
        code: "rate_limited",
        message: expect.stringMatching(/^Too many sign-in attempts\. Please wait 1[45] seconds and try again\.$/),
      },
    });
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Even the right password waits out the delay from that address...
    expect((await login(user.email, user.password, ip)).status).toBe(429);
    // ...and gets in once it has passed.
    await passDelays();
    expect((await login(user.email, user.password, ip)).status).toBe(200);
  }, 60_000);

  it("counts every address of one IPv6 /64 as one bucket", async () => {
    const user = await signUp();
    const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:1`;
    for (let i = 1; i <= FREE_ATTEMPTS_PER_ADDRESS; i++)
      expect((await login(user.email, "wrong-password-v6", `${prefix}::${i}`)).status).toBe(401);
    expect((await login(user.email, "wrong-password-v6", `${prefix}:abcd:ef01:2345:6789`)).status).toBe(429);
    // Another /64 is another bucket.
    expect((await login(user.email, user.password, `2001:db8:ffff:2::1`)).status).toBe(200);
  }, 60_000);

  it("delays grow with each further failure from the same address", async () => {
    const user = await signUp();
    const ip = randomIp();
    const statuses: number[] = [];
    const waits: number[] = [];
    while (waits.length < 4) {
      const res = await login(user.email, "wrong-password-again", ip);
      statuses.push(res.status);
      if (res.status === 429) {
        waits.push(Number(res.headers.get("Retry-After")));
        await passDelays();
      }
    }
    // The free attempts, then one failure allowed per delay, each delay longer than the last.
    expect(statuses.slice(0, FREE_ATTEMPTS_PER_ADDRESS + 1)).toEqual([...Array(FREE_ATTEMPTS_PER_ADDRESS).fill(401), 429]);
    expect(statuses.slice(FREE_ATTEMPTS_PER_ADDRESS + 1)).toEqual([401, 429, 401, 429, 401, 429]);
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThan(waits[i - 1]!);
  }, 60_000);

  it("ten wrong passwords from an attacker do not lock the owner out", async () => {
    const user = await signUp();
    const attacker = randomIp();
    for (let i = 0; i < 10; i++) {
      await passDelays();
      expect((await login(user.email, `wrong-password-${i}`, attacker)).status).toBe(401);
    }
    expect((await login(user.email, user.password, randomIp())).status).toBe(200);
  }, 60_000);

  it("guesses from many addresses hit a per-account ceiling that slows newcomers but not the owner's usual address", async () => {
    const user = await signUp();
    const home = randomIp();
    expect((await login(user.email, user.password, home)).status).toBe(200);
    // Many addresses, each within its own free attempts, together pass the account's ceiling.
    const statuses: number[] = [];
    for (let round = 0; round < ACCOUNT_CEILING / 2 + 2; round++) {
      const batch = await Promise.all([randomIp(), randomIp()].map((ip) => login(user.email, `wrong-${round}`, ip)));
      statuses.push(...batch.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(ACCOUNT_CEILING + 1);
    expect(statuses).toContain(429);
    // A new address, even with the right password, is slowed...
    const newcomer = await login(user.email, user.password, randomIp());
    expect(newcomer.status).toBe(429);
    expect(Number(newcomer.headers.get("Retry-After"))).toBeGreaterThan(0);
    // ...while the owner's usual address still gets in at once.
    expect((await login(user.email, user.password, home)).status).toBe(200);
    // And the ceiling only slows: once its delay has passed, a new address gets in too.
    await passDelays();
    expect((await login(user.email, user.password, randomIp())).status).toBe(200);
  }, 120_000);

  it("limits sign-in attempts per IP", async () => {
    // The limit counts in fixed windows; 61 sequential sign-ins on a loaded machine can take a
    // minute, long enough to cross a window edge and start counting again. So the attempts are
    // made within one window: if it ends within a minute, wait for the next one.
    const { max, windowMs } = LIMITS.loginPerIp;
    const left = windowMs - (Date.now() % windowMs);
    if (left < 60_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
    const ip = randomIp();
    const statuses = await Promise.all(
      Array.from({ length: max }, (_, i) => login(`nobody-${i}@example.com`, "whatever-password", ip).then((r) => r.status)),
    );
    expect(statuses.every((s) => s === 401)).toBe(true);
    expect((await login(`nobody-${max}@example.com`, "whatever-password", ip)).status).toBe(429);
  }, 180_000);

  it("refuses malformed input with 400", async () => {
    expect((await api("/api/auth/login", { method: "POST", json: { email: "a@b.co" } })).status).toBe(400);
    expect((await api("/api/auth/login", { method: "POST", json: { email: 1, password: 2 } })).status).toBe(400);
  });
});
