import type { Child } from "hono/jsx";
import { useEffect, useRef, useState } from "hono/jsx/dom";
import { ErrorState, PageSkeleton } from "../components/feedback";
import { AppShell } from "../layouts/app-shell";
import { AuthLayout } from "../layouts/auth-layout";
import { SiteLayout } from "../layouts/site-layout";
import { loadSession, probablySignedIn, type SessionState, sessionStore } from "../lib/session";
import { useStore } from "../lib/store";
import NotFoundPage from "../pages/not-found/page";
import { decide, needsSession } from "./guard";
import { applyScroll, locationStore, navigate } from "./history";
import { type Layout, matchRoute, type PageComponent, type RouteDef } from "./routes";

// By loader, not by route: routes sharing a page (`/gallery`, `/gallery/:id`) find it loaded for each other.
const loaded = new Map<RouteDef["load"], PageComponent>();

/** Fetches a route's page chunk once (also called on link hover, so the click finds it ready). */
export function preloadRoute(route: RouteDef): Promise<PageComponent> {
  const cached = loaded.get(route.load);
  if (cached) return Promise.resolve(cached);
  return route.load().then((module) => {
    loaded.set(route.load, module.default);
    return module.default;
  });
}

/** What keeps a page mounted across addresses: its `page` name, else its path. */
const pageKey = (route: RouteDef) => route.page ?? route.path;

/** The page component for a route, once its chunk has arrived; `failed` after a load error. */
function usePage(route: RouteDef | null): { Page: PageComponent | undefined; failed: boolean } {
  const [, setTick] = useState(0);
  const [failedRoute, setFailedRoute] = useState<RouteDef | null>(null);
  useEffect(() => {
    if (!route || loaded.has(route.load)) return;
    let current = true;
    preloadRoute(route)
      .then(() => current && setTick((n) => n + 1))
      .catch(() => current && setFailedRoute(route));
    return () => {
      current = false;
    };
  }, [route]);
  return { Page: route ? loaded.get(route.load) : undefined, failed: route !== null && failedRoute === route };
}

function frame(layout: Layout, session: SessionState, path: string, children: Child) {
  if (layout === "app")
    return (
      <AppShell session={session} path={path}>
        {children}
      </AppShell>
    );
  if (layout === "auth") return <AuthLayout>{children}</AuthLayout>;
  const signedIn = session.status === "signed-in" || ((session.status === "unknown" || session.status === "loading") && probablySignedIn());
  return <SiteLayout signedIn={signedIn}>{children}</SiteLayout>;
}

/** The router: picks the route, applies the access rules, loads the page's chunk and frames it. */
export function App() {
  const here = useStore(locationStore);
  const session = useStore(sessionStore);
  const hinted = probablySignedIn();
  const match = matchRoute(here.path);
  const decision = decide(match, session, here, hinted);
  const route = decision.kind === "render" ? decision.match.route : null;
  const { Page, failed } = usePage(route);
  const firstVisit = useRef(true);
  const shownPage = useRef<string | null>(null);

  useEffect(() => {
    if (needsSession(match, session, hinted)) void loadSession();
  });

  const redirectTo = decision.kind === "redirect" ? decision.to : null;
  useEffect(() => {
    if (redirectTo) navigate(redirectTo, { replace: true });
  }, [redirectTo]);

  const title = decision.kind === "not-found" ? "Page not found" : (match?.route.title ?? "");
  useEffect(() => {
    document.title = title ? `${title} · Ausar` : "Ausar";
  }, [title]);

  const ready = decision.kind === "not-found" || Page !== undefined;
  const key = route ? pageKey(route) : null;
  useEffect(() => {
    if (!ready) return;
    // Within one page (the gallery's viewer opening or closing) scroll and focus are the page's own.
    const samePage = !firstVisit.current && key !== null && key === shownPage.current;
    shownPage.current = key;
    applyScroll(samePage);
    // After a navigation (not the first load), move focus to the new page so screen readers follow.
    if (!firstVisit.current && !samePage) document.getElementById("main")?.focus({ preventScroll: true });
    firstVisit.current = false;
  }, [here.version, ready]);

  if (decision.kind === "not-found") {
    const signedIn = session.status === "signed-in";
    return frame(signedIn ? "app" : "site", session, here.path, <NotFoundPage signedIn={signedIn} />);
  }
  if (decision.kind === "redirect") return frame(match?.route.layout ?? "site", session, here.path, <PageSkeleton />);
  if (decision.kind === "session-error") {
    const error = session.status === "error" ? session.error.message : "";
    return frame(
      "auth",
      session,
      here.path,
      <ErrorState title="Could not open your account" message={error} onRetry={() => void loadSession()} />,
    );
  }
  const layout = decision.match.route.layout;
  if (decision.kind === "wait") return frame(layout, session, here.path, <PageSkeleton />);
  if (failed) {
    return frame(
      layout,
      session,
      here.path,
      <ErrorState message="This page could not be loaded. Ausar may have been updated." onRetry={() => location.reload()} />,
    );
  }
  const content = Page ? (
    <Page key={pageKey(decision.match.route)} query={new URLSearchParams(here.search)} params={decision.match.params} />
  ) : (
    <PageSkeleton />
  );
  return frame(layout, session, here.path, content);
}
