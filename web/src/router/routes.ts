import type { Child } from "hono/jsx";
import type { UserView } from "../../../shared/auth";
import type { UsagePage } from "../../../shared/usage";

/** What every page component receives. */
export interface PageProps {
  /** The query string of the current address. */
  query: URLSearchParams;
  /** Values of `:name` segments in the route's path. */
  params: Record<string, string>;
}

export type PageComponent = (props: PageProps) => Child;
type PageModule = { default: PageComponent };

/** `public`: anyone; `guest`: signed-out only (signed-in people go on to the app); `app`: signed-in only. */
type Access = "public" | "guest" | "app";
/** `app`: the signed-in shell; `site`: the public header and footer; `auth`: a centred card. */
export type Layout = "app" | "site" | "auth";

export interface RouteDef {
  /** Also the page's name in usage data, so every route must be listed in `USAGE_PAGES`. */
  path: UsagePage;
  title: string;
  access: Access;
  layout: Layout;
  /** Roles allowed besides the default of everyone signed in (staff pages). */
  roles?: readonly UserView["role"][];
  /** Each page is its own chunk, fetched when first visited (or when a link to it is hovered). */
  load: () => Promise<PageModule>;
  /**
   * Routes with the same `page` are one page instance: moving between them (the gallery opening an
   * item at `/gallery/:id`) keeps its state, scroll and focus, as a change within the page.
   */
  page?: string;
}

/** The gallery and one of its items in the viewer share one chunk and one page instance. */
const galleryPage = () => import("../pages/gallery/page");

/** Staff pages: the console (the API checks every call again). */
const STAFF: readonly UserView["role"][] = ["support", "admin"];

/** Every page of the app. Add a route here and a `page.tsx` under `pages/<name>/`. */
export const ROUTES: readonly RouteDef[] = [
  { path: "/", title: "AI images and video", access: "public", layout: "site", load: () => import("../pages/landing/page") },
  { path: "/signup", title: "Create your account", access: "guest", layout: "auth", load: () => import("../pages/signup/page") },
  { path: "/login", title: "Sign in", access: "guest", layout: "auth", load: () => import("../pages/login/page") },
  { path: "/verify-email", title: "Verify your email", access: "public", layout: "auth", load: () => import("../pages/verify-email/page") },
  {
    path: "/forgot-password",
    title: "Reset your password",
    access: "public",
    layout: "auth",
    load: () => import("../pages/forgot-password/page"),
  },
  {
    path: "/cancel-email-change",
    title: "Cancel an email change",
    access: "public",
    layout: "auth",
    load: () => import("../pages/cancel-email-change/page"),
  },
  {
    path: "/reset-password",
    title: "Choose a new password",
    access: "public",
    layout: "auth",
    load: () => import("../pages/reset-password/page"),
  },
  {
    path: "/unsubscribe",
    title: "Stop product emails",
    access: "public",
    layout: "auth",
    load: () => import("../pages/unsubscribe/page"),
  },
  { path: "/whop-sign-in", title: "Sign in with Whop", access: "public", layout: "auth", load: () => import("../pages/whop-sign-in/page") },
  { path: "/privacy", title: "Privacy Policy", access: "public", layout: "site", load: () => import("../pages/privacy/page") },
  { path: "/terms", title: "Terms of Service", access: "public", layout: "site", load: () => import("../pages/terms/page") },
  { path: "/docs/api", title: "API reference", access: "public", layout: "site", load: () => import("../pages/api-docs/page") },
  { path: "/verify", title: "Check a file", access: "public", layout: "site", load: () => import("../pages/verify/page") },
  { path: "/create", title: "Create", access: "app", layout: "app", load: () => import("../pages/create/page") },
  { path: "/gallery", title: "Gallery", access: "app", layout: "app", page: "gallery", load: galleryPage },
  { path: "/gallery/:id", title: "Gallery", access: "app", layout: "app", page: "gallery", load: galleryPage },
  { path: "/history", title: "History", access: "app", layout: "app", load: () => import("../pages/history/page") },
  { path: "/billing", title: "Billing", access: "app", layout: "app", load: () => import("../pages/billing/page") },
  { path: "/credits", title: "Credits", access: "app", layout: "app", load: () => import("../pages/credits/page") },
  { path: "/account", title: "Account", access: "app", layout: "app", load: () => import("../pages/account/page") },
  {
    path: "/account/developers",
    title: "Developers",
    access: "app",
    layout: "app",
    load: () => import("../pages/developers/page"),
  },
  { path: "/account/usage", title: "Your usage", access: "app", layout: "app", load: () => import("../pages/usage/page") },
  { path: "/support", title: "Support", access: "app", layout: "app", load: () => import("../pages/support/page") },
  { path: "/support/:id", title: "Support request", access: "app", layout: "app", load: () => import("../pages/support/thread") },
  { path: "/admin", title: "Admin", access: "app", layout: "app", roles: STAFF, load: () => import("../pages/admin/page") },
  { path: "/admin/:section", title: "Admin", access: "app", layout: "app", roles: STAFF, load: () => import("../pages/admin/page") },
  { path: "/admin/:section/:item", title: "Admin", access: "app", layout: "app", roles: STAFF, load: () => import("../pages/admin/page") },
];

export interface RouteMatch {
  route: RouteDef;
  params: Record<string, string>;
}

/** Finds the route for a path; `:name` segments match one non-empty segment. A trailing slash is ignored. */
export function matchRoute(path: string, routes: readonly RouteDef[] = ROUTES): RouteMatch | null {
  const segments = path.replace(/\/+$/, "").split("/").slice(1);
  for (const route of routes) {
    const pattern = route.path.replace(/\/+$/, "").split("/").slice(1);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matched = pattern.every((part, i) => {
      const segment = segments[i] ?? "";
      if (part.startsWith(":")) {
        if (!segment) return false;
        try {
          params[part.slice(1)] = decodeURIComponent(segment);
          return true;
        } catch {
          return false; // a malformed escape is no valid value
        }
      }
      return part === segment;
    });
    if (matched) return { route, params };
  }
  return null;
}

/** A `next` value safe to navigate to after sign-in: a path on this site, never another origin. */
export function safeNext(next: string | null): string | null {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  return next;
}
