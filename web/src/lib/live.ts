import type { LiveMessage } from "../../../shared/live";
import { createStore } from "./store";

export type LiveType = LiveMessage["type"];
type MessageOf<T extends LiveType> = Extract<LiveMessage, { type: T }>;

/** `off` while signed out; `retrying` between attempts after a drop or a refused connection. */
export type LiveStatus = "off" | "connecting" | "open" | "retrying";
export const liveStatus = createStore<LiveStatus>("off");

const KNOWN_TYPES = new Set<string>(["credits", "job", "payment"]);
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60_000;
/** A connection that stayed up this long was healthy: the next drop starts the backoff afresh. */
const HEALTHY_AFTER_MS = 10_000;

const handlers = new Map<LiveType, Set<(message: LiveMessage) => void>>();
let socket: WebSocket | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
let attempt = 0;
let failures = 0;
let openedAt = 0;
let wanted = false;
let hooks: LiveHooks = {};

export interface LiveHooks {
  /** After a connection opens again following a drop: refetch what may have been missed. */
  onReconnect?: () => void;
  /** The first failure of a streak: the access token may have expired, so revalidate the session. */
  onFailure?: () => void;
}

/** Listens to one message type; returns the unsubscribe function. */
export function subscribe<T extends LiveType>(type: T, handler: (message: MessageOf<T>) => void): () => void {
  const set = handlers.get(type) ?? new Set();
  handlers.set(type, set);
  const listener = handler as (message: LiveMessage) => void;
  set.add(listener);
  return () => set.delete(listener);
}

function dispatch(data: unknown): void {
  if (typeof data !== "string") return;
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return;
  }
  if (typeof message !== "object" || message === null) return;
  const type = (message as { type?: unknown }).type;
  if (typeof type !== "string" || !KNOWN_TYPES.has(type)) return;
  for (const handler of handlers.get(type as LiveType) ?? []) handler(message as LiveMessage);
}

/** Exponential backoff with ±30 % jitter, so many tabs do not reconnect in step. */
function delayFor(n: number): number {
  const base = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** n);
  return Math.round(base * (0.7 + Math.random() * 0.6));
}

function schedule(): void {
  clearTimeout(timer);
  if (!wanted) return;
  liveStatus.set("retrying");
  timer = setTimeout(connect, delayFor(attempt));
  attempt += 1;
}

function connect(): void {
  clearTimeout(timer);
  if (!wanted || socket) return;
  if (!navigator.onLine) {
    liveStatus.set("retrying"); // the `online` event resumes
    return;
  }
  const url = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/api/live`;
  const ws = new WebSocket(url);
  socket = ws;
  liveStatus.set("connecting");
  const wasDropped = attempt > 0;
  ws.addEventListener("open", () => {
    openedAt = Date.now();
    liveStatus.set("open");
    if (wasDropped) hooks.onReconnect?.();
  });
  ws.addEventListener("message", (event) => dispatch(event.data));
  ws.addEventListener("close", () => {
    if (socket !== ws) return;
    socket = null;
    if (openedAt === 0) {
      failures += 1;
      if (failures === 1) hooks.onFailure?.();
    } else {
      failures = 0;
      if (Date.now() - openedAt >= HEALTHY_AFTER_MS) attempt = 0;
    }
    openedAt = 0;
    schedule();
  });
}

function retryNow(): void {
  if (wanted && !socket) {
    attempt = Math.min(attempt, 1);
    connect();
  }
}

/** Connects while signed in and keeps reconnecting with backoff until `stopLive`. */
export function startLive(nextHooks: LiveHooks = {}): void {
  hooks = nextHooks;
  if (wanted) return;
  wanted = true;
  attempt = 0;
  failures = 0;
  window.addEventListener("online", retryNow);
  connect();
}

/** Closes the connection (sign-out). */
export function stopLive(): void {
  wanted = false;
  clearTimeout(timer);
  window.removeEventListener("online", retryNow);
  const ws = socket;
  socket = null;
  openedAt = 0;
  ws?.close(1000, "signed out");
  liveStatus.set("off");
}
