import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type Endpoint, endpoints, fillPath } from "../fuzz/route-table";
import { changes, type StateSnapshot, settledState, snapshotState } from "../fuzz/state";
import { randomIp, signUp, type TestUser } from "../support/users";
import { type Owner, ownerWithObjects } from "./fixtures";

/**
 * Authorization sweep over the app's own route table (no hand list of routes):
 * - every guarded route with an id param, called by user B with user A's real ids: 404 (or 403)
 *   in the error shape, none of A's ids or email in the answer, and nothing written anywhere;
 * - every guarded route called without a session, or with a forged one: 401 `unauthenticated`;
 * - every unguarded route is on the declared public surface below, and its id routes refuse B too,
 *   except where the param is itself the credential (a share link's `:token`).
 * A route whose param names an object with no fixture fails loudly: add the object to
 * `ownerWithObjects` (e.g. support threads) and the sweep covers the route.
 */

/**
 * The public surface: routes that answer without a session on purpose. Any route without the
 * session guard outside these prefixes fails the sweep, so a forgotten `requireUser` is caught.
 */
const PUBLIC = [
  /^\/api\/health$/, // liveness
  /^\/api\/auth\/(signup|login|login\/second-factor|refresh|logout|verify-email|forgot-password|reset-password|cancel-email-change)$/, // before a session exists, ending it, or an emailed link
  /^\/api\/auth\/passkeys\/authentication\/(options|verify)$/, // signing in with a passkey: no session yet
  /^\/api\/auth\/whop(\/(start|callback|pending|signup|link|second-factor))?$/, // Sign in with Whop: no session yet (the round-trip cookie carries the state)
  /^\/api\/dev\//, // development only: refused off loopback and absent in production (test/auth, test/lib)
  /^\/api\/(plans|models|openapi\.json)$/, // public catalogs and the API's description
  /^\/api\/provenance\/trust-anchors$/, // public certificates: the issuers /verify trusts
  /^\/api\/email\/unsubscribe$/, // a product email's unsubscribe link: the signed token names the person
  /^\/webhooks\//, // signed by the sender, verified by the route
  /^\/media\/shared\/:token(\/thumbnail)?$/, // share links: the token is the credential
  /^\/share\/:token$/, // the share link's public page: the same token
];

/** Params that are bearer credentials: holding the value is the authorization. */
const CAPABILITY_PARAMS = new Set(["shared/:token", "share/:token"]);

const routes = endpoints();
const guarded = routes.filter((r) => r.guarded);
const withIds = routes.filter((r) => r.params.length > 0);

/** Every combination of A's ids for the endpoint's params; throws when a param has no fixture. */
function pathsFor(endpoint: Endpoint, ids: Owner["ids"]): string[] {
  let combos: string[][] = [[]];
  for (const param of endpoint.params) {
    const values = ids[param.key];
    if (!values?.length) throw new Error(`no fixture for ${param.key} in ${endpoint.method} ${endpoint.path}: add one to ownerWithObjects`);
    combos = combos.flatMap((combo) => values.map((v) => [...combo, v]));
  }
  return combos.map((combo) => fillPath(endpoint, (_p, i) => combo[i]!));
}

/**
 * Bodies that A could send to the routes that validate a body before looking the object up, so that
 * B's call gets as far as the ownership check. Every other route gets `{}`; one that answers B with
 * 400 fails the sweep and needs its body here.
 */
const VALID_BODIES: Record<string, unknown> = {
  "PATCH /api/media/:id": { favorite: true },
  "PATCH /api/developers/webhooks/:id": { enabled: true },
  "PATCH /api/auth/passkeys/:id": { name: "Not yours" },
  "POST /api/support/threads/:id/messages": { message: "Hello again" },
};

function call(endpoint: Endpoint, path: string, cookie?: string): Promise<Response> {
  const headers = new Headers({ "CF-Connecting-IP": randomIp() });
  if (cookie) headers.set("Cookie", cookie);
  const bodyless = endpoint.method === "GET" || endpoint.method === "HEAD";
  if (!bodyless) headers.set("Content-Type", "application/json");
  const body = bodyless ? null : JSON.stringify(VALID_BODIES[`${endpoint.method} ${endpoint.path}`] ?? {});
  return exports.default.fetch(new Request(`http://localhost${path}`, { method: endpoint.method, headers, body }));
}

async function errorCode(res: Response): Promise<string | undefined> {
  const body = await res.json<{ error?: { code?: string; message?: string } }>();
  expect(typeof body.error?.message).toBe("string");
  return body.error?.code;
}

describe("authorization sweep", () => {
  let a: Owner;
  let b: TestUser;
  let before: StateSnapshot;
  beforeAll(async () => {
    a = await ownerWithObjects();
    b = await signUp();
    before = await settledState();
  }, 60_000);

  it("finds the routes that take ids from the app's route table", () => {
    expect(withIds.length).toBeGreaterThanOrEqual(10);
    for (const r of withIds) pathsFor(r, a.ids); // every param has a fixture
  });

  it("A's own ids are real: A reads each of them on every id GET route", async () => {
    // Staff routes answer a user 404 by design; test/admin/sweep.integration.test.ts calls them as staff.
    for (const endpoint of guarded.filter((r) => r.method === "GET" && r.params.length > 0 && !r.staff)) {
      for (const path of pathsFor(endpoint, a.ids)) {
        const res = await call(endpoint, path, a.user.cookie);
        if (res.webSocket) res.webSocket.accept();
        expect(res.status, `A: GET ${path}`).toBeLessThan(300);
        await res.body?.cancel();
      }
    }
  });

  it("B gets 404 (or 403) for every one of A's ids, learns nothing, and changes nothing", async () => {
    const start = await snapshotState();
    const leaks = [
      a.user.email,
      a.user.userId,
      ...Object.values(a.ids)
        .flat()
        .filter((v) => v.length > 8),
    ];
    let calls = 0;
    for (const endpoint of withIds.filter((r) => r.guarded)) {
      for (const path of pathsFor(endpoint, a.ids)) {
        const res = await call(endpoint, path, b.cookie);
        calls++;
        const text = await res.clone().text();
        expect([403, 404], `B: ${endpoint.method} ${path} → ${res.status} ${text.slice(0, 200)}`).toContain(res.status);
        expect(["not_found", "forbidden"]).toContain(await errorCode(res));
        for (const secret of leaks) expect(text, `B: ${endpoint.method} ${path} leaks ${secret}`).not.toContain(secret);
        expect(changes(start, await snapshotState()), `B: ${endpoint.method} ${path} wrote`).toEqual([]);
      }
    }
    console.log(`authz sweep: ${calls} cross-user calls over ${withIds.filter((r) => r.guarded).length} id routes`);
  });

  it("B's own listings (every guarded GET route without params) show nothing of A's", async () => {
    const leaks = [
      a.user.email,
      a.user.userId,
      ...Object.values(a.ids)
        .flat()
        .filter((v) => v.length > 8),
    ];
    for (const endpoint of guarded.filter((r) => r.method === "GET" && r.params.length === 0)) {
      const res = await call(endpoint, endpoint.path, b.cookie);
      if (res.webSocket) {
        res.webSocket.accept();
        res.webSocket.close(1000, "sweep");
        continue;
      }
      const text = await res.text();
      expect(res.status, `B: GET ${endpoint.path} → ${text.slice(0, 200)}`).toBeLessThan(500);
      for (const secret of leaks) expect(text, `B: GET ${endpoint.path} leaks ${secret}`).not.toContain(secret);
    }
  });

  it("unguarded id routes refuse B too, unless the param is the credential itself", async () => {
    const start = await snapshotState();
    for (const endpoint of withIds.filter((r) => !r.guarded && !r.params.some((p) => CAPABILITY_PARAMS.has(p.key)))) {
      for (const path of pathsFor(endpoint, a.ids)) {
        for (const cookie of [b.cookie, undefined]) {
          const res = await call(endpoint, path, cookie);
          expect(res.status, `${endpoint.method} ${path}`).toBeGreaterThanOrEqual(400);
          expect(res.status, `${endpoint.method} ${path}`).toBeLessThan(500);
          await errorCode(res);
        }
      }
    }
    expect(changes(start, await snapshotState())).toEqual([]);
  });

  it("every guarded route answers 401 without a session and with a forged one", async () => {
    const forged = a.user.cookie
      .replace(/_at=([^;]*)/, (_m, token: string) => `_at=${token.slice(0, -4)}AAAA`)
      .replace(/;?\s*\S*_rt=[^;]*/, "");
    const start = await snapshotState();
    for (const endpoint of guarded) {
      const path = endpoint.params.length ? pathsFor(endpoint, a.ids)[0]! : endpoint.path;
      for (const cookie of [undefined, forged, "ausar_at=garbage; ausar_rt=garbage"]) {
        const res = await call(endpoint, path, cookie);
        expect(res.status, `${endpoint.method} ${path} with ${cookie ? "a forged" : "no"} session`).toBe(401);
        expect(await errorCode(res)).toBe(endpoint.keyOnly ? "invalid_api_key" : "unauthenticated");
      }
    }
    expect(changes(start, await snapshotState())).toEqual([]);
  });

  it("every route without the session guard is on the declared public surface", () => {
    const unguarded = routes.filter((r) => !r.guarded).map((r) => r.path);
    expect(unguarded.filter((path) => !PUBLIC.some((rule) => rule.test(path)))).toEqual([]);
    expect(guarded.length).toBeGreaterThan(30);
  });

  it("A's objects are all still there, unchanged, after the sweep", async () => {
    expect(changes(before, await settledState())).toEqual([]);
  });
});
