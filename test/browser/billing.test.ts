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
