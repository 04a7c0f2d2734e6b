import { expect, it } from "vitest";
import { POLICY_UPDATED_LABEL } from "../../shared/policy";
import { fillSignup, newUser } from "./support/accounts";
import { recordRequests, screenshot } from "./support/browser";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

it("shows the API's field errors next to the field and keeps what was typed", async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  const user = newUser("weak");
  await page.goto(`${suite.server.origin}/signup`);

  // Too short: zod's issue on `password`.
  await fillSignup(page, user, { password: "short" });
  const password = page.getByLabel("Password", { exact: true });
  await expect.poll(() => password.getAttribute("aria-invalid")).toBe("true");
  const describedBy = (await password.getAttribute("aria-describedby")) ?? "";
  const errorId = describedBy.split(" ").find((id) => id.endsWith("-error"));
  expect(errorId).toBeTruthy();
  expect(await page.locator(`[id="${errorId}"]`).textContent()).toMatch(/10 characters/);

  // Long enough but common: the server's strength check answers `weak_password`.
  await password.fill("password1234");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect.poll(() => page.locator(`[id="${errorId}"]`).textContent()).not.toMatch(/10 characters/);
  expect(await password.getAttribute("aria-invalid")).toBe("true");
  expect(page.url()).toBe(`${suite.server.origin}/signup`);
  // Nothing lost: the other fields still hold what was typed.
  expect(await page.getByLabel("Email", { exact: true }).inputValue()).toBe(user.email);
  expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe(user.name);
  await screenshot(page, "signup-weak-password");
  await context.close();
});

it("renders its own not-found view for unknown addresses", async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${suite.server.origin}/no/such/page`);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("This page does not exist");
  expect(await page.title()).toBe("Page not found · Ausar");
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await page.waitForURL(`${suite.server.origin}/`);
  await context.close();
});

it("serves the policies with their Last updated date, even without running scripts", async () => {
  for (const [path, title] of [
    ["/privacy", "Privacy Policy"],
    ["/terms", "Terms of Service"],
  ] as const) {
    const html = await (await fetch(`${suite.server.origin}${path}`)).text();
    expect(html).toContain(`<h1 class="page-title">${title}</h1>`);
    expect(html).toContain(`Last updated: <time datetime=`);
    expect(html).toContain(POLICY_UPDATED_LABEL);
    expect(html).toContain("ausar.contact@gmail.com");
  }
  const context = await suite.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${suite.server.origin}/privacy`);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Privacy Policy");
  await context.close();
});

it("fits a 360 px phone: tab bar instead of sidebar, no sideways scrolling", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const requests = recordRequests(context);
  const page = await context.newPage();
  await page.goto(`${suite.server.origin}/signup`);
  await fillSignup(page, newUser("phone"));
  await page.waitForURL(`${suite.server.origin}/create`);
  await page.getByTestId("credit-pill").waitFor();
  expect(await page.locator(".sidebar").isVisible()).toBe(false);
  const tabs = page.getByRole("navigation", { name: "Main" });
  expect(await tabs.getByRole("link").allTextContents()).toEqual(["Create", "Gallery", "History", "Billing", "Account"]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(page, "shell-phone-360");
  await tabs.getByRole("link", { name: "Gallery" }).click();
  await page.waitForURL(`${suite.server.origin}/gallery`);
  await page.getByRole("heading", { level: 1, name: "Gallery" }).waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(page, "shell-phone-360-gallery");
  expect(requests.offOrigin(suite.server.origin)).toEqual([]);
  await context.close();
});

it("remembers an explicit theme over the system's, from the first paint", async () => {
  const context = await suite.browser.newContext({ colorScheme: "light" });
  const page = await context.newPage();
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.goto(`${suite.server.origin}/`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  const light = await background();
  await page.getByRole("contentinfo").getByTitle("Dark").click();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
  expect(await page.evaluate(() => localStorage.getItem("ausar.theme"))).toBe("dark");
  const dark = await background();
  expect(dark).not.toBe(light);
  // After a reload the saved choice applies before the app's script runs (public/theme.js).
  await page.reload({ waitUntil: "commit" });
  await page.waitForSelector("body");
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
  await page.getByRole("contentinfo").getByTitle("System").click();
  expect(await page.evaluate(() => localStorage.getItem("ausar.theme"))).toBeNull();
  expect(await background()).toBe(light);
  await context.close();
});
