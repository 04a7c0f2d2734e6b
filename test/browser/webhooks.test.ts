import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { newUser, signUpVerifiedInContext } from "./support/accounts";
import { recordPageErrors, screenshot } from "./support/browser";
import { openLocalState } from "./support/local-state";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

const BAD_REQUEST = "console: Failed to load resource: the server responded with a status of 400 (Bad Request)";
/** The test machine has no internet, so every delivery to it fails: realistic for a receiver that is down. */
const RECEIVER = "https://hooks.example.com/ausar";
/** `whsec_` and 32 random bytes in base64. */
const SECRET = /^whsec_[A-Za-z0-9+/]{43}=$/;

/** Refreshes the open log until its newest delivery has been tried once; answers that row's cells. */
async function firstTriedDelivery(page: Page) {
  const row = page.getByTestId("delivery-row").first();
  await expect
    .poll(
      async () => {
        await page.getByRole("button", { name: "Refresh" }).click();
        await page.getByRole("button", { name: "Refresh" }).waitFor();
        if ((await row.count()) === 0) return "none";
        return row.locator('[data-label="Attempts"]').textContent();
      },
      { timeout: 30_000, interval: 1000 },
    )
    .not.toMatch(/^(none|0)$/);
  return row;
}

it("adds an endpoint, shows its secret once, logs a test delivery, rotates the secret with an overlap and removes it", async () => {
  const { server, browser } = suite;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await signUpVerifiedInContext(context, server.origin, newUser("webhooks"));
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${server.origin}/account/developers`);
  await page.getByRole("heading", { name: "Webhooks", level: 2 }).waitFor();
  await page.getByText("No endpoints yet").waitFor();
  expect(await page.getByRole("link", { name: "how to verify it" }).getAttribute("href")).toBe("/docs/api");

  // Plain http: the API's own words at the URL field, which gets focus; the ticked event stays ticked.
  const url = page.getByLabel("Endpoint URL");
  await url.fill("http://hooks.example.com/ausar");
  await page.getByRole("checkbox", { name: /Generation succeeded/ }).check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await page.getByText("Use an https:// address.").waitFor();
  expect(await url.getAttribute("aria-invalid")).toBe("true");
  await expect.poll(() => url.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await page.getByRole("checkbox", { name: /Generation succeeded/ }).isChecked()).toBe(true);
  await screenshot(page, "webhooks-url-error-1280");

  await url.fill(RECEIVER);
  await page.getByRole("checkbox", { name: /Generation failed/ }).check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secretField = page.getByLabel(`Signing secret of ${RECEIVER}`);
  await secretField.waitFor();
  expect(await secretField.evaluate((el) => el === document.activeElement)).toBe(true);
  const secret = await secretField.inputValue();
  expect(secret).toMatch(SECRET);

  const card = page.getByTestId("webhook-endpoint");
  await expect.poll(() => card.count()).toBe(1);
  expect(await card.getByRole("heading", { level: 4 }).textContent()).toBe(RECEIVER);
  expect(await card.getByTestId("endpoint-status").textContent()).toBe("On");
  expect(await card.locator(".key-scopes .badge").allTextContents()).toEqual(["generation.failed", "generation.succeeded"]);
  await screenshot(page, "webhooks-secret-1280");
  await page.getByRole("button", { name: "I have saved it" }).click();
  await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("url");
  expect(await page.content()).not.toContain(secret);

  const toggle = card.getByRole("button", { name: "Deliveries" });
  await toggle.click();
  expect(await toggle.getAttribute("aria-expanded")).toBe("true");
  await card.getByText("No deliveries yet").waitFor();
  await card.getByRole("button", { name: "Send test event" }).click();
  await card.getByText("Test event queued.").waitFor();
  const row = await firstTriedDelivery(page);
  expect(await row.locator('[data-label="Event"]').textContent()).toBe("webhook.test");
  expect(await row.locator('[data-label="Status"]').textContent()).toMatch(/^(Retrying|Failed)$/);
  expect(await row.locator('[data-label="HTTP status"]').textContent()).toBe("No answer");
  expect(await row.locator('[data-label="Latency"]').textContent()).toMatch(/^\d+ ms$/);
  const response = row.locator(".delivery-response-text");
  expect(await response.isVisible()).toBe(false);
  await row.getByText("Show response").click();
  expect((await response.textContent())?.length).toBeGreaterThan(0);
  await screenshot(page, "webhooks-log-1280");

  await card.getByRole("button", { name: "Rotate secret" }).click();
  const rotatedField = page.getByLabel(`New secret of ${RECEIVER}`);
  await rotatedField.waitFor();
  const rotated = await rotatedField.inputValue();
  expect(rotated).toMatch(SECRET);
  expect(rotated).not.toBe(secret);
  await card.getByText("The old secret keeps signing beside it until").waitFor();
  await screenshot(page, "webhooks-rotated-1280");
  await card.getByRole("button", { name: "I have saved it" }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Rotate secret");
  await card.getByText("The secret before the last rotation also signs deliveries until").waitFor();

  // A second rotation inside the overlap would cut the first secret off, so it asks first.
  await card.getByRole("button", { name: "Rotate secret" }).click();
  await page.getByRole("dialog", { name: "Rotate the secret again?" }).getByRole("button", { name: "Cancel" }).click();
  expect(await page.getByLabel(`New secret of ${RECEIVER}`).count()).toBe(0);

  await card.getByRole("button", { name: `Remove ${RECEIVER}` }).click();
  const dialog = page.getByRole("dialog", { name: `Remove ${RECEIVER}?` });
  await dialog.waitFor();
  await dialog.getByRole("button", { name: "Remove endpoint" }).click();
  await page.getByText("No endpoints yet").waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("webhook-list-title");
  const list = await context.request.get(`${server.origin}/api/developers/webhooks`);
  expect(((await list.json()) as { endpoints: unknown[] }).endpoints).toEqual([]);
  expect(errors).toEqual([BAD_REQUEST]);
  await context.close();
});

it("shows an endpoint and its delivery log as stacked cards at 390 px, with nothing wider than the screen", async () => {
  const { server, browser } = suite;
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await signUpVerifiedInContext(context, server.origin, newUser("webhooks-phone"));
  const created = await context.request.post(`${server.origin}/api/developers/webhooks`, {
    headers: { Origin: server.origin },
    data: { url: RECEIVER, events: ["generation.succeeded", "generation.failed", "generation.canceled"] },
  });
  expect(created.status()).toBe(201);
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${server.origin}/account/developers`);
  const card = page.getByTestId("webhook-endpoint");
  await card.waitFor();
  await card.getByRole("button", { name: "Send test event" }).click();
  await card.getByText("Test event queued.").waitFor();
  await card.getByRole("button", { name: "Deliveries" }).click();
  const row = await firstTriedDelivery(page);
  await row.getByText("Show response").click();
  expect(await page.locator(".delivery-table thead").boundingBox()).toMatchObject({ height: 1 });
  expect(await row.locator('[data-label="Attempts"]').evaluate((el) => getComputedStyle(el).display)).toBe("flex");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, "webhooks-log-390");
  expect(errors).toEqual([]);
  await context.close();
});

it("tells when an endpoint was turned off after a day of failures, and turns it back on", async () => {
  const { server, browser } = suite;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await signUpVerifiedInContext(context, server.origin, newUser("webhooks-off"));
  const created = await context.request.post(`${server.origin}/api/developers/webhooks`, {
    headers: { Origin: server.origin },
    data: { url: RECEIVER, events: ["generation.succeeded"] },
  });
  expect(created.status()).toBe(201);
  const { endpoint } = await created.json();
  // A day of failed retries cannot pass in a test: the endpoint is put in the state they end in.
  const state = await openLocalState(server);
  try {
    await state.execute("UPDATE webhook_endpoints SET disabled_at = ?1 WHERE id = ?2", Date.now() - 60_000, endpoint.id);
  } finally {
    await state.close();
  }

  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${server.origin}/account/developers`);
  const card = page.getByTestId("webhook-endpoint");
  await card.waitFor();
  expect(await card.getByTestId("endpoint-status").textContent()).toBe("Off");
  await card.getByText("after a day of failed deliveries").waitFor();
  expect(await card.getByRole("button", { name: "Send test event" }).count()).toBe(0);
  await screenshot(page, "webhooks-turned-off-1280");

  await card.getByRole("button", { name: "Turn back on" }).click();
  await expect.poll(() => card.getByTestId("endpoint-status").textContent()).toBe("On");
  await card.getByRole("button", { name: "Send test event" }).waitFor();
  expect(await card.getByText("after a day of failed deliveries").count()).toBe(0);
  // The server agrees: the endpoint is on again after a reload.
  await page.reload();
  expect(await page.getByTestId("endpoint-status").textContent()).toBe("On");
  expect(errors).toEqual([]);
  await context.close();
});
