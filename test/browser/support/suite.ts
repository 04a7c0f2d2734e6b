import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser";
import { type DevServer, startDevServer } from "./server";

/** What a browser test file drives: its own `wrangler dev` and one Chromium, ready once its tests run. */
export interface BrowserSuite {
  readonly server: DevServer;
  readonly browser: Browser;
}

/** Starts a `wrangler dev` (with `vars()`, read when it starts) and Chromium before the file's tests (in `beforeAll`, for its longer timeout) and stops both after. */
export function useDevServerAndBrowser(options: { vars?: () => Record<string, string> } = {}): BrowserSuite {
  let server: DevServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startDevServer({ vars: options.vars?.() });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error("the dev server starts in beforeAll: use it inside a test");
      return server;
    },
    get browser() {
      if (!browser) throw new Error("the browser starts in beforeAll: use it inside a test");
      return browser;
    },
  };
}
