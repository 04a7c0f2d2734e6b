import { locationStore } from "../router/history";
import { matchRoute } from "../router/routes";
import { sessionStore } from "./session";
import { dropQueued, enqueue, flushOnHide, signedIn } from "./usage";

// Apart from lib/usage.ts, which the API modules import to count features: the router reads the
// browser's address when it loads, and the API modules must load without one (their unit tests).

/**
 * Counts page visits of signed-in people by route pattern (`/gallery/:id`, never the address
 * with its ids); a change of query alone (a filter) is the same visit. Call once at start.
 */
export function startUsage(): void {
  let lastPath: string | null = null;
  const visit = () => {
    const { path } = locationStore.get();
    if (!signedIn() || path === lastPath) return;
    const match = matchRoute(path);
    if (!match) return;
    lastPath = path;
    enqueue({ type: "page_view", name: match.route.path });
  };
  locationStore.subscribe(visit);
  sessionStore.subscribe(() => {
    if (signedIn()) visit();
    // Signed out: whatever is queued belonged to the session that ended; it cannot be sent any more.
    else dropQueued();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flushOnHide();
  });
  addEventListener("pagehide", flushOnHide);
}
