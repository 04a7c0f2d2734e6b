import type { BrowserContext } from "playwright-core";
import { expect, it } from "vitest";
import type { UsageResponse } from "../../shared/usage";
import { signUnsubscribeToken } from "../../workers/notifications/unsubscribe-token";
import { newUser, signUpVerifiedInContext } from "./support/accounts";
import { recordPageErrors, screenshot } from "./support/browser";
import { devVar } from "./support/dev-vars";
import { GENERATE_BUTTON, listJobs, waitForJob } from "./support/generations";
import { openLocalState } from "./support/local-state";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

async function usageOf(context: BrowserContext, origin: string): Promise<UsageResponse> {
  const res = await context.request.get(`${origin}/api/account/usage?days=30&offset=${-new Date().getTimezoneOffset()}`);
  expect(res.status()).toBe(200);
  return res.json();
}

it("counts the pages a person opens and the features they use, sends them as a beacon when the tab goes, and shows them with credits and generations on Your usage", async () => {
  const { server, browser } = suite;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await signUpVerifiedInContext(context, server.origin, newUser("usage"));
  const page = await context.newPage();
  const errors = recordPageErrors(page);

  await page.goto(`${server.origin}/create`);
  await page.getByRole("textbox", { name: "Prompt" }).fill("a lighthouse in fog");
  await page.getByRole("button", { name: GENERATE_BUTTON }).click();
  await expect.poll(async () => (await listJobs(context.request, server.origin)).length).toBe(1);
  const [job] = await listJobs(context.request, server.origin);
  const done = await waitForJob(context.request, server.origin, job!.id);
  expect(done.status).toBe("succeeded");
  await page.getByRole("link", { name: "Gallery", exact: true }).first().click();
  await page.waitForURL(`${server.origin}/gallery`);
  await page.getByRole("link", { name: "History", exact: true }).first().click();
  await page.waitForURL(`${server.origin}/history`);
  // Leaving the site hands the queue to sendBeacon, which outlives the page: the events arrive at
  // once, well before the half-minute timer would have sent them (Playwright does not list beacons).
  await page.goto("about:blank");
  const left = Date.now();
  await expect.poll(async () => (await usageOf(context, server.origin)).events.total, { timeout: 10_000 }).toBe(4);
  expect(Date.now() - left).toBeLessThan(15_000);
  const held = (await usageOf(context, server.origin)).events;
  expect(held.pages.map((p) => p.name).sort()).toEqual(["/create", "/gallery", "/history"]);
  expect(held.features).toEqual([{ name: "generate", count: 1 }]);

  const usage = await context.newPage();
  const usageErrors = recordPageErrors(usage);
  await usage.goto(`${server.origin}/account`);
  await usage.getByRole("link", { name: "See your usage" }).click();
  await usage.waitForURL(`${server.origin}/account/usage`);
  await usage.getByRole("heading", { name: "Your usage", level: 1 }).waitFor();
  await usage.locator(".usage-chart canvas").first().waitFor();
  const month = usage.getByRole("region", { name: "This month" });
  expect(await month.getByText("Credits spent").locator("..").locator(".usage-stat-value").textContent()).toBe(String(done.cost));
  // The chart is a picture for the eyes; the same numbers are a table for everyone else.
  expect(await usage.locator(".usage-chart").getAttribute("aria-hidden")).toBe("true");
  await usage.getByText("Show as a table").click();
  const today = usage
    .getByRole("table", { name: /per day/ })
    .getByRole("row")
    .nth(1);
  expect(await today.locator('[data-label="Credits"]').textContent()).toBe(String(done.cost));
  expect(await today.locator('[data-label="Generations"]').textContent()).toBe("1");
  expect(
    await usage
      .getByRole("table", { name: /Models by credits/ })
      .getByRole("rowheader")
      .allTextContents(),
  ).toEqual(["demo-image"]);
  const heldSection = usage.getByRole("region", { name: "Usage data we hold" });
  await heldSection.getByText("Generate").first().waitFor();
  await heldSection.getByText("Gallery").first().waitFor();
  await screenshot(usage, "usage-1280");
  await usage.getByText("Show as a table").click();
  await usage.setViewportSize({ width: 390, height: 844 });
  await screenshot(usage, "usage-390");
  expect(await usage.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  expect([...errors, ...usageErrors]).toEqual([]);
  await context.close();
});

it("records nothing once the person objects to usage analysis, and says so on Your usage", async () => {
  const { server, browser } = suite;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await signUpVerifiedInContext(context, server.origin, newUser("usage-object"));
  const page = await context.newPage();
  await page.goto(`${server.origin}/account`);
  const analysis = page.getByRole("switch", { name: /Usage analysis/ });
  await analysis.click();
  await expect.poll(() => analysis.isChecked()).toBe(false);
  const me = await (await context.request.get(`${server.origin}/api/me`)).json();
  await page.getByRole("link", { name: "Gallery", exact: true }).first().click();
  await page.waitForURL(`${server.origin}/gallery`);
  await page.goto("about:blank");
  // The batch reached the server (its rate-limit counter moved) and was not kept.
  const state = await openLocalState(server);
  try {
    await expect
      .poll(async () => (await state.rowsMentioning(`usage_batches:${me.user.id}`)).rate_limits?.length ?? 0, { timeout: 10_000 })
      .toBeGreaterThan(0);
  } finally {
    await state.close();
  }

  const usage = await context.newPage();
  await usage.goto(`${server.origin}/account/usage`);
  await usage.getByText("Nothing new is being recorded").waitFor();
  await usage.getByText("We hold no usage events about you.").waitFor();
  expect((await usageOf(context, server.origin)).events).toMatchObject({ recording: false, total: 0 });
  await context.close();
});

it("stops product emails from the email's link without signing in", async () => {
  const { server, browser } = suite;
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await signUpVerifiedInContext(context, server.origin, newUser("unsubscribe"));
  const me = await (await context.request.get(`${server.origin}/api/me`)).json();
  expect((await context.request.put(`${server.origin}/api/account/consents`, { data: { product_emails: true } })).status()).toBe(200);
  const token = await signUnsubscribeToken(devVar("JWT_SECRET"), me.user.id);

  const signedOut = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await signedOut.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${server.origin}/unsubscribe?token=${token}`);
  await page.getByRole("heading", { name: "Stop product emails" }).waitFor();
  await screenshot(page, "unsubscribe-390");
  await page.getByRole("button", { name: "Stop product emails" }).click();
  await page.getByText("Product emails are off").waitFor();
  const consents = await (await context.request.get(`${server.origin}/api/account/consents`)).json();
  expect(consents.consents.find((c: { purpose: string }) => c.purpose === "product_emails").granted).toBe(false);

  await page.goto(`${server.origin}/unsubscribe?token=forged`);
  await page.getByRole("button", { name: "Stop product emails" }).click();
  await page.getByText("That did not work").waitFor();
  expect(errors.filter((e) => !e.includes("400 (Bad Request)"))).toEqual([]);
  await signedOut.close();
  await context.close();
});
