import axe from "axe-core";
import type { BrowserContext, Page } from "playwright-core";
import { expect, it } from "vitest";
import { newUser, signUpVerifiedInContext } from "./support/accounts";
import { screenshot } from "./support/browser";
import { addPasskeyOnAccountPage, addVirtualAuthenticator, passkeyOrigin } from "./support/passkeys";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

const PUBLIC_PAGES = [
  "/",
  "/login",
  "/signup",
  "/forgot-password",
  "/privacy",
  "/terms",
  "/docs/api",
  "/verify",
  "/unsubscribe?token=example",
];
const APP_PAGES = [
  "/create",
  "/gallery",
  "/history",
  "/billing",
  "/credits",
  "/account",
  "/account/developers",
  "/account/usage",
  "/support",
  "/support?new=1",
];
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical WCAG 2.x A/AA findings on the page as it stands. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
      resultTypes: ["violations"],
    });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * Non-text contrast (WCAG 1.4.11, which axe does not check): the chosen segment's edge against its
 * track, and each text input's border against what is behind it, as computed in the page.
 */
async function weakControlEdges(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = (color: string) => {
      const [r, g, b] = rgb(color).map((v) => {
        const c = v / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const ratio = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    /** The first opaque background at or above `element`. */
    const backdrop = (element: Element | null): string => {
      for (let at = element; at; at = at.parentElement) {
        const color = getComputedStyle(at).backgroundColor;
        if (!/rgba\(.*,\s*0\)$|transparent/.test(color)) return color;
      }
      return "rgb(255, 255, 255)";
    };
    const weak: string[] = [];
    for (const chosen of document.querySelectorAll(".segmented-option:has(input:checked)")) {
      const edge = getComputedStyle(chosen).borderTopColor;
      const r = ratio(edge, backdrop(chosen.parentElement));
      if (r < 3) weak.push(`chosen segment "${chosen.textContent?.trim()}" ${r.toFixed(2)}:1`);
    }
    for (const input of document.querySelectorAll("input.input, textarea.input")) {
      const r = ratio(getComputedStyle(input).borderTopColor, backdrop(input.parentElement));
      if (r < 3) weak.push(`input ${(input as HTMLInputElement).name} border ${r.toFixed(2)}:1`);
    }
    return weak;
  });
}

/** Opens a support thread through the API (so its page has a message to show) and returns its id. */
async function openThread(context: BrowserContext, origin: string): Promise<string> {
  const response = await context.request.post(`${origin}/api/support/threads`, {
    headers: { Origin: origin },
    data: { subject: "Where are my credits?", message: "I bought a pack an hour ago and the balance has not moved." },
  });
  if (response.status() !== 201) throw new Error(`thread refused: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { thread: { id: string } }).thread.id;
}

/** Every page, signed out and signed in, in both themes, at desktop and phone width: 0 serious or critical findings. */
it("has no serious or critical axe-core violations on any page, in light and dark, at 1280 and 390 px", async () => {
  const { server, browser } = suite;
  const found: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    for (const viewport of VIEWPORTS) {
      // The axe script is injected by the test; the app's CSP ('self' only) would refuse it otherwise.
      const context = await browser.newContext({ colorScheme, viewport, bypassCSP: true });
      const page = await context.newPage();
      const check = async (path: string) => {
        await page.goto(path.startsWith("http") ? path : `${server.origin}${path}`);
        await page.locator("h1").first().waitFor();
        await page.waitForLoadState("networkidle");
        for (const line of [...(await seriousViolations(page)), ...(await weakControlEdges(page))])
          found.push(`${path} ${colorScheme} ${viewport.width}px: ${line}`);
      };
      for (const path of PUBLIC_PAGES) await check(path);
      await signUpVerifiedInContext(context, server.origin, newUser(`a11y-${colorScheme}-${viewport.width}`));
      for (const path of APP_PAGES) await check(path);
      await check(`/support/${await openThread(context, server.origin)}`);
      // Account → Security with a passkey, added through Chromium's virtual authenticator (on localhost: WebAuthn takes no IP).
      const local = passkeyOrigin(server.origin);
      const withPasskey = newUser(`a11y-passkey-${colorScheme}-${viewport.width}`);
      await signUpVerifiedInContext(context, local, withPasskey);
      await addVirtualAuthenticator(page);
      await page.goto(`${local}/account#passkeys`);
      await addPasskeyOnAccountPage(page, withPasskey.password);
      await check(`${local}/account`);
      if (viewport.width === 390) await screenshot(page, `a11y-account-${colorScheme}-phone`);
      await context.close();
    }
  }
  expect(found).toEqual([]);
}, 240_000);
