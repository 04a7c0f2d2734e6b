import { spawnSync } from "node:child_process";
import { delimiter, resolve } from "node:path";
import { Secret, TOTP } from "otpauth";
import { expect, it } from "vitest";
import { newUser, signUpInContext, signUpVerifiedInContext, signupCredits } from "./support/accounts";
import { recordPageErrors, screenshot } from "./support/browser";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

/**
 * Makes the signed-up `email` an admin with two-factor enrolled and proved on their session,
 * straight in the dev server's D1 (the staff CLI and the enrolment flow have their own tests);
 * returns a TOTP generator for the secret.
 */
function makeAdmin(persist: string, email: string): TOTP {
  const secret = new Secret({ size: 20 }).base32;
  const now = Date.now();
  const sql = `UPDATE users SET role = 'admin' WHERE email = '${email}';
    INSERT INTO totp_credentials (user_id, secret, enabled_at, last_step, created_at) SELECT id, '${secret}', ${now}, 0, ${now} FROM users WHERE email = '${email}';
    UPDATE sessions SET second_factor_at = ${now} WHERE user_id = (SELECT id FROM users WHERE email = '${email}');`;
  const run = spawnSync("node_modules/.bin/wrangler", ["d1", "execute", "DB", "--local", "--persist-to", persist, "--command", sql], {
    encoding: "utf8",
    env: { ...process.env, PATH: `${resolve("node_modules/.bin")}${delimiter}${process.env.PATH ?? ""}`, CI: "true" },
  });
  if (run.status !== 0) throw new Error(`d1 execute failed:\n${run.stdout}\n${run.stderr}`);
  return new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

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
  const totp = makeAdmin(server.persist, staff.email);
  const staffPage = await staffContext.newPage();
  await staffPage.goto(`${server.origin}/admin/users?q=${encodeURIComponent(person.email)}`);
  await staffPage.getByRole("link", { name: new RegExp(person.email) }).click();
  await staffPage.getByRole("button", { name: "Adjust credits" }).click();
  const dialog = staffPage.getByRole("dialog", { name: "Adjust credits" });
  await dialog.getByLabel("Change (credits)").fill("40");
  await dialog.getByLabel("Reason (kept in the audit log)").fill("goodwill: a failed upscale");
  await dialog.getByLabel("Code from your authenticator app").fill(totp.generate());
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
