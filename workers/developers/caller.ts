import { createMiddleware } from "hono/factory";
import { uniqueSymbol } from "hono-openapi";
import type { ApiKeyScope } from "../../shared/developer-limits";
import type { AppEnv } from "../app-env";
import { authenticate } from "../auth/middleware";
import type { HoldSpender } from "../credits/contract";
import { AppError } from "../lib/errors";
import { enforceRateLimit, type RateLimit } from "../lib/rate-limit";
import { type KeyCaller, monthStart, resolveApiKey, touchApiKey } from "./api-keys";
import { keyRouteSpec } from "./openapi-parts";

/** Whom a request acts for: a signed-in person in the web app, or a program holding one of their API keys. */
export interface Caller {
  userId: string;
  /** The key behind the request, or null for the web app's session. */
  apiKey: KeyCaller | null;
}

/**
 * The environment of a route that an API key may call. It has `caller`, not `auth`: such a handler
 * cannot reach the session (its id, role or second factor), which a key does not have.
 */
export interface CallerEnv {
  Bindings: Env;
  Variables: AppEnv["Variables"] & { caller: Caller };
}

/** Requests per key per minute, whatever the route (generation has its own limits too). */
const KEY_LIMIT: RateLimit = { name: "api_key", max: 300, windowMs: 60_000 };

const callerGuards = new WeakMap<object, { scope: ApiKeyScope; keyOnly: boolean }>();

/** What a `requireCaller` guard asks of a key (its scope, and whether a session is refused), or undefined for any other handler. */
export function callerGuardOf(handler: unknown): { scope: ApiKeyScope; keyOnly: boolean } | undefined {
  return typeof handler === "function" ? callerGuards.get(handler) : undefined;
}

/** The secret of `Authorization: Bearer <secret>`, or null without that header; any other scheme is refused. */
function bearerSecret(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new AppError("invalid_api_key", "Send the API key as `Authorization: Bearer <key>`.");
  return match[1];
}

/**
 * Lets through the signed-in web app, or an API key with `scope` (401 `invalid_api_key` for an unknown,
 * revoked or malformed key; 403 `insufficient_scope` without the permission; 429 past the key's rate).
 * A key request needs no `Origin` (it carries no ambient cookies) and is answered without cookies.
 * `keyOnly` refuses the session: the route takes keys alone.
 */
export function requireCaller(scope: ApiKeyScope, options: { keyOnly?: boolean } = {}) {
  const guard = createMiddleware<CallerEnv>(async (c, next) => {
    const secret = bearerSecret(c.req.header("Authorization"));
    // Key-only routes (`/v1`) sit outside `/api`, so outside its same-origin check: a session is never enough there.
    if (secret === null && options.keyOnly) throw new AppError("invalid_api_key", "Send your API key as `Authorization: Bearer <key>`.");
    if (secret === null) {
      const auth = await authenticate(c);
      if (!auth) throw new AppError("unauthenticated", "Please sign in.");
      c.set("caller", { userId: auth.userId, apiKey: null });
      return next();
    }
    const key = await resolveApiKey(c.var.db, secret);
    if (!key) throw new AppError("invalid_api_key", "This API key is not valid. It may have been revoked, or mistyped.");
    if (!key.scopes.includes(scope)) {
      throw new AppError("insufficient_scope", `This API key does not have the ${scope} permission. Make a key that has it.`);
    }
    const now = Date.now();
    await enforceRateLimit(c.env.DB, KEY_LIMIT, key.keyId, now);
    c.executionCtx.waitUntil(touchApiKey(c.var.db, key, now));
    c.set("caller", { userId: key.userId, apiKey: key });
    await next();
  });
  // The route table tells guarded routes, and which a key may call, by this mark (the authorization sweep, the fuzzer).
  callerGuards.set(guard, { scope, keyOnly: options.keyOnly ?? false });
  // The OpenAPI document reads each key route's security and guard answers from here.
  return Object.assign(guard, { [uniqueSymbol]: { spec: keyRouteSpec(scope, options.keyOnly ?? false) } });
}

/** What a hold made for this caller counts against: its key's monthly cap, or nothing for the web app. */
export function spenderOf(caller: Caller, now: number): HoldSpender | undefined {
  if (!caller.apiKey) return undefined;
  return { keyId: caller.apiKey.keyId, monthlyCap: caller.apiKey.monthlyCreditCap, since: monthStart(now) };
}
