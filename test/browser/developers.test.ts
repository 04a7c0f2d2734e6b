import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { API_KEYS_MAX } from "../../shared/developer-limits";
import { newUser, signUpVerifiedInContext, signupCredits } from "./support/accounts";
import { recordPageErrors, screenshot } from "./support/browser";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

const BAD_REQUEST = "console: Failed to load resource: the server responded with a status of 400 (Bad Request)";

/** `GET /api/credits` as a program would call it: Node's fetch, the key and no cookies. */
function creditsWithKey(origin: string, secret: string): Promise<Response> {
  return fetch(`${origin}/api/credits`, { headers: { Authorization: `Bearer ${secret}` } });
}

/** The label of the focused input (or the focused element's own text). */
const focusedLabel = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    return active instanceof HTMLInputElement ? (active.labels?.[0]?.textContent ?? "").trim() : (active?.textContent?.trim() ?? null);
  });

it("creates a key on Account → Developers, shows its secret once, lets it read credits, and revokes it", async () => {
  const { server, browser } = suite;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await signUpVerifiedInContext(context, server.origin, newUser("developers"));
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${server.origin}/account`);
  await page.getByRole("link", { name: "Manage API keys" }).click();
  await page.waitForURL(`${server.origin}/account/developers`);
  await page.getByRole("heading", { name: "Developers", level: 1 }).waitFor();
  await page.getByText("No API keys yet").waitFor();
  await screenshot(page, "developers-empty-1280");

  // No permission ticked: the API's message under the permissions, focus on the first one, the name kept.
  await page.getByLabel("Name", { exact: true }).fill("Render server");
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByText("Choose at least one permission.").waitFor();
  await expect.poll(() => focusedLabel(page)).toBe("Generate generate");
  expect(await page.getByRole("checkbox", { name: /Generate/ }).getAttribute("aria-invalid")).toBe("true");
  expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("Render server");
  await screenshot(page, "developers-scope-error-1280");

  await page.getByRole("checkbox", { name: /Read credits/ }).check();
  await page.getByLabel("Monthly credit cap (optional)").fill("500");
  await page.getByRole("button", { name: "Create key" }).click();
  const secretField = page.getByLabel("Secret of Render server");
  await secretField.waitFor();
  await page.getByText("It will not be shown again").waitFor();
  expect(await secretField.evaluate((el) => el === document.activeElement)).toBe(true);
  const secret = await secretField.inputValue();
  expect(secret).toMatch(/^ausar_sk_[A-Za-z0-9_-]{43}$/);

  const row = page.getByTestId("api-key-row");
  await expect.poll(() => row.count()).toBe(1);
  const prefix = (await row.locator(".key-prefix").textContent()) ?? "";
  expect(prefix.endsWith("…") && secret.startsWith(prefix.slice(0, -1)) && prefix.length > "ausar_sk_".length).toBe(true);
  expect(await row.locator('[data-label="Last used"]').textContent()).toBe("Never");
  expect(await row.locator('[data-label="Permissions"]').textContent()).toBe("credits:read");
  expect(await row.locator('[data-label="Monthly cap"]').textContent()).toBe("500 credits");
  expect(await row.locator('[data-label="Spent this month"]').textContent()).toBe("0 credits");
  await screenshot(page, "developers-secret-1280");

  const allowed = await creditsWithKey(server.origin, secret);
  expect(allowed.status).toBe(200);
  expect(((await allowed.json()) as { available: number }).available).toBe(signupCredits());

  // Put away, the secret is nowhere in the page, not even after a reload; the use shows as "Last used".
  await page.getByRole("button", { name: "I have saved it" }).click();
  await expect.poll(() => focusedLabel(page)).toBe("Name");
  expect(await page.content()).not.toContain(secret);
  await expect
    .poll(async () => {
      await page.reload();
      return page.getByTestId("api-key-row").locator('[data-label="Last used"]').textContent();
    })
    .toBe("just now");
  expect(await page.content()).not.toContain(secret);

  await page.getByRole("button", { name: "Revoke Render server" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke Render server?" });
  await dialog.waitFor();
  await screenshot(page, "developers-revoke-1280");
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await page.getByText("No API keys yet").waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("api-key-list-title");

  const refused = await creditsWithKey(server.origin, secret);
  expect(refused.status).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("invalid_api_key");
  expect(errors).toEqual([BAD_REQUEST]);
  await context.close();
});

it("explains the limit at 10 keys and shows the API's refusal of an eleventh", async () => {
  const { server, browser } = suite;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await signUpVerifiedInContext(context, server.origin, newUser("developers-limit"));
  for (let i = 1; i <= API_KEYS_MAX; i++) {
    const response = await context.request.post(`${server.origin}/api/developers/keys`, {
      headers: { Origin: server.origin },
      data: { name: `Worker ${i}`, scopes: ["generate"] },
    });
    expect(response.status()).toBe(201);
  }
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${server.origin}/account/developers`);
  await expect.poll(() => page.getByTestId("api-key-row").count()).toBe(API_KEYS_MAX);
  await page.getByText(`You have ${API_KEYS_MAX} keys, the most an account can hold.`).waitFor();

  await page.getByLabel("Name", { exact: true }).fill("One too many");
  await page.getByRole("checkbox", { name: /Read gallery/ }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("alert").getByText(`You have ${API_KEYS_MAX} keys already. Revoke one you no longer use first.`).waitFor();
  expect(await page.getByTestId("api-key-row").count()).toBe(API_KEYS_MAX);
  expect(errors).toEqual(["console: Failed to load resource: the server responded with a status of 409 (Conflict)"]);
  await context.close();
});

it("stacks each key as a card at 390 px, with nothing wider than the screen", async () => {
  const { server, browser } = suite;
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await signUpVerifiedInContext(context, server.origin, newUser("developers-phone"));
  const created = await context.request.post(`${server.origin}/api/developers/keys`, {
    headers: { Origin: server.origin },
    data: { name: "Phone script", scopes: ["generate", "gallery:read", "gallery:write", "credits:read"] },
  });
  expect(created.status()).toBe(201);
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${server.origin}/account/developers`);
  await page.getByTestId("api-key-row").waitFor();
  expect(await page.getByTestId("api-key-row").locator('[data-label="Monthly cap"]').textContent()).toBe("No cap");
  expect(await page.locator(".key-table thead").boundingBox()).toMatchObject({ height: 1 });
  const cell = await page
    .getByTestId("api-key-row")
    .locator('[data-label="Created"]')
    .evaluate((el) => getComputedStyle(el).display);
  expect(cell).toBe("flex");
  await screenshot(page, "developers-list-390");

  await page.getByLabel("Name", { exact: true }).fill("Second script");
  await page.getByRole("checkbox", { name: /Generate/ }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByLabel("Secret of Second script").waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, "developers-secret-390");
  expect(errors).toEqual([]);
  await context.close();
});
