import { expect, it } from "vitest";
import { newUser, signUpInContext, signUpVerifiedInContext } from "./support/accounts";
import { recordPageErrors, screenshot } from "./support/browser";
import { makeStaff } from "./support/staff";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

const DAY_MS = 24 * 60 * 60 * 1000;
/** `YYYY-MM-DD` of a local day `days` ago, as the date input takes it. */
function localDay(daysAgo: number): string {
  const d = new Date(Date.now() - daysAgo * DAY_MS);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

it("records an emailed request in the console, linked to the account, marks it overdue past 30 days, and closes it with an outcome", async () => {
  const { server, browser } = suite;
  const person = newUser("dr-person");
  const personContext = await browser.newContext();
  await signUpVerifiedInContext(personContext, server.origin, person);

  const staff = newUser("dr-staff");
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await signUpInContext(context, server.origin, staff);
  await makeStaff(context, server, staff, "admin");
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${server.origin}/admin/data-requests`);
  await page.getByRole("heading", { name: "Data requests" }).waitFor();

  await page.getByRole("button", { name: "Record a request" }).click();
  const form = page.getByRole("form", { name: "Record a data request" });
  await form.getByLabel("Kind").selectOption("access");
  await form.getByLabel("Requester's email").fill(person.email);
  // Received 35 days ago: due 30 days after, so already overdue.
  await form.getByLabel("Received on").fill(localDay(35));
  await form.getByLabel("Notes").fill("Asked by email for a copy of their data");
  await form.getByLabel("Reason (for the audit log)").fill("ticket 4411");
  await form.getByRole("button", { name: "Record" }).click();
  await page.getByText("Request recorded").waitFor();
  await page.getByText("linked to the account with that address").waitFor();

  const card = page.getByTestId("data-request").filter({ hasText: person.email.toLowerCase() });
  await card.waitFor();
  await card.getByText("overdue", { exact: true }).waitFor();
  await card.getByText("by email", { exact: true }).waitFor();
  expect(await card.locator(".dr-facts dd.mono").textContent()).toMatch(/^[0-9a-f-]{36}$/);
  await screenshot(page, "admin-data-requests-overdue");

  await card.getByRole("button", { name: "Close with an outcome" }).click();
  const close = card.getByRole("form", { name: "Close the request" });
  await close.getByLabel("Outcome: what was done").fill("Sent the export link on the same day");
  await close.getByLabel("Reason (for the audit log)").fill("ticket 4411 answered");
  await close.getByRole("button", { name: "Close request" }).click();
  // Gone from the open list; listed under Closed with its outcome.
  await expect.poll(() => page.getByTestId("data-request").filter({ hasText: person.email.toLowerCase() }).count()).toBe(0);
  await page.getByRole("link", { name: "Closed" }).click();
  await page.waitForURL(`${server.origin}/admin/data-requests?status=closed`);
  const closed = page.getByTestId("data-request").filter({ hasText: "Sent the export link on the same day" });
  await closed.waitFor();
  expect(await closed.getByText("overdue", { exact: true }).count()).toBe(0);

  // The audit log has both actions, with their reasons.
  const audit = await context.request.get(`${server.origin}/api/admin/audit`);
  expect(audit.status()).toBe(200);
  const rows = ((await audit.json()) as { items: { action: string; reason: string | null }[] }).items;
  expect(rows.map((r) => r.reason)).toEqual(expect.arrayContaining(["ticket 4411", "ticket 4411 answered"]));
  expect(errors).toEqual([]);
  await personContext.close();
  await context.close();
}, 120_000);
