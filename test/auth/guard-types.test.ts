import { env } from "cloudflare:test";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../workers/app-env";
import { requireUser } from "../../workers/auth/middleware";
import { onError } from "../../workers/lib/on-error";

// The `@ts-expect-error` lines are the real assertions: `tsc -p tsconfig.json` fails if a handler
// without `requireUser` in its chain could read `auth` (the directive would then be unused).
function routes() {
  return (
    new Hono<AppEnv>()
      // @ts-expect-error `auth` is not a variable of a route without the guard.
      .get("/open-var", (c) => c.json({ userId: c.var.auth.userId }))
      // @ts-expect-error nor can `c.get` read it.
      .get("/open-get", (c) => c.json({ userId: c.get("auth").userId }))
      .get("/guarded", requireUser, (c) => c.json({ userId: c.var.auth.userId, role: c.get("auth").role }))
      .onError(onError)
  );
}

describe("the auth guard's types", () => {
  it("answers 401 on a guarded route without a session, before the handler reads auth", async () => {
    const response = await routes().request("/guarded", {}, env);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "unauthenticated" } });
  });
});
