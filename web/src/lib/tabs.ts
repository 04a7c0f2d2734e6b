/** News shared between this site's open tabs (no storage involved: BroadcastChannel is memory only). */
export type TabMessage = { type: "refreshed"; at: number } | { type: "signed-out" } | { type: "signed-in" };

const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("ausar") : null;

/** Tells the other open tabs. */
export function broadcast(message: TabMessage): void {
  channel?.postMessage(message);
}

/** Listens to the other open tabs; returns the unsubscribe function. */
export function onTabMessage(handler: (message: TabMessage) => void): () => void {
  if (!channel) return () => {};
  const listener = (event: MessageEvent<TabMessage>) => handler(event.data);
  channel.addEventListener("message", listener);
  return () => channel.removeEventListener("message", listener);
}
