import { expect, it } from "vitest";
import { newUser, signUpInContext, signUpVerifiedInContext, signupCredits } from "./support/accounts";
import { recordPageErrors, screenshot } from "./support/browser";
import { addPasskeyOnAccountPage, addVirtualAuthenticator, passkeyOrigin } from "./support/passkeys";
import { makeStaff, staffCommand } from "./support/staff";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

it("a credit adjustment by staff in the console shows up live in the person's header balance", async () => {
  const { server, browser } = suite;
  const person = newUser("adjusted");
  const personContext = await browser.newContext();
  await signUpVerifiedInContext(personContext, server.origin, person);
  const personPage = await personContext.newPage();
  const errors = recordPageErrors(personPage);
  await personPage.goto(`${server.origin}/create`);
  const pill = personPage.getByTestId("credit-pill");
  await expect.poll(() => pill.textContent()).toBe(String(signupCredits()));

  const staff = newUser("staff");
  const staffContext = await browser.newContext();
  await signUpInContext(staffContext, server.origin, staff);
  const authenticator = await makeStaff(staffContext, server, staff);
  const staffPage = await staffContext.newPage();
  await staffPage.goto(`${server.origin}/admin/users?q=${encodeURIComponent(person.email)}`);
  await staffPage.getByRole("link", { name: new RegExp(person.email) }).click();
  await staffPage.getByRole("button", { name: "Adjust credits" }).click();
  const dialog = staffPage.getByRole("dialog", { name: "Adjust credits" });
  await dialog.getByLabel("Change (credits)").fill("40");
  await dialog.getByLabel("Reason (kept in the audit log)").fill("goodwill: a failed upscale");
  await dialog.getByLabel("Code from your authenticator app").fill(await authenticator.code());
  await dialog.getByRole("button", { name: "Adjust" }).click();
  await expect.poll(() => staffPage.getByRole("status").filter({ hasText: "Done" }).count()).toBe(1);
  await screenshot(staffPage, "admin-credit-adjusted");

  // No reload on the person's side: the Account object pushed the new balance over the live socket.
  await expect.poll(() => pill.textContent(), { timeout: 10_000 }).toBe(String(signupCredits() + 40));
  await screenshot(personPage, "admin-credit-live-balance");
  expect(errors).toEqual([]);
  await personContext.close();
  await staffContext.close();
}, 120_000);

it("staff with a passkey and no authenticator app adjust credits with 'Use a passkey instead'", async () => {
  const { server, browser } = suite;
  const origin = passkeyOrigin(server.origin);
  const person = newUser("adjusted-by-passkey");
  const personContext = await browser.newContext();
  await signUpVerifiedInContext(personContext, origin, person);

  // Admin by the staff command, then a passkey added on Account → Security, and a sign-in with it (the console's second factor).
  const staff = newUser("passkey-staff");
  const context = await browser.newContext();
  await signUpInContext(context, origin, staff);
  staffCommand(server, "grant", staff.email, "admin", "--reason", "browser test staff");
  const login = await context.request.post(`${origin}/api/auth/login`, {
    headers: { Origin: origin },
    data: { email: staff.email, password: staff.password },
  });
  expect(login.status()).toBe(200);
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
  await page.goto(`${origin}/account#passkeys`);
  await addPasskeyOnAccountPage(page, staff.password);
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await page.waitForURL(/\/login|\/$/);
  await page.goto(`${origin}/login`);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await page.waitForURL(`${origin}/create`);
  const signCount = async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials[0]!.signCount;
  const afterSignIn = await signCount();

  await page.goto(`${origin}/admin/users?q=${encodeURIComponent(person.email)}`);
  await page.getByRole("link", { name: new RegExp(person.email) }).click();
  await page.getByRole("button", { name: "Adjust credits" }).click();
  const dialog = page.getByRole("dialog", { name: "Adjust credits" });
  await dialog.getByLabel("Change (credits)").fill("40");
  await dialog.getByLabel("Reason (kept in the audit log)").fill("goodwill, confirmed by passkey");
  await screenshot(page, "admin-credit-step-up-passkey");
  await dialog.getByRole("button", { name: "Use a passkey instead" }).click();
  await expect.poll(() => page.getByRole("status").filter({ hasText: "Done" }).count()).toBe(1);
  // One more assertion by the authenticator: the step-up's.
  expect(await signCount()).toBe(afterSignIn + 1);
  expect(errors).toEqual([]);
  await personContext.close();
  await context.close();
}, 120_000);
