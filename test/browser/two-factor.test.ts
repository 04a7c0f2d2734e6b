import { Secret, TOTP } from "otpauth";
import { expect, it } from "vitest";
import { newUser, signUpInContext } from "./support/accounts";
import { recordPageErrors, screenshot } from "./support/browser";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

/** A code that is surely wrong: the right one with its last digit changed. */
const wrong = (code: string) => `${code.slice(0, 5)}${(Number(code[5]) + 1) % 10}`;

it("turns two-factor on from Account → Security with the QR code's key, signs in with a recovery code, and turns it off with a code", async () => {
  const { server, browser } = suite;
  const user = newUser("two-factor");
  const context = await browser.newContext();
  await signUpInContext(context, server.origin, user);
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${server.origin}/account#security`);

  await page.getByRole("button", { name: "Set up two-factor" }).click();
  await page.getByRole("img", { name: "QR code for your authenticator app" }).waitFor();
  const key = (await page.locator(".two-factor-key").textContent())!.replaceAll(" ", "");
  const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(key) });
  await screenshot(page, "two-factor-enrol");

  await page.getByLabel("Code from the app").fill(wrong(totp.generate()));
  await page.getByRole("button", { name: "Turn on" }).click();
  await page.getByText("That code is not right").waitFor();
  await page.getByLabel("Code from the app").fill(totp.generate());
  await page.getByRole("button", { name: "Turn on" }).click();
  await page.getByTestId("recovery-codes").waitFor();
  const codes = await page.getByTestId("recovery-codes").locator("li code").allTextContents();
  expect(codes).toHaveLength(10);
  await screenshot(page, "two-factor-recovery-codes");
  await page.getByRole("button", { name: "I have saved them" }).click();
  await page.locator("#security-title .badge", { hasText: "On" }).waitFor();

  // Signing in now asks for the second step; a recovery code does it once.
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await page.waitForURL(/\/login|\/$/);
  await page.goto(`${server.origin}/login`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("heading", { name: "Two-factor sign-in" }).waitFor();
  await screenshot(page, "two-factor-login-step");
  await page.getByLabel("Code").fill(codes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL(`${server.origin}/create`);

  // Off again with a code of the next step (the one used to turn it on cannot count twice).
  await page.goto(`${server.origin}/account#security`);
  await page.getByLabel("Code to turn it off").fill(totp.generate({ timestamp: Date.now() + 30_000 }));
  await page.getByRole("button", { name: "Turn off two-factor" }).click();
  await page.getByRole("button", { name: "Set up two-factor" }).waitFor();
  expect(await page.locator("#security-title .badge").count()).toBe(0);
  // The one wrong code's 400 is the browser's only complaint.
  expect(errors).toEqual(["console: Failed to load resource: the server responded with a status of 400 (Bad Request)"]);
});
