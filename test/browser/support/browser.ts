import { mkdirSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

/** Debian's Chromium, never a downloaded browser; flags keep it off the network beyond the page's own requests. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
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
