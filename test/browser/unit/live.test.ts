import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { liveStatus, startLive, stopLive, subscribe } from "../../../web/src/lib/live";

/** A stand-in for the browser's WebSocket: each test decides whether connections open. */
class FakeSocket extends EventTarget {
  static made: FakeSocket[] = [];
  static opens = false;
  closed = false;
  readonly at = Date.now();
  constructor(readonly url: string) {
    super();
    FakeSocket.made.push(this);
    setTimeout(() => {
      if (FakeSocket.opens) this.dispatchEvent(new Event("open"));
      else this.dispatchEvent(new Event("close"));
    }, 5);
  }
  receive(data: string) {
    this.dispatchEvent(Object.assign(new Event("message"), { data }));
  }
  close() {
    this.closed = true;
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.made = [];
  FakeSocket.opens = false;
  vi.stubGlobal("WebSocket", FakeSocket);
  vi.stubGlobal("window", new EventTarget());
  vi.stubGlobal("location", { protocol: "https:", host: "ausar.example" });
  vi.stubGlobal("navigator", { onLine: true });
});

afterEach(() => {
  stopLive();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

it("backs off while the endpoint is absent, revalidating the session only once", async () => {
  const onFailure = vi.fn();
  startLive({ onFailure });
  await vi.advanceTimersByTimeAsync(60_000);
  // 1 s doubling with ±30 % jitter: at most 7 attempts in a minute, never a tight loop.
  expect(FakeSocket.made.length).toBeGreaterThanOrEqual(4);
  expect(FakeSocket.made.length).toBeLessThanOrEqual(7);
  expect(FakeSocket.made[0]?.url).toBe("wss://ausar.example/api/live");
  expect(onFailure).toHaveBeenCalledTimes(1);
  expect(liveStatus.get()).toBe("retrying");
  await vi.advanceTimersByTimeAsync(10 * 60_000);
  // The wait is capped near a minute (60 s ± 30 %): later attempts are that far apart.
  const [before, last] = FakeSocket.made.slice(-2).map((s) => s.at) as [number, number];
  expect(last - before).toBeGreaterThanOrEqual(40_000);
  expect(last - before).toBeLessThanOrEqual(80_000);
});

it("delivers known message types to their subscribers and ignores anything else", async () => {
  FakeSocket.opens = true;
  const credits = vi.fn();
  const payments = vi.fn();
  const off = subscribe("credits", credits);
  subscribe("payment", payments);
  startLive();
  await vi.advanceTimersByTimeAsync(10);
  expect(liveStatus.get()).toBe("open");
  const socket = FakeSocket.made[0];
  socket?.receive(JSON.stringify({ type: "credits", available: 7, held: 2 }));
  socket?.receive("not json");
  socket?.receive(JSON.stringify({ type: "mystery" }));
  socket?.receive(JSON.stringify({ type: "payment", payment: { id: "p1" } }));
  expect(credits).toHaveBeenCalledWith({ type: "credits", available: 7, held: 2 });
  expect(payments).toHaveBeenCalledTimes(1);
  off();
  socket?.receive(JSON.stringify({ type: "credits", available: 8, held: 0 }));
  expect(credits).toHaveBeenCalledTimes(1);
});

it("reconnects after a drop and asks for a resync; stops for good on sign-out", async () => {
  FakeSocket.opens = true;
  const onReconnect = vi.fn();
  startLive({ onReconnect });
  await vi.advanceTimersByTimeAsync(10);
  FakeSocket.made[0]?.dispatchEvent(new Event("close"));
  await vi.advanceTimersByTimeAsync(2_000);
  expect(FakeSocket.made).toHaveLength(2);
  expect(onReconnect).toHaveBeenCalledTimes(1);
  stopLive();
  expect(FakeSocket.made[1]?.closed).toBe(true);
  expect(liveStatus.get()).toBe("off");
  await vi.advanceTimersByTimeAsync(120_000);
  expect(FakeSocket.made).toHaveLength(2);
});
