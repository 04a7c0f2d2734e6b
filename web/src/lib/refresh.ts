import { screenHeader } from "./device";
import { broadcast, onTabMessage } from "./tabs";

/** What a refresh attempt found: new cookies, a session that is over, or no answer at all. */
export type RefreshOutcome = "refreshed" | "rejected" | "offline";

let lastRefreshedAt = 0;
let inflight: Promise<RefreshOutcome> | null = null;

onTabMessage((message) => {
  if (message.type === "refreshed") lastRefreshedAt = Math.max(lastRefreshedAt, message.at);
});

/** Runs `task` while holding a lock shared by every tab of this origin, when the browser has Web Locks. */
function withTabLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  return locks ? (locks.request("ausar.refresh", task) as Promise<T>) : task();
}

async function postRefresh(): Promise<RefreshOutcome> {
  try {
    const response = await fetch("/api/auth/refresh", {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", ...screenHeader() },
    });
    return response.ok ? "refreshed" : "rejected";
  } catch {
    return "offline";
  }
}

/**
 * Rotates the session cookies once for everyone who needs it. Concurrent callers in this tab
 * share one promise; other tabs wait on the same Web Lock and, finding that a refresh finished
 * after their request was sent, reuse it instead of rotating again (refresh tokens are single
 * use: two tabs presenting the same one would look like theft and end the session).
 */
export function refreshSession(requestSentAt: number): Promise<RefreshOutcome> {
  if (lastRefreshedAt > requestSentAt) return Promise.resolve("refreshed");
  inflight ??= withTabLock(async () => {
    if (lastRefreshedAt > requestSentAt) return "refreshed" as const;
    const outcome = await postRefresh();
    if (outcome === "refreshed") {
      lastRefreshedAt = Date.now();
      broadcast({ type: "refreshed", at: lastRefreshedAt });
    }
    return outcome;
  }).finally(() => {
    inflight = null;
  });
  return inflight;
}
