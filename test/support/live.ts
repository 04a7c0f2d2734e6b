import { expect } from "vitest";
import { api } from "./users";

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

/** A `/api/live` connection opened with `cookie`, to see whether the server closes it. */
export interface LiveSocket {
  /** Waits up to a second for the server's close; false if the socket stayed open. */
  closedSoon(): Promise<boolean>;
  close(): void;
}

/** Opens `/api/live` with `cookie` and waits for the balance it is sent on connect. */
export async function openLive(cookie: string): Promise<LiveSocket> {
  const res = await api("/api/live", { cookie, headers: { Upgrade: "websocket" } });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  let messages = 0;
  let closed = false;
  ws.addEventListener("message", () => messages++);
  ws.addEventListener("close", () => {
    closed = true;
  });
  ws.accept();
  for (let i = 0; i < 100 && messages === 0; i++) await tick();
  expect(messages, "balance on connect").toBeGreaterThan(0);
  return {
    async closedSoon() {
      for (let i = 0; i < 100 && !closed; i++) await tick();
      return closed;
    },
    close: () => ws.close(),
  };
}
