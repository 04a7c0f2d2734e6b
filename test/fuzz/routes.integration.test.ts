import { env, exports } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type Owner, ownerWithObjects } from "../authz/fixtures";
import { cookiesFrom, randomIp, signUp } from "../support/users";
import { bodyOf, casesFor, type FuzzCase } from "./requests";
import { type Endpoint, endpoints } from "./route-table";
import { changes, type StateSnapshot, settledState, snapshotState } from "./state";

/**
 * Route fuzzing. Every endpoint in the app's own route table gets random malformed params,
 * queries, headers and bodies, with no session, the fuzzed user's valid session, or a broken
 * one. For every answer: no 5xx; every 4xx in the `{ error: { code, message } }` shape; and a
 * refused request (any 4xx) wrote nothing — every D1 table (request counters excepted, see
 * `REQUEST_COUNTER_TABLE`) and the R2 object list are compared before and after it.
 *
 * An answer of 2xx or 3xx is an accepted request: a route that takes no input (sign out, start an
 * export) or a random value that happened to be valid. It may write; its writes become the new
 * baseline. On failure fast-check prints the seed and path: put them in REPLAY to run that case.
 * `FUZZ_RUNS` (a binding, set by `bench/fuzz/`) raises the number of cases per endpoint.
 */
const SEED = 20_261_206;
const REPLAY: { seed: number; path: string } | null = null;
const RUNS = Number((env as { FUZZ_RUNS?: string }).FUZZ_RUNS ?? 12);

interface Tally {
  requests: number;
  byStatus: Map<number, number>;
  /** State-changing requests that were accepted, by route: to read, as the ones that may write. */
  accepted: Map<string, number>;
}

const tally: Tally = { requests: 0, byStatus: new Map(), accepted: new Map() };

/** A valid session cookie with its access token damaged (bad signature), keeping the refresh cookie out. */
function broken(cookie: string): string {
  return cookie
    .split("; ")
    .filter((pair) => !pair.includes("_rt="))
    .map((pair) => (pair.includes("_at=") ? `${pair.slice(0, -4)}AAAA` : pair))
    .join("; ");
}

class Fuzzer {
  private state: StateSnapshot = new Map();

  constructor(readonly owner: Owner) {}

  async start(): Promise<void> {
    this.state = await settledState();
  }

  /** Sends one case and checks the answer and what it wrote. */
  async run(endpoint: Endpoint, c: FuzzCase): Promise<void> {
    const headers = new Headers(c.headers);
    if (!headers.has("CF-Connecting-IP")) headers.set("CF-Connecting-IP", randomIp());
    const fuzzCookie = headers.get("Cookie");
    const session = c.session === "valid" ? this.owner.user.cookie : c.session === "broken" ? broken(this.owner.user.cookie) : "";
    const cookie = [session, fuzzCookie].filter(Boolean).join("; ");
    if (cookie) headers.set("Cookie", cookie);
    else headers.delete("Cookie");
    const res = await exports.default.fetch(new Request(`http://localhost${c.path}`, { method: c.method, headers, body: bodyOf(c) }));
    tally.requests += 1;
    tally.byStatus.set(res.status, (tally.byStatus.get(res.status) ?? 0) + 1);
    const label = `${c.method} ${c.path} → ${res.status}`;
    if (res.status < 400 && !["GET", "HEAD", "OPTIONS"].includes(c.method)) {
      const route = `${c.method} ${endpoint.path} ${res.status}`;
      tally.accepted.set(route, (tally.accepted.get(route) ?? 0) + 1);
    }
    if (res.webSocket) {
      res.webSocket.accept();
      res.webSocket.close(1000, "fuzz");
    }
    const text = res.status === 101 ? "" : await res.text();
    expect(res.status, `${label}: ${text.slice(0, 300)}`).toBeLessThan(500);
    // A HEAD answer has the headers of the GET it stands for and no body to check.
    // A path that normalises out of the API (`/media/..` is `/`) is the static site's, which answers in its own way.
    const api = /^\/(api|webhooks|media)(\/|$)/.test(new URL(`http://localhost${c.path}`).pathname);
    if (res.status >= 400 && c.method !== "HEAD" && api) {
      expect(res.headers.get("Content-Type"), label).toMatch(/^application\/json/);
      const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
      expect(typeof parsed.error?.code, `${label}: ${text}`).toBe("string");
      expect(typeof parsed.error?.message, `${label}: ${text}`).toBe("string");
    }
    const after = await snapshotState();
    const written = changes(this.state, after);
    if (res.status >= 400) expect(written, `${label} was refused but wrote`).toEqual([]);
    this.state = after;
    if (res.status < 400 && c.session === "valid") await this.keepSignedIn(res);
  }

  /** An accepted sign-out or refresh changes the session: follow its cookies, or sign in again. */
  private async keepSignedIn(res: Response): Promise<void> {
    if (res.headers.getSetCookie().length > 0) this.owner.user.cookie = cookiesFrom(res, this.owner.user.cookie);
    const me = await exports.default.fetch(new Request("http://localhost/api/me", { headers: { Cookie: this.owner.user.cookie } }));
    if (me.status === 200) return;
    const login = await exports.default.fetch(
      new Request("http://localhost/api/auth/login", {
        method: "POST",
        headers: { "Content-Type": "application/json", "CF-Connecting-IP": randomIp() },
        body: JSON.stringify({ email: this.owner.user.email, password: this.owner.user.password }),
      }),
    );
    // Sign-in is throttled per account; past that, a fresh user carries on (the first one's ids stay in the cases).
    this.owner.user = login.status === 200 ? { ...this.owner.user, cookie: cookiesFrom(login) } : await signUp();
    this.state = await settledState();
  }
}

const routes = endpoints();

describe("route fuzzing: malformed requests to every route", () => {
  let fuzzer: Fuzzer;
  beforeAll(async () => {
    fuzzer = new Fuzzer(await ownerWithObjects());
    await fuzzer.start();
  }, 60_000);

  it("enumerates the routes from the app (and finds them all)", () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toContain("POST /api/uploads");
  });

  it("the write detector is not blind: a D1 row or an R2 object changed shows", async () => {
    const start = await snapshotState();
    await env.DB.prepare("UPDATE users SET name = name || '!' WHERE id = ?").bind(fuzzer.owner.user.userId).run();
    await env.MEDIA.put(`fuzz-probe/${crypto.randomUUID()}`, "x");
    const seen = changes(start, await snapshotState());
    expect(seen.map((c) => c.split(" ")[0])).toEqual(expect.arrayContaining(["d1:users", "r2:MEDIA"]));
    await fuzzer.start();
  });

  routes.forEach((endpoint, index) => {
    it(`${endpoint.method} ${endpoint.path}`, async () => {
      const params = REPLAY ?? { seed: SEED + index };
      await fc.assert(
        fc.asyncProperty(casesFor(endpoint, fuzzer.owner.ids), async (c) => fuzzer.run(endpoint, c)),
        { ...params, numRuns: REPLAY ? 1 : RUNS, endOnFailure: true },
      );
    }, 300_000);
  });

  it("left every queue's work settled with nothing more written", async () => {
    await settledState();
    console.log(
      `route fuzz: ${routes.length} routes, ${RUNS} cases each, ${tally.requests} requests; statuses ${JSON.stringify(Object.fromEntries(tally.byStatus))}`,
    );
    console.log(`route fuzz: accepted state-changing requests ${JSON.stringify(Object.fromEntries(tally.accepted))}`);
  });
});
