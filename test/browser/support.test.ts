import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { CONTACT_EMAIL } from "../../shared/policy";
import { newUser, signUpInContext, signUpVerifiedInContext } from "./support/accounts";
import { recordPageErrors, screenshot } from "./support/browser";
import { makeStaff } from "./support/staff";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

interface OutboxEmail {
  to: string;
  subject: string;
  text: string;
}

/** The development outbox's emails to `to` (`GET /api/dev/emails`). */
async function emailsTo(origin: string, to: string): Promise<OutboxEmail[]> {
  const { emails } = (await (await fetch(`${origin}/api/dev/emails`)).json()) as { emails: OutboxEmail[] };
  return emails.filter((e) => e.to === to);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

it("a person opens a support request, staff answer in the console, and the person sees the reply, the badge and the email", async () => {
  const { server, browser } = suite;
  const person = newUser("asks");
  const personContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await signUpVerifiedInContext(personContext, server.origin, person);
  const page = await personContext.newPage();
  const errors = recordPageErrors(page);

  await page.goto(`${server.origin}/support`);
  await page.getByText("No requests yet").waitFor();
  const footnote = await page.getByTestId("support-retention").textContent();
  expect(footnote).toContain("Closed conversations are deleted 24 months after they close");
  expect(footnote).toContain(CONTACT_EMAIL); // P34: the support page shows the contact address
  await page.getByRole("link", { name: "New request" }).first().click();
  await page.getByLabel("Subject").fill("My refund did not arrive");
  await page.getByLabel("Message").fill("I canceled a video yesterday and the credits are not back.");
  expect(await page.getByText("58 / 5,000 characters").count()).toBe(1);
  await shoot(page, "support-new-request");
  await page.getByRole("button", { name: "Send request" }).click();
  await page.waitForURL(/\/support\/[A-Za-z0-9_-]+$/);
  const threadUrl = page.url();
  await page.getByTestId("support-message").first().waitFor();
  expect(await page.getByTestId("thread-status").textContent()).toBe("Waiting for Ausar");

  // Staff sign in with password and a code from the authenticator secret, then answer from the queue.
  const staff = newUser("staff");
  const staffContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await signUpInContext(staffContext, server.origin, staff);
  const authenticator = await makeStaff(staffContext, server, staff);
  await staffContext.clearCookies();
  const staffPage = await staffContext.newPage();
  const staffErrors = recordPageErrors(staffPage);
  await staffPage.goto(`${server.origin}/login`);
  await staffPage.getByLabel("Email").fill(staff.email);
  await staffPage.getByLabel("Password").fill(staff.password);
  await staffPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await staffPage.getByLabel("Code").fill(await authenticator.code());
  await staffPage.getByRole("button", { name: "Verify" }).click();
  await staffPage.waitForURL(`${server.origin}/create`);
  await staffPage.goto(`${server.origin}/admin/support?status=open`);
  await staffPage.getByTestId("support-queue").waitFor();
  await shoot(staffPage, "support-staff-queue");
  await staffPage.getByRole("link", { name: "My refund did not arrive" }).first().click();
  await staffPage.getByText(person.email).waitFor();
  await staffPage.getByLabel("Your answer").fill("The credits are back now: the refund ran late. Sorry for the wait.");
  await staffPage.getByRole("button", { name: "Send reply" }).click();
  await staffPage.getByText("Sent. The person was emailed").waitFor();
  expect(await staffPage.getByTestId("staff-thread-status").textContent()).toBe("Waiting for the person");
  await shoot(staffPage, "support-staff-thread");

  // The person, elsewhere in the app, gets the badge on the next navigation.
  await page.goto(`${server.origin}/create`);
  const badge = page.locator(".sidebar").getByTestId("support-unread");
  await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toContain("1");
  await page
    .getByRole("link", { name: /^Support/ })
    .first()
    .click();
  await page.getByTestId("support-thread").filter({ hasText: "New reply" }).waitFor();
  await shoot(page, "support-list-unread");
  await page.getByTestId("support-thread").first().click();
  await page.getByText("The credits are back now").waitFor();
  expect(await page.getByTestId("thread-status").textContent()).toBe("Answered");
  await expect.poll(() => badge.count()).toBe(0);
  await shoot(page, "support-thread-answered");

  // The email carries the subject and a link, never the reply's text.
  const [email] = await emailsTo(server.origin, person.email).then((all) => all.filter((e) => e.subject.includes("support")));
  expect(email?.text).toContain("My refund did not arrive");
  expect(email?.text).toContain(new URL(threadUrl).pathname);
  expect(email?.text).not.toContain("The credits are back now");

  // Replying reopens it.
  await page.getByLabel("Your reply").fill("Thanks, I see them.");
  await page.getByRole("button", { name: "Send reply" }).click();
  await page.getByText("Thanks, I see them.").waitFor();
  expect(await page.getByTestId("thread-status").textContent()).toBe("Waiting for Ausar");

  expect(errors).toEqual([]);
  expect(staffErrors).toEqual([]);
  await personContext.close();
  await staffContext.close();
}, 180_000);

it("the public footer links Support beside the contact address", async () => {
  const { server, browser } = suite;
  const page = await browser.newPage();
  await page.goto(`${server.origin}/privacy`);
  const footer = page.locator(".site-footer");
  await footer.getByRole("link", { name: "Support" }).waitFor();
  expect(await footer.getByRole("link", { name: /@/ }).count()).toBe(1);
  await page.close();
}, 60_000);
