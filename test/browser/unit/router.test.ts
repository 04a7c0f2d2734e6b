import { expect, it } from "vitest";
import type { UserView } from "../../../shared/auth";
import type { SessionState } from "../../../web/src/lib/session";
import { decide, needsSession } from "../../../web/src/router/guard";
import { matchRoute, ROUTES, type RouteDef, safeNext } from "../../../web/src/router/routes";

const user: UserView = {
  id: "u1",
  email: "a@example.com",
  name: "Ada",
  role: "user",
  emailVerified: true,
  pendingEmail: null,
  referralCode: "ADA",
  createdAt: 0,
};
const signedIn: SessionState = { status: "signed-in", user, credits: { available: 5, held: 0, debt: 0, flagged: false } };
const signedOut: SessionState = { status: "signed-out" };
const here = (path: string, search = "") => ({ path, search });

it("matches every page of the brief, ignores a trailing slash, and knows nothing else", () => {
  for (const path of [
    "/",
    "/signup",
    "/login",
    "/verify-email",
    "/forgot-password",
    "/reset-password",
    "/privacy",
    "/terms",
    "/create",
    "/gallery",
    "/history",
    "/billing",
    "/account",
    "/credits",
  ]) {
    expect(matchRoute(path)?.route.path).toBe(path);
  }
  expect(matchRoute("/gallery/")?.route.path).toBe("/gallery");
  expect(matchRoute("/nope")).toBeNull();
  expect(matchRoute("/gallery/0190a0b4-0000-7000-8000-000000000001")?.route.path).toBe("/gallery/:id");
  expect(matchRoute("/gallery/a/b")).toBeNull();
  expect(matchRoute("/history/extra")).toBeNull();
});

it("reads :params and refuses malformed escapes", () => {
  const routes: RouteDef[] = [
    { path: "/support/:id", title: "", access: "app", layout: "app", load: async () => ({ default: () => null }) },
  ];
  expect(matchRoute("/support/a%20b", routes)?.params).toEqual({ id: "a b" });
  expect(matchRoute("/support/%E0%A4%A", routes)).toBeNull();
  expect(matchRoute("/support/", routes)).toBeNull();
});

it("only follows `next` to paths on this site", () => {
  expect(safeNext("/gallery?x=1")).toBe("/gallery?x=1");
  for (const bad of [null, "", "https://evil.example", "//evil.example", "/\\evil.example", "gallery"]) expect(safeNext(bad)).toBeNull();
});

it("sends signed-out people from app pages to sign in, keeping where they were going", () => {
  expect(decide(matchRoute("/billing"), signedOut, here("/billing", "?plan=pro"), false)).toEqual({
    kind: "redirect",
    to: "/login?next=%2Fbilling%3Fplan%3Dpro",
  });
  expect(decide(matchRoute("/billing"), { status: "loading" }, here("/billing"), true).kind).toBe("wait");
  expect(decide(matchRoute("/billing"), signedIn, here("/billing"), true).kind).toBe("render");
});

it("sends signed-in people away from sign-in and sign-up", () => {
  expect(decide(matchRoute("/login"), signedIn, here("/login"), true)).toEqual({ kind: "redirect", to: "/create" });
  expect(decide(matchRoute("/login"), signedIn, here("/login", "?next=%2Fgallery"), true)).toEqual({ kind: "redirect", to: "/gallery" });
  expect(decide(matchRoute("/signup"), signedIn, here("/signup", "?next=https://evil.example"), true)).toEqual({
    kind: "redirect",
    to: "/create",
  });
  expect(decide(matchRoute("/signup"), signedOut, here("/signup"), false).kind).toBe("render");
  // With the hint, wait for the answer rather than flash a form that would vanish.
  expect(decide(matchRoute("/signup"), { status: "unknown" }, here("/signup"), true).kind).toBe("wait");
});

it("keeps staff pages from everyone else, and unknown addresses are not found", () => {
  const admin: RouteDef = {
    path: "/admin",
    title: "Admin",
    access: "app",
    layout: "app",
    roles: ["support", "admin"],
    load: async () => ({ default: () => null }),
  };
  const match = { route: admin, params: {} };
  expect(decide(match, signedIn, here("/admin"), true).kind).toBe("not-found");
  expect(decide(match, { ...signedIn, user: { ...user, role: "admin" } }, here("/admin"), true).kind).toBe("render");
  expect(decide(null, signedIn, here("/x"), true).kind).toBe("not-found");
});

it("asks the server who is signed in only when it matters", () => {
  expect(needsSession(matchRoute("/"), { status: "unknown" }, false)).toBe(false);
  expect(needsSession(matchRoute("/"), { status: "unknown" }, true)).toBe(true);
  expect(needsSession(matchRoute("/create"), { status: "unknown" }, false)).toBe(true);
  expect(needsSession(matchRoute("/create"), signedOut, false)).toBe(false);
  expect(ROUTES.every((route) => route.path.startsWith("/"))).toBe(true);
});
