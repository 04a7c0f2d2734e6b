import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { fillSignup, newUser } from "./support/accounts";
import { screenshot } from "./support/browser";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

it("Your data & privacy: a consent switch, a downloadable export, then deletion with the password", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const { origin } = suite.server;
  const user = newUser("privacy");
  await page.goto(`${origin}/signup`);
  await fillSignup(page, user);
  await page.waitForURL(`${origin}/create`);
  await page.goto(`${origin}/account`);
  await expect.poll(() => page.getByRole("heading", { name: "Your data & privacy" }).count()).toBe(1);

  // A consent switch takes effect at once and lands in the history.
  const emails = page.getByRole("switch", { name: "Product emails" });
  await expect.poll(() => emails.isChecked()).toBe(false);
  await emails.click();
  await expect.poll(() => emails.isChecked()).toBe(true);
  await page.reload();
  await expect.poll(() => page.getByRole("switch", { name: "Product emails" }).isChecked()).toBe(true);
  await page.getByText(/History of your choices/).click();
  await expect.poll(() => page.getByText("Agreed to product emails").count()).toBe(1);

  // Download my data: progress, then a link that downloads the ZIP.
  await page.getByRole("button", { name: "Download my data" }).click();
  const link = page.getByRole("link", { name: "Download ZIP" });
  await link.waitFor({ timeout: 20_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^ausar-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const bytes = readFileSync((await download.path())!);
  expect(bytes.subarray(0, 2).toString()).toBe("PK");
  await screenshot(page, "account-privacy");

  // Deletion: a wrong password is refused next to the field; the right one ends the account.
  await page.getByRole("button", { name: "Delete my account…" }).click();
  const password = page.getByLabel("Your password");
  await password.fill("not-the-password-123");
  await page.getByRole("button", { name: "Delete my account permanently" }).click();
  await expect.poll(() => password.getAttribute("aria-invalid")).toBe("true");
  await password.fill(user.password);
  await page.getByRole("button", { name: "Delete my account permanently" }).click();
  await page.waitForURL(`${origin}/`);
  await expect.poll(() => page.getByText("Your account is deleted").count()).toBe(1);
  await page.goto(`${origin}/account`);
  await page.waitForURL(/\/login/);
  await context.close();
});

it("asks for the new policies politely and blocks the app until accepted", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const { origin } = suite.server;
  await page.goto(`${origin}/signup`);
  await fillSignup(page, newUser("policy"));
  await page.waitForURL(`${origin}/create`);

  // As if POLICY_VERSION had moved on since this person accepted: `/api/me` says so until they accept.
  let accepted = false;
  await page.route("**/api/me", async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { user: Record<string, unknown> };
    await route.fulfill({ response, json: { ...body, user: { ...body.user, policyAccepted: accepted } } });
  });
  page.on("request", (request) => {
    if (request.url().endsWith("/api/account/accept-policies")) accepted = true;
  });
  await page.reload();
  const dialog = page.getByRole("dialog", { name: "We updated our Terms and Privacy Policy" });
  await dialog.waitFor();
  expect(await dialog.getByText(/Last updated/).count()).toBe(1);
  expect(await dialog.getByRole("link", { name: "Privacy Policy" }).getAttribute("href")).toBe("/privacy");
  await page.keyboard.press("Escape");
  expect(await dialog.isVisible()).toBe(true);
  await screenshot(page, "policy-prompt");

  await dialog.getByRole("button", { name: "Accept and continue" }).click();
  await dialog.waitFor({ state: "detached" });
  await context.close();
});
