import { expect, it } from "vitest";
import { newUser, signUpInContext } from "./support/accounts";
import { recordPageErrors, screenshot } from "./support/browser";
import { addVirtualAuthenticator, passkeyOrigin } from "./support/passkeys";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

it("adds a passkey on Account → Security, signs out, signs in with it (no email typed), renames and removes it", async () => {
  const { server, browser } = suite;
  const origin = passkeyOrigin(server.origin);
  const user = newUser("passkeys");
  const context = await browser.newContext();
  await signUpInContext(context, origin, user);
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);

  await page.goto(`${origin}/account#passkeys`);
  const section = page.locator("#passkeys");
  await section.getByText("No passkeys yet").waitFor();
  await section.getByRole("button", { name: "Add a passkey" }).click();
  // A wrong password first: the error sits at the field, and nothing reaches the authenticator.
  await section.getByLabel("Current password").fill("not-the-password-at-all");
  await section.getByRole("button", { name: "Continue" }).click();
  await section.getByText("This is not your current password.").waitFor();
  expect((await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials).toEqual([]);
  await section.getByLabel("Current password").fill(user.password);
  await section.getByRole("button", { name: "Continue" }).click();
  const item = section.getByTestId("passkey");
  await item.waitFor();
  await expect.poll(() => section.getByText("This is not your current password.").count()).toBe(0);
  expect(await item.textContent()).toContain("never used to sign in");
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]).toMatchObject({ isResidentCredential: true, rpId: "localhost" });
  await screenshot(page, "passkeys-added");

  // Signed out, the sign-in page's passkey button signs in with nothing typed.
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await page.waitForURL(/\/login|\/$/);
  await page.goto(`${origin}/login`);
  await screenshot(page, "passkeys-sign-in");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await page.waitForURL(`${origin}/create`);
  expect(await page.evaluate(() => document.cookie)).toBe(""); // HttpOnly session cookies only

  await page.goto(`${origin}/account#passkeys`);
  await item.waitFor();
  await expect.poll(() => item.textContent()).toContain("last used");
  const name = (await item.locator(".device-name").textContent())!.trim();
  await section.getByRole("button", { name: `Rename ${name}` }).click();
  await section.getByLabel(`New name for ${name}`).fill("Work laptop");
  await section.getByRole("button", { name: "Save" }).click();
  await section.getByText("Work laptop").waitFor();
  await section.screenshot({ path: "test-results/browser/passkeys-section.png" });
  await page.setViewportSize({ width: 390, height: 844 });
  await section.screenshot({ path: "test-results/browser/passkeys-section-phone.png" });
  await page.setViewportSize({ width: 1280, height: 720 });

  await section.getByRole("button", { name: "Remove Work laptop…" }).click();
  await section.getByRole("button", { name: "Remove Work laptop", exact: true }).click();
  await section.getByText("No passkeys yet").waitFor();

  // The authenticator still holds the key, but Ausar no longer knows it: sign-in says so.
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await page.waitForURL(/\/login|\/$/);
  await page.goto(`${origin}/login`);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await page.getByText("That passkey could not sign you in").waitFor();
  expect(page.url()).toBe(`${origin}/login`);
  expect(errors).toEqual([
    "console: Failed to load resource: the server responded with a status of 400 (Bad Request)",
    "console: Failed to load resource: the server responded with a status of 401 (Unauthorized)",
  ]);
  await context.close();
});
