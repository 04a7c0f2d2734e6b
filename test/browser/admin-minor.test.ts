import type { APIRequestContext } from "playwright-core";
import { expect, it } from "vitest";
import type { UserView } from "../../shared/auth";
import type { MediaView, ShareView } from "../../shared/media";
import { newUser, signUpInContext, signUpVerifiedInContext } from "./support/accounts";
import { recordPageErrors, screenshot } from "./support/browser";
import { startGeneration, waitForJob } from "./support/generations";
import { png } from "./support/images";
import { openLocalState } from "./support/local-state";
import { makeStaff } from "./support/staff";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

async function shareLink(request: APIRequestContext, origin: string, media: MediaView): Promise<ShareView> {
  const response = await request.post(`${origin}/api/media/${media.id}/share`, { headers: { Origin: origin }, data: {} });
  if (response.status() !== 201) throw new Error(`share refused: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { share: ShareView }).share;
}

/** What anyone on the web gets at each address: no cookies, as a stranger opening a pasted link. */
async function statusesOf(origin: string, paths: string[]): Promise<number[]> {
  return Promise.all(paths.map(async (path) => (await fetch(new URL(path, origin), { redirect: "manual" })).status));
}

it("'Delete as minor' in the console leaves nothing of the person: no sign-in, no media, no row, no object", async () => {
  const { server, browser } = suite;
  const { origin } = server;
  const person = newUser("minor");
  const personContext = await browser.newContext();
  await signUpVerifiedInContext(personContext, origin, person);
  const { request } = personContext;
  const { user } = (await (await request.get(`${origin}/api/me`)).json()) as { user: UserView };

  // Something of each kind the purge must find: a generation (with its thumbnail) and an upload, each shared.
  const job = await startGeneration(request, origin, { model: "demo-image", prompt: "a paper boat", count: 1 });
  const [generated] = (await waitForJob(request, origin, job.id)).media;
  const uploadResponse = await request.post(`${origin}/api/uploads`, {
    headers: { Origin: origin, "Content-Type": "image/png" },
    data: png(320, 200, [30, 90, 200]),
  });
  expect(uploadResponse.status()).toBe(201);
  const { media: upload } = (await uploadResponse.json()) as { media: MediaView };
  const shares = [await shareLink(request, origin, generated!), await shareLink(request, origin, upload)];
  const publicUrls = shares.flatMap((share) => [share.url!, share.pageUrl!]);
  expect(await statusesOf(origin, publicUrls)).toEqual([200, 200, 200, 200]);
  for (const item of [generated!, upload]) expect((await request.get(`${origin}${item.url}`)).status()).toBe(200);

  const state = await openLocalState(server);
  try {
    // The checks below can see the person's data: rows in the tables the scenario touched, and objects under their id.
    const before = await state.rowsMentioning(user.id, person.email);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(["users", "sessions", "media", "jobs", "share_links"]));
    expect((await state.objectKeysContaining(user.id)).length).toBeGreaterThanOrEqual(3);

    const staff = newUser("minor-staff");
    const staffContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await signUpInContext(staffContext, origin, staff);
    const authenticator = await makeStaff(staffContext, server, staff, "support");
    const staffPage = await staffContext.newPage();
    const errors = recordPageErrors(staffPage);
    await staffPage.goto(`${origin}/admin/users?q=${encodeURIComponent(person.email)}`);
    await staffPage.getByRole("link", { name: new RegExp(person.email) }).click();
    await staffPage.getByRole("button", { name: "Delete as minor" }).click();
    const dialog = staffPage.getByRole("dialog", { name: "Delete as minor" });
    await dialog.getByLabel("Reason (kept in the audit log)").fill("a parent wrote in: the account holder is 14");
    await dialog.getByLabel("Code from your authenticator app").fill(await authenticator.code());
    await screenshot(staffPage, "admin-delete-as-minor");
    const missing: string[] = [];
    staffPage.on("response", (response) => response.status() === 404 && missing.push(response.url()));
    await dialog.getByRole("button", { name: "Delete everything" }).click();
    await staffPage.getByText(`${person.email} was deleted`).waitFor();
    // The page shows the person as deleted, with nothing left to do, and does not ask for them again (a 404 once purged).
    await expect.poll(() => staffPage.getByRole("button", { name: "Delete as minor" }).count()).toBe(0);
    await staffPage.waitForTimeout(500);
    expect(missing).toEqual([]);
    expect(errors).toEqual([]);
    await staffContext.close();

    // Signed out everywhere at once, and the password no longer opens anything.
    expect((await request.get(`${origin}/api/me`)).status()).toBe(401);
    const login = await fetch(`${origin}/api/auth/login`, {
      method: "POST",
      headers: { Origin: origin, "Content-Type": "application/json" },
      body: JSON.stringify({ email: person.email, password: person.password }),
    });
    expect(login.status).toBe(401);

    // The purge runs on the tasks queue: wait for its last step (the user row) before the empty checks.
    await expect.poll(async () => "users" in (await state.rowsMentioning(user.id)), { timeout: 30_000, interval: 500 }).toBe(false);
    expect(await statusesOf(origin, publicUrls)).toEqual([404, 404, 404, 404]);
    // The generic deletion check: no row in any table names the person's id or address, no object their id.
    expect(await state.rowsMentioning(user.id, person.email)).toEqual({});
    expect(await state.objectKeysContaining(user.id)).toEqual([]);
  } finally {
    await state.close();
    await personContext.close();
  }
}, 180_000);
