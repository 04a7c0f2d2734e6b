import { findTargetHandler } from "hono/utils/handler";
import type { ApiKeyScope } from "../../shared/developer-limits";
import { isStaffGuard } from "../../workers/admin/guard";
import { createApp } from "../../workers/app";
import { requireUser } from "../../workers/auth/middleware";
import { callerGuardOf } from "../../workers/developers/caller";

/** One endpoint of the Worker, as its own Hono route table lists it. */
export interface Endpoint {
  method: string;
  /** Hono's pattern, e.g. `/api/media/:id` or `/…/inputs/:index{[0-9]{1,2}}`. */
  path: string;
  /** Its `:params`, each with the fixture key that names what it holds (see `fixtureKey`). */
  params: { name: string; key: string }[];
  /** True when `requireUser`, `requireCaller` or a staff guard (`requireRole`) runs for it: it needs a session (or a key). */
  guarded: boolean;
  /** The scope an API key needs to call it (`requireCaller`), or undefined when no key may. */
  keyScope?: ApiKeyScope;
  /** True when only a key may call it (`/v1`): without one it answers 401 `invalid_api_key`. */
  keyOnly: boolean;
  /** True when `requireRole` runs for it: a staff route (test/admin/sweep checks those for staff). */
  staff: boolean;
}

/** `:name` optionally followed by a `{regex}` (the regex may hold braces of its own, as in `{[0-9]{1,2}}`). */
const PARAM = /:(\w+)(\{(?:[^{}]|\{[^{}]*\})*\})?/g;

/**
 * What a param holds is named by the path segment before it: `sessions/:id`, `media/:id`,
 * `share/:shareId`. The same name (`:id`) means different objects on different routes, so the
 * name alone cannot choose a fixture.
 */
function fixtureKey(path: string, match: RegExpMatchArray): string {
  const before = path.slice(0, match.index).split("/").filter(Boolean).at(-1) ?? "";
  return `${before}/:${match[1]}`;
}

/** True when a route entry with path `pattern` runs for requests to `path` (exact, or a `/*` prefix). */
function covers(pattern: string, path: string): boolean {
  if (pattern === path) return true;
  return pattern.endsWith("/*") && path.startsWith(pattern.slice(0, -1));
}

/**
 * Every endpoint of `createApp()`, read from its route table. The rule that separates endpoints
 * from middleware: an entry registered with method `ALL` (`app.use`, `app.all`) or on a path
 * ending in `*` is middleware or a fallback, not an endpoint; every other (method, path) pair is
 * one endpoint, however many handlers (guard, validators, handler) it chains. An endpoint is
 * guarded when one of the entries that run for it — its own, or an `ALL` entry covering its
 * path — is `requireUser` itself, a `requireCaller` guard (then `keyScope` says what a key needs) or
 * a `requireRole` guard (then it is also `staff`).
 */
export function endpoints(): Endpoint[] {
  const routes = createApp().routes;
  const seen = new Map<string, Endpoint>();
  for (const route of routes) {
    if (route.method === "ALL" || route.path.endsWith("*")) continue;
    const id = `${route.method} ${route.path}`;
    if (seen.has(id)) continue;
    const params = [...route.path.matchAll(PARAM)].map((m) => ({ name: m[1]!, key: fixtureKey(route.path, m) }));
    const runs = routes
      .filter((r) => (r.method === route.method || r.method === "ALL") && covers(r.path, route.path))
      // Hono wraps the handlers of a sub-app with its own onError (`/v1`); the guard is the one inside.
      .map((r) => ({ ...r, handler: findTargetHandler(r.handler) }));
    const staff = runs.some((r) => isStaffGuard(r.handler));
    const caller = runs.map((r) => callerGuardOf(r.handler)).find((guard) => guard !== undefined);
    const guarded = staff || caller !== undefined || runs.some((r) => r.handler === requireUser);
    seen.set(id, {
      method: route.method,
      path: route.path,
      params,
      guarded,
      staff,
      keyScope: caller?.scope,
      keyOnly: caller?.keyOnly ?? false,
    });
  }
  return [...seen.values()];
}

/** The endpoint's path with each `:param` (and its regex) replaced by `valueFor(param)`, URL-encoded. */
export function fillPath(endpoint: Endpoint, valueFor: (param: { name: string; key: string }, index: number) => string): string {
  let index = 0;
  return endpoint.path.replace(PARAM, () => {
    const param = endpoint.params[index]!;
    return encodeURIComponent(valueFor(param, index++));
  });
}
