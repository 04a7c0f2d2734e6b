import { useEffect } from "hono/jsx/dom";
import { supportApi } from "../../api/support";
import { createStore, useStore } from "../../lib/store";
import { locationStore } from "../../router/history";

/** Threads with a staff reply the person has not read; `null` until first asked. */
const unreadStore = createStore<number | null>(null);

/** A focus or navigation within this long of the last ask does not ask again. */
const MIN_GAP_MS = 15_000;
/** A tab left open and in view still learns of a reply, but no faster than this. */
const IDLE_REFRESH_MS = 5 * 60_000;

let lastAsked = 0;
let asking: Promise<void> | null = null;

/** Sets the count from an answer that carries it (the thread list). */
export function setUnreadCount(count: number): void {
  unreadStore.set(count);
}

/**
 * Asks `GET /api/support/unread` (one request at a time; failures keep the last count). `force`
 * (after reading a thread) asks again once a request already under way has answered.
 */
export function refreshUnread(force = false): Promise<void> {
  if (asking) return force ? asking.then(() => refreshUnread(true)) : asking;
  if (!force && Date.now() - lastAsked < MIN_GAP_MS) return Promise.resolve();
  lastAsked = Date.now();
  asking = supportApi
    .unread()
    .then((count) => unreadStore.set(count))
    .catch(() => undefined) // a badge is not worth an error on every page
    .finally(() => {
      asking = null;
    });
  return asking;
}

/**
 * The support badge's count, kept fresh without a fast poll: on mount, on every navigation, when
 * the tab comes back into view, and every few minutes while it stays in view.
 */
export function useUnreadCount(enabled: boolean): number | null {
  const count = useStore(unreadStore);
  useEffect(() => {
    if (!enabled) return;
    void refreshUnread(true);
    const onVisible = () => document.visibilityState === "visible" && void refreshUnread();
    const stopNav = locationStore.subscribe(() => void refreshUnread());
    const timer = setInterval(() => document.visibilityState === "visible" && void refreshUnread(true), IDLE_REFRESH_MS);
    window.addEventListener("focus", onVisible);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopNav();
      clearInterval(timer);
      window.removeEventListener("focus", onVisible);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [enabled]);
  return enabled ? count : null;
}
