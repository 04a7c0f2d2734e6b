import { captureReferral } from "../lib/referral";
import { createStore } from "../lib/store";

/** Where the app is: the parts of the address the router reads. */
export interface AppLocation {
  path: string;
  search: string;
  hash: string;
  /** Increases with every navigation, so pages can tell a new visit from a re-render. */
  version: number;
}

/** What the page should do with the scroll position once it has rendered. */
type ScrollIntent = { kind: "top" } | { kind: "restore"; y: number } | { kind: "hash"; id: string } | { kind: "keep" };

interface EntryState {
  key: string;
  scrollY?: number;
}

let version = 0;
let scrollIntent: ScrollIntent = { kind: "keep" };

function read(): AppLocation {
  return { path: location.pathname, search: location.search, hash: location.hash, version: ++version };
}

export const locationStore = createStore<AppLocation>(read());

function entryState(): EntryState | null {
  const state: unknown = history.state;
  return typeof state === "object" && state !== null && "key" in state ? (state as EntryState) : null;
}

function newEntryState(): EntryState {
  return { key: Math.random().toString(36).slice(2) };
}

/** Records the current scroll position on the current history entry (it survives back/forward and reload). */
function saveScroll(): void {
  const state = entryState() ?? newEntryState();
  history.replaceState({ ...state, scrollY: window.scrollY }, "");
}

/** Whether a same-origin path belongs to the server (API, webhooks, media files), not to the app. */
function isServerPath(path: string): boolean {
  return /^\/(api|webhooks|media)(\/|$)/.test(path);
}

/** Goes to `to` (a path, or a same-origin URL) without reloading; other origins load normally. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, location.href);
  if (url.origin !== location.origin || isServerPath(url.pathname)) {
    location.assign(url.href);
    return;
  }
  const target = url.pathname + url.search + url.hash;
  if (options.replace) {
    history.replaceState({ ...(entryState() ?? newEntryState()) }, "", target);
    scrollIntent = { kind: "keep" };
  } else {
    saveScroll();
    history.pushState(newEntryState(), "", target);
    scrollIntent = url.hash ? { kind: "hash", id: decodeURIComponent(url.hash.slice(1)) } : { kind: "top" };
  }
  captureReferral(url.search);
  locationStore.set(read());
}

/** Applies the pending scroll intent (dropped when only the address within one page changed); the router calls it once the page has rendered. */
export function applyScroll(samePage = false): void {
  const intent = scrollIntent;
  scrollIntent = { kind: "keep" };
  if (samePage) return;
  if (intent.kind === "top") window.scrollTo(0, 0);
  else if (intent.kind === "restore") window.scrollTo(0, intent.y);
  else if (intent.kind === "hash") document.getElementById(intent.id)?.scrollIntoView();
}

function onPopState(): void {
  const y = entryState()?.scrollY;
  scrollIntent = y === undefined ? { kind: "top" } : { kind: "restore", y };
  locationStore.set(read());
}

/** Follows same-origin `<a href>` clicks inside the app instead of reloading the page. */
function onClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(anchor instanceof HTMLAnchorElement)) return;
  if ((anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return;
  const url = new URL(anchor.href);
  if (url.origin !== location.origin || isServerPath(url.pathname)) return;
  event.preventDefault();
  const samePage = url.pathname === location.pathname && url.search === location.search;
  navigate(url.pathname + url.search + url.hash, { replace: samePage && !url.hash });
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
/** Browsers throttle frequent `replaceState` calls, so the position is saved once scrolling settles. */
function onScroll(): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveScroll, 200);
}

/** Takes over history, clicks and scroll restoration. Call once at start. */
export function startHistory(onLinkIntent: (path: string) => void): void {
  history.scrollRestoration = "manual";
  const y = entryState()?.scrollY;
  if (!entryState()) history.replaceState(newEntryState(), "");
  scrollIntent = y === undefined ? { kind: "keep" } : { kind: "restore", y };
  captureReferral(location.search);
  window.addEventListener("popstate", onPopState);
  window.addEventListener("scroll", onScroll, { passive: true });
  document.addEventListener("click", onClick);
  // Start fetching a page's code when a link to it is hovered or focused: it is usually ready by the click.
  const intent = (event: Event) => {
    const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (anchor instanceof HTMLAnchorElement && anchor.origin === location.origin) onLinkIntent(anchor.pathname);
  };
  document.addEventListener("pointerover", intent, { passive: true });
  document.addEventListener("focusin", intent);
}
