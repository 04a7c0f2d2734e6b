import { createHmac, randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { newUser, signUpVerifiedInContext, signupCredits } from "./support/accounts";
import { recordPageErrors, screenshot } from "./support/browser";
import { devVar } from "./support/dev-vars";
import { GENERATE_BUTTON, startGeneration, waitForJob } from "./support/generations";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

/** The dev server's webhook secret, so the test can sign a dispute exactly as Whop would. */
const webhookSecret = () => devVar("WHOP_WEBHOOK_SECRET");

/** A signed Whop delivery (Standard Webhooks: HMAC-SHA256 keyed with the secret's UTF-8 bytes), as Whop sends it. */
function signedDelivery(type: string, data: unknown): { headers: Record<string, string>; body: string } {
  const id = `msg_${randomBytes(8).toString("hex")}`;
  const timestamp = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({ id, api_version: "v1", type, timestamp: new Date().toISOString(), company_id: "biz_test", data });
  const signature = createHmac("sha256", Buffer.from(webhookSecret(), "utf8")).update(`${id}.${timestamp}.${body}`).digest("base64");
  return {
    body,
    headers: {
      "webhook-id": id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": `v1,${signature}`,
      "Content-Type": "application/json",
    },
  };
}

it("a dispute of spent credits shows as a debt on Credits, Billing and Create, pauses Generate, and a purchase pays it off live", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { origin } = suite.server;
  await signUpVerifiedInContext(context, origin, newUser("debt"));
  const start = signupCredits();
  const headers = { Origin: origin };
  const buy = async () => {
    const res = await context.request.post(`${origin}/api/billing/dev-checkout`, { headers, data: { planId: "pack-500" } });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { paymentId: string }).paymentId;
  };

  // Buy 500, then start more than the welcome credits' worth of work: two 6 s videos at 5 credits a second.
  const paymentId = await buy();
  const jobs = [
    await startGeneration(context.request, origin, { model: "demo-video", prompt: "a lighthouse at dusk", durationSeconds: 6 }),
    await startGeneration(context.request, origin, { model: "demo-video", prompt: "waves on rocks", durationSeconds: 6 }),
  ];
  const spent = 60;
  const debt = spent - start;
  expect(debt).toBeGreaterThan(0);

  // The payment is disputed while the videos hold (or have just spent) their credits: what it
  // granted that is no longer available becomes a debt, and their captures do not change it.
  const delivery = signedDelivery("dispute.created", {
    id: `dspt_${randomBytes(8).toString("hex")}`,
    amount: 5,
    currency: "usd",
    status: "needs_response",
    created_at: new Date().toISOString(),
    payment: { id: paymentId, total: 5, currency: "usd" },
  });
  const hook = await context.request.post(`${origin}/webhooks/whop`, { headers: delivery.headers, data: delivery.body });
  expect(hook.status()).toBe(200);
  expect(((await hook.json()) as { outcome: string }).outcome).toBe("clawed_back");
  for (const job of jobs) await waitForJob(context.request, origin, job.id, "succeeded", 120_000);
  const credits = (await (await context.request.get(`${origin}/api/credits`)).json()) as Record<string, unknown>;
  expect(credits).toEqual({ available: 0, held: 0, debt, flagged: true });

  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${origin}/credits`);
  const notice = page.getByTestId("standing-notice");
  await expect.poll(() => notice.locator(".notice-title").textContent()).toBe(`You owe ${debt} credits`);
  expect(await notice.getByRole("link", { name: "Buy credits" }).getAttribute("href")).toBe("/billing");
  expect(await notice.getByRole("link", { name: "contact support" }).count()).toBe(1);
  expect(await page.getByTestId("credit-debt").locator(".figure-value").textContent()).toBe(String(debt));
  await expect.poll(() => page.getByTestId("ledger-row").filter({ hasText: "Chargeback — payment disputed" }).count()).toBe(1);
  await screenshot(page, "credits-debt");

  await page.goto(`${origin}/create`);
  const generate = page.getByRole("button", { name: GENERATE_BUTTON });
  await expect.poll(() => generate.isDisabled()).toBe(true);
  expect(await page.getByTestId("generate-reason").textContent()).toContain(`owes ${debt} credits after a refunded or disputed payment`);
  await screenshot(page, "create-debt");

  await page.goto(`${origin}/billing`);
  await expect.poll(() => page.getByTestId("standing-notice").count()).toBe(1);
  expect(await page.getByTestId("billing-debt").textContent()).toContain(`Owed: ${debt}`);
  await screenshot(page, "billing-debt");

  // A new purchase pays the debt first; the open page hears it live and the notice goes away.
  await buy();
  await expect.poll(() => page.getByTestId("credit-pill").textContent()).toBe(String(500 - debt));
  await expect.poll(() => page.getByTestId("standing-notice").count()).toBe(0);
  expect(await page.getByTestId("billing-debt").count()).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});
