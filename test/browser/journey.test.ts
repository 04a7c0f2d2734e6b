import { expect, it } from "vitest";
import {
  ALLOWED_LOCAL_STORAGE_KEYS,
  emailedLink,
  fillSignup,
  localStorageKeys,
  newUser,
  SESSION_COOKIE_NAMES,
  signUpInContext,
  signupCredits,
} from "./support/accounts";
import { recordPageErrors, recordRequests, screenshot } from "./support/browser";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

/** Console errors a healthy journey may show: the browser's own log lines for expected 401s
 * (signed-out checks) and for `/api/live` while its server side is absent. */
function unexpected(errors: string[]): string[] {
  return errors.filter((e) => !/Failed to load resource: the server responded with a status of 401/.test(e) && !/\/api\/live/.test(e));
}

it("signs up through the form, confirms the address from the banner's outbox link, gets the welcome credits, signs out and back in; stays first-party", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const requests = recordRequests(context);
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  const { origin } = suite.server;
  const user = newUser("journey");

  // A referral link on any page is remembered and offered at sign-up.
  await page.goto(`${origin}/?ref=FRIEND42`);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("Make images");
  await page.getByRole("link", { name: "Sign up" }).click();
  await page.waitForURL(`${origin}/signup`);
  expect(await page.getByLabel("Referral code (optional)").inputValue()).toBe("FRIEND42");

  await fillSignup(page, user);
  await page.waitForURL(`${origin}/create`);
  const pill = page.getByTestId("credit-pill");
  await expect.poll(() => pill.textContent()).toBe("0");
  // Local development: the confirm-your-email banner links straight to the message in the outbox.
  await page.getByRole("link", { name: "Open it in the development outbox" }).click();
  await page.getByRole("heading", { name: "Confirm your email for Ausar" }).waitFor();
  await page.getByRole("link", { name: "Confirm email" }).click();
  await page.getByText("Your email address is verified").waitFor();
  await page.getByRole("link", { name: "Go to Create" }).click();
  await page.waitForURL(`${origin}/create`);
  await expect.poll(() => pill.textContent()).toBe(String(signupCredits()));
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Create");
  await screenshot(page, "journey-create-desktop");

  // Sign out from the account menu: back to sign-in, and app pages now ask for it.
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(`${origin}/login`);
  expect(await localStorageKeys(page)).not.toContain("ausar.auth");
  await page.goto(`${origin}/gallery`);
  await page.waitForURL(`${origin}/login?next=%2Fgallery`);

  // Sign in again: on to the page that asked.
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(`${origin}/gallery`);
  await expect.poll(() => pill.textContent()).toBe(String(signupCredits()));
  await page.getByRole("link", { name: "Account", exact: true }).first().click();
  await page.waitForURL(`${origin}/account`);
  await expect.poll(() => page.getByText("This device", { exact: true }).count()).toBe(1);

  // P7: only functional localStorage keys.
  const keys = await localStorageKeys(page);
  expect(keys.filter((key) => !ALLOWED_LOCAL_STORAGE_KEYS.includes(key))).toEqual([]);
  expect(keys).toEqual(expect.arrayContaining(["ausar.auth", "ausar.ref"]));
  // P9: only the session cookies.
  const cookies = await context.cookies();
  expect(cookies.map((c) => c.name).filter((name) => !SESSION_COOKIE_NAMES.includes(name))).toEqual([]);
  expect(cookies.every((c) => c.httpOnly)).toBe(true);
  // P8: no request ever left the origin.
  expect(requests.urls.length).toBeGreaterThan(10);
  expect(requests.offOrigin(origin)).toEqual([]);
  expect(unexpected(errors)).toEqual([]);
  await context.close();
});

/** A context already signed in (through the API, which shares the context's cookie jar). */
async function signedInContext(user = newUser("signed-in")) {
  const context = await suite.browser.newContext();
  await signUpInContext(context, suite.server.origin, user);
  return context;
}

const refreshCalls = (urls: string[]) => urls.filter((url) => url.endsWith("/api/auth/refresh")).length;

it("renews an expired access token once, shared by two open tabs, and both stay signed in", async () => {
  const context = await signedInContext();
  const requests = recordRequests(context);
  await context.clearCookies({ name: "ausar_at" });
  const [first, second] = [await context.newPage(), await context.newPage()];
  await Promise.all([first.goto(`${suite.server.origin}/account`), second.goto(`${suite.server.origin}/credits`)]);
  for (const page of [first, second]) await page.getByTestId("credit-pill").waitFor();
  await first.getByText("This device", { exact: true }).waitFor();
  // Web Locks serialise the tabs: at most one refresh each, never a reuse that would end the session.
  expect(refreshCalls(requests.urls)).toBeGreaterThanOrEqual(1);
  expect(refreshCalls(requests.urls)).toBeLessThanOrEqual(2);
  expect((await context.cookies()).map((c) => c.name)).toContain("ausar_at");
  const me = await first.evaluate(() => fetch("/api/me").then((r) => r.status));
  expect(me).toBe(200);
  await context.close();
});

it("sends a person whose session has ended to sign in, remembering where they were", async () => {
  const context = await signedInContext();
  const page = await context.newPage();
  await page.goto(`${suite.server.origin}/create`);
  await page.getByTestId("credit-pill").waitFor();
  await context.clearCookies();
  // A client-side navigation: the Account page's API calls find the session gone.
  await page.getByRole("link", { name: "Account", exact: true }).first().click();
  await page.waitForURL(`${suite.server.origin}/login?next=%2Faccount`);
  expect(await localStorageKeys(page)).not.toContain("ausar.auth");
  await context.close();
});

it("verifies the email address from the emailed link, and the reminder goes away", async () => {
  const user = newUser("verify");
  const context = await signedInContext(user);
  const page = await context.newPage();
  await page.goto(`${suite.server.origin}/create`);
  await page.getByText("Confirm your email address").waitFor();
  const link = await emailedLink(suite.server.origin, user.email, "/verify-email");
  expect(new URL(link).origin).toBe(suite.server.origin);
  await page.goto(link);
  await page.getByText("Your email address is verified").waitFor();
  await page.getByRole("link", { name: "Go to Create" }).click();
  await page.waitForURL(`${suite.server.origin}/create`);
  await page.getByTestId("credit-pill").waitFor();
  expect(await page.getByText("Confirm your email address").count()).toBe(0);
  // The same link again: it has done its work, and the page says so (not "this link does not work").
  await page.goto(link);
  await page.getByText("Already verified").waitFor();
  expect(await page.getByText("This link does not work").count()).toBe(0);
  await context.close();
});

it("resets a forgotten password through the emailed link and signs in with the new one", async () => {
  const user = newUser("reset");
  await (await signedInContext(user)).close();
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${suite.server.origin}/login`);
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await page.waitForURL(`${suite.server.origin}/forgot-password`);
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await page.getByText("Check your inbox").waitFor();

  await page.goto(await emailedLink(suite.server.origin, user.email, "/reset-password"));
  const password = "amber-meadow-violin-3381";
  await page.getByLabel("New password").fill(password);
  await page.getByRole("button", { name: "Set new password" }).click();
  await page.getByText("Your new password is set").waitFor();
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(`${suite.server.origin}/create`);
  await context.close();
});
