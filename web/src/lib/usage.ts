import { USAGE_BATCH_MAX, type UsageEvent, type UsageFeature } from "../../../shared/usage";
import { client } from "../api/client";
import { sessionStore } from "./session";

/** A batch goes at most this often while the tab is in use, and at once when it hides. */
const FLUSH_MS = 30_000;
const ENDPOINT = "/api/usage/events";

let queue: UsageEvent[] = [];

/** Drops what is queued: it belonged to a session that has ended and cannot be sent any more. */
export function dropQueued(): void {
  queue = [];
}
let timer: ReturnType<typeof setTimeout> | null = null;

/** Usage is counted for signed-in people only. */
export const signedIn = () => sessionStore.get().status === "signed-in";

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
export function flushOnHide(): void {
  if (queue.length === 0) return;
  const events = queue;
  queue = [];
  navigator.sendBeacon(ENDPOINT, new Blob([JSON.stringify({ events })], { type: "application/json" }));
}

/** Queues one event of a signed-in person; a full batch goes at once, else within half a minute. */
export function enqueue(event: UsageEvent): void {
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
