// First step of `npm test`: the browser tests need a Chromium. Finds one (CHROMIUM_PATH,
// CHROME_PATH, /usr/bin/chromium) or installs Debian's package as root, and says which; otherwise
// stops with what to install. The browser tests look in the same places (test/browser/support/browser.ts).
import { ensureChromium } from "./chromium.mjs";

try {
  ensureChromium();
} catch (error) {
  console.error(`[chromium] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
