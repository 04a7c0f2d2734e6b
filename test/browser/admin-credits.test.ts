import { expect, it } from "vitest";
import { newUser, signUpInContext, signUpVerifiedInContext, signupCredits } from "./support/accounts";
import { recordPageErrors, screenshot } from "./support/browser";
import { makeStaff } from "./support/staff";
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
