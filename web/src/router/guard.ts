import type { SessionState } from "../lib/session";
import { type RouteMatch, safeNext } from "./routes";

/** What the router shows for an address, given who is signed in. */
export type Decision =
  | { kind: "render"; match: RouteMatch }
  | { kind: "redirect"; to: string }
  | { kind: "wait"; match: RouteMatch }
  | { kind: "session-error"; match: RouteMatch }
  | { kind: "not-found" };

/**
 * Applies the access rules: app pages need a session (otherwise `/login?next=…`), sign-in and
 * sign-up send signed-in people on, staff pages need a role. `hinted` is the first paint's guess
 * that a session exists, used to wait rather than flash a sign-in form that would vanish.
 */
export function decide(match: RouteMatch | null, session: SessionState, here: { path: string; search: string }, hinted: boolean): Decision {
  if (!match) return { kind: "not-found" };
  const { route } = match;
  if (route.access === "app") {
    switch (session.status) {
      case "signed-out":
        return { kind: "redirect", to: `/login?next=${encodeURIComponent(here.path + here.search)}` };
      case "signed-in":
        return route.roles && !route.roles.includes(session.user.role) ? { kind: "not-found" } : { kind: "render", match };
      case "error":
        return { kind: "session-error", match };
      default:
        return { kind: "wait", match };
    }
  }
  if (route.access === "guest") {
    if (session.status === "signed-in") {
      return { kind: "redirect", to: safeNext(new URLSearchParams(here.search).get("next")) ?? "/create" };
    }
    if ((session.status === "unknown" || session.status === "loading") && hinted) return { kind: "wait", match };
  }
  return { kind: "render", match };
}

/** Whether the router must ask the server who is signed in before it can decide. */
export function needsSession(match: RouteMatch | null, session: SessionState, hinted: boolean): boolean {
  return session.status === "unknown" && (hinted || match?.route.access === "app");
}
