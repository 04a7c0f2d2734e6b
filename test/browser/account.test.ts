import { expect, it } from "vitest";
import { emailedLink, fillSignup, newUser, signUpInContext } from "./support/accounts";
import { screenshot } from "./support/browser";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

it("changes the email with the current password, shows 'check your inbox', and 'this wasn't me' undoes it signed out", async () => {
  const user = newUser("email-change");
  const context = await suite.browser.newContext();
  await signUpInContext(context, suite.server.origin, user);
  const page = await context.newPage();
  await page.goto(`${suite.server.origin}/account`);
  const newEmail = `moved-${user.email}`;

  // Without the current password the change is refused, next to the field that is missing.
  await page.getByLabel("Email", { exact: true }).fill(newEmail);
  await page.getByRole("button", { name: "Save profile" }).click();
  await page.getByText("Enter your current password to change your email.").waitFor();

  await page.getByLabel("Current password (for an email change)").fill(user.password);
  await page.getByRole("button", { name: "Save profile" }).click();
  await page.getByText("Check your inbox").waitFor();
  await expect.poll(() => page.getByText(`We sent a link to ${newEmail}.`).count()).toBe(1);
  // The field shows the address still in use, so a later rename does not ask for a second change.
  expect(await page.getByLabel("Email", { exact: true }).inputValue()).toBe(user.email);
  await screenshot(page, "account-email-change-pending");

  // The old address's notice carries the one-click link; it works in a browser that is not signed in.
  const cancel = await emailedLink(suite.server.origin, user.email, "/cancel-email-change");
  const stranger = await suite.browser.newContext();
  const landing = await stranger.newPage();
  await landing.goto(cancel);
  await landing.getByText("The email change is cancelled").waitFor();
  expect(await landing.getByText(`Your account's email is ${user.email}.`).count()).toBe(1);
  expect(await landing.getByRole("link", { name: "Reset your password" }).getAttribute("href")).toBe("/forgot-password");
  await screenshot(landing, "cancel-email-change-done");

  // Every session ended: the first browser is sent to sign in.
  expect(await page.evaluate(() => fetch("/api/me").then((r) => r.status))).toBe(401);
  await stranger.close();
  await context.close();
});

it("the devices list shows each session's browser, OS and screen, rounded to 100 px in the browser before it is sent", async () => {
  const context = await suite.browser.newContext({ screen: { width: 1366, height: 768 }, viewport: { width: 1280, height: 700 } });
  const page = await context.newPage();
  const sent: (string | null)[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/api/auth/signup")) sent.push(request.headers()["ausar-screen"] ?? null);
  });
  await page.goto(`${suite.server.origin}/signup`);
  await fillSignup(page, newUser("screen"));
  await page.waitForURL(`${suite.server.origin}/create`);
  expect(sent).toEqual(["1400x800"]);
  await page.goto(`${suite.server.origin}/account`);
  await page.getByText("1400 × 800 screen").waitFor();
  await context.close();
});
