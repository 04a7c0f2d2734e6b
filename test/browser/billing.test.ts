import { expect, it } from "vitest";
import { newUser, signUpVerifiedInContext, signupCredits } from "./support/accounts";
import { markDocument, recordLive, recordPageErrors, screenshot } from "./support/browser";
import { startGeneration, waitForJob } from "./support/generations";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

it("buys the 500 credit pack through the development checkout: payment received, balance up by 500 live, listed in payments and on Credits", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { origin } = suite.server;
  await signUpVerifiedInContext(context, origin, newUser("billing"));
  const start = signupCredits();

  // A second tab stays on Billing throughout: only the live channel can tell it about the payment.
  const watcher = await context.newPage();
  const watcherLive = recordLive(watcher);
  await watcher.goto(`${origin}/billing`);
  await expect.poll(() => watcher.getByTestId("credit-pill").textContent()).toBe(String(start));
  await watcherLive.open;
  const watcherUnchanged = await markDocument(watcher);

  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${origin}/billing`);
  const plans = page.locator(".plan-card");
  await expect.poll(() => plans.locator(".plan-name").allTextContents()).toEqual(["500 credit pack", "2,000 credit pack", "Pro"]);
  await expect.poll(() => page.getByText("No payments yet").count()).toBe(1);
  await screenshot(page, "billing-plans");

  await plans.filter({ hasText: "500 credit pack" }).getByRole("link", { name: "Buy" }).click();
  await page.waitForURL(/\/api\/billing\/dev-checkout\?planId=pack-500$/);
  expect(await page.title()).toBe("Development checkout — no real payment");
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Development checkout — no real payment");
  expect(await page.getByText("Development only.").count()).toBe(1);
  expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("500 credit pack");
  await screenshot(page, "billing-dev-checkout");
  await page.getByRole("button", { name: /^Pay / }).click();

  await page.waitForURL(/\/billing\?checkout=pack-500&payment=pay_dev_[0-9a-f]+$/);
  await expect.poll(() => page.getByText("Payment received", { exact: true }).count()).toBe(1);
  expect(await page.getByText("500 credits were added to your balance.").count()).toBe(1);
  await expect.poll(() => page.getByTestId("credit-pill").textContent()).toBe(String(start + 500));
  const row = page.locator(".payments-table tbody tr");
  await expect.poll(() => row.count()).toBe(1);
  expect(await row.locator("td").allTextContents()).toEqual([expect.any(String), "500 credit pack", "500", "$5.00", "Paid"]);
  expect(await row.getAttribute("aria-current")).toBe("true");
  await screenshot(page, "billing-payment-received");

  // The other tab: its header balance rose by 500 and the payment appeared, without a reload.
  await expect.poll(() => watcher.getByTestId("credit-pill").textContent()).toBe(String(start + 500));
  await expect.poll(() => watcher.locator(".payments-table tbody tr").count()).toBe(1);
  expect(await watcherUnchanged()).toBe(true);
  expect(watcherLive.messages.some((m) => m.type === "payment")).toBe(true);
  expect(watcherLive.messages.some((m) => m.type === "credits" && m.available === start + 500)).toBe(true);

  await page.getByRole("link", { name: "Credit history" }).click();
  await page.waitForURL(`${origin}/credits`);
  const purchase = page.getByTestId("ledger-row").filter({ hasText: "Purchase — 500 credit pack" });
  await expect.poll(() => purchase.count()).toBe(1);
  expect(await purchase.locator(".ledger-amount").textContent()).toContain("500");
  await screenshot(page, "billing-credits-ledger");
  expect(errors).toEqual([]);
  await context.close();
});

it("lists a generation's credits on one ledger line (charged, not reserved then charged), its rows one click away", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { origin } = suite.server;
  await signUpVerifiedInContext(context, origin, newUser("ledger"));
  const job = await startGeneration(context.request, origin, { model: "demo-image", prompt: "lantern at dusk", count: 1 });
  await waitForJob(context.request, origin, job.id);

  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${origin}/credits`);
  const line = page.getByTestId("ledger-row").filter({ has: page.locator(`a[href="/history?job=${job.id}"]`) });
  await expect.poll(() => line.count()).toBe(1);
  expect(await line.getAttribute("data-state")).toBe("charged");
  expect(await line.locator(".ledger-amount").textContent()).toBe(`-${job.cost}`);
  expect(await line.locator(".badge").first().textContent()).toBe("Charged");
  const detail = line.locator("[data-testid=ledger-detail-row]");
  expect(await detail.first().isVisible()).toBe(false);
  await line.getByText("2 ledger rows").click();
  expect(await detail.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-kind")))).toEqual(["capture", "hold"]);
  await screenshot(page, "credits-ledger-job-line");
  expect(errors).toEqual([]);
  await context.close();
});

it("on a phone, returning from checkout opens at the top with the credits added and a way on, and the payments fit the screen as cards", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const { origin } = suite.server;
  await signUpVerifiedInContext(context, origin, newUser("phone-billing"));
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  for (const plan of ["500 credit pack", "2,000 credit pack"]) {
    await page.goto(`${origin}/billing`);
    const card = page.locator(".plan-card").filter({ hasText: plan });
    await card.getByRole("link", { name: "Buy" }).scrollIntoViewIfNeeded();
    await card.getByRole("link", { name: "Buy" }).click();
    await page.waitForURL(/\/api\/billing\/dev-checkout/);
    await page.getByRole("button", { name: /^Pay / }).scrollIntoViewIfNeeded();
    await page.getByRole("button", { name: /^Pay / }).click();
    await page.waitForURL(/\/billing\?checkout=/);
    await expect.poll(() => page.getByTestId("checkout-credits").count()).toBe(1);
  }
  expect(await page.getByTestId("checkout-credits").textContent()).toBe("+2,000 credits");
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const confirmation = await page.getByTestId("checkout-credits").boundingBox();
  expect(confirmation!.y + confirmation!.height).toBeLessThanOrEqual(844);
  expect(await page.getByRole("link", { name: "Continue creating" }).getAttribute("href")).toBe("/create");

  await expect.poll(() => page.locator(".payments-table tbody tr").count()).toBe(2);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const cells = page.locator(".payments-table tbody tr").first().locator("td");
  expect(await cells.first().evaluate((td) => getComputedStyle(td).display)).toBe("flex");
  const tabbar = await page.locator(".tabbar").boundingBox();
  expect(tabbar!.x).toBeGreaterThanOrEqual(0);
  expect(tabbar!.width).toBeLessThanOrEqual(390);
  expect(await page.locator(".tabbar").isVisible()).toBe(true);
  await page.locator("#billing-payments").scrollIntoViewIfNeeded();
  await screenshot(page, "billing-phone-payments");
  await page.evaluate(() => window.scrollTo({ top: 0 }));
  await screenshot(page, "billing-phone-received");
  expect(errors).toEqual([]);
  await context.close();
});
