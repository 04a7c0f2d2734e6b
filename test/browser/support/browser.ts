import { mkdirSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

/**
 * The Chromium `npm test` found or installed first (`.ci/ensure-chromium.mjs`), looked up in the same
 * order: CHROMIUM_PATH, CHROME_PATH, Debian's /usr/bin/chromium. Never a browser downloaded by playwright.
 */
const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_PATH || process.env.CHROME_PATH || "/usr/bin/chromium";

/** Launches that Chromium; flags keep it off the network beyond the page's own requests. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export const SCREENSHOT_DIR = "test-results/browser";

/** Saves a full-page screenshot under test-results/browser/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Every request a page made (including those that failed), for the "nothing leaves the origin" check. */
export interface RequestLog {
  urls: string[];
  offOrigin(origin: string): string[];
}

/** Records every request and WebSocket of every page in the context, from the browser's side. */
export function recordRequests(context: BrowserContext): RequestLog {
  const urls: string[] = [];
  context.on("request", (request) => urls.push(request.url()));
  context.on("page", (page) => page.on("websocket", (socket) => urls.push(socket.url())));
  return {
    urls,
    offOrigin(origin) {
      // data: and blob: URLs never touch the network.
      const wsOrigin = origin.replace(/^http/, "ws");
      return urls.filter((url) => {
        if (url.startsWith("data:") || url.startsWith("blob:")) return false;
        const { protocol, host } = new URL(url);
        const seen = `${protocol}//${host}`;
        return seen !== origin && seen !== wsOrigin;
      });
    },
  };
}

/** Collects console errors and uncaught exceptions, which a healthy page never produces. */
export function recordPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/** Marks the page's document; the returned check tells whether it is still the same one (never reloaded). */
export async function markDocument(page: Page): Promise<() => Promise<boolean>> {
  const mark = `${Date.now()}-${Math.random()}`;
  await page.evaluate((value) => {
    (window as unknown as { testMark?: string }).testMark = value;
  }, mark);
  return () => page.evaluate((value) => (window as unknown as { testMark?: string }).testMark === value, mark);
}

/** Messages of the live channel (`/api/live`) as the page receives them. */
export interface LiveLog {
  messages: { type: string; [key: string]: unknown }[];
  /** Settles on the first message, which the server sends as soon as the socket is open. */
  open: Promise<void>;
}

/** Records the live channel's messages of every socket the page opens. */
export function recordLive(page: Page): LiveLog {
  const messages: LiveLog["messages"] = [];
  let opened: () => void = () => undefined;
  const open = new Promise<void>((resolve) => (opened = resolve));
  page.on("websocket", (socket) => {
    if (!new URL(socket.url()).pathname.endsWith("/api/live")) return;
    socket.on("framereceived", (frame) => {
      messages.push(JSON.parse(String(frame.payload)) as LiveLog["messages"][number]);
      opened();
    });
  });
  return { messages, open };
}
