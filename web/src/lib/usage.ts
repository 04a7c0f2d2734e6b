import { USAGE_BATCH_MAX, type UsageEvent, type UsageFeature } from "../../../shared/usage";
import { client } from "../api/client";
import { locationStore } from "../router/history";
import { matchRoute } from "../router/routes";
import { sessionStore } from "./session";

/** A batch goes at most this often while the tab is in use, and at once when it hides. */
const FLUSH_MS = 30_000;
const ENDPOINT = "/api/usage/events";

let queue: UsageEvent[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;

const signedIn = () => sessionStore.get().status === "signed-in";

/** Sends what is queued through the API client (which refreshes an expired session once). */
function flush(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  if (queue.length === 0) return;
  const events = queue;
  queue = [];
  // Usage data is best effort: a batch the server refuses (or a network failure) is dropped, never retried.
  void client.api.usage.events.$post({ json: { events } }).catch(() => {});
}

/** The tab is going away or out of sight: `sendBeacon` survives the page closing, a fetch may not. */
function flushOnHide(): void {
  if (queue.length === 0) return;
  const events = queue;
  queue = [];
  navigator.sendBeacon(ENDPOINT, new Blob([JSON.stringify({ events })], { type: "application/json" }));
}

function enqueue(event: UsageEvent): void {
  if (!signedIn()) return;
  queue.push(event);
  if (queue.length >= USAGE_BATCH_MAX) flush();
  else timer ??= setTimeout(flush, FLUSH_MS);
}

/**
 * Counts a feature used (the policy's "features used"). Whether it is kept is the server's call:
 * only while the person's usage analysis is in effect (docs/privacy.md).
 */
export function trackFeature(name: UsageFeature): void {
  enqueue({ type: "feature", name });
}

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
    else queue = [];
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flushOnHide();
  });
  addEventListener("pagehide", flushOnHide);
}
