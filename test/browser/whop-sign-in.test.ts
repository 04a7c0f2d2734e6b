import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import axe from "axe-core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeWhopOAuth, fakeWhopOAuth, fakeWhopUser } from "../support/fake-whop-oauth";
import { newUser, signUpInContext } from "./support/accounts";
import { recordPageErrors, screenshot } from "./support/browser";
import { useDevServerAndBrowser } from "./support/suite";

const CLIENT = { clientId: "app_browser_fake", clientSecret: "browser_fake_client_secret" };
let fake: FakeWhopOAuth;
let whopServer: Server;

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// The fake Whop runs on its own local port before `wrangler dev` starts, so the Worker can be pointed at it.
beforeAll(async () => {
  whopServer = createServer(async (req, res) => {
    // Chromium asks the fake's origin for a favicon; the real Whop has one.
    if (req.url === "/favicon.ico") return void res.writeHead(204).end();
    const body = req.method === "GET" || req.method === "HEAD" ? undefined : await bodyOf(req);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const answer = await fake.handle(
      new Request(`${fake.issuer}${req.url}`, {
        method: req.method,
        headers,
        body: body ? new Uint8Array(body) : undefined,
        redirect: "manual",
      }),
    );
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => whopServer.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(whopServer.address() as AddressInfo).port}`;
  fake = await fakeWhopOAuth({ issuer, ...CLIENT, redirectUris: [] });
});

afterAll(async () => {
  await new Promise((resolve) => whopServer?.close(resolve));
});

/** axe-core's serious and critical WCAG A/AA findings (the same run as test/browser/a11y.test.ts). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    type Found = { id: string; impact: string | null; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: Found[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
      resultTypes: ["violations"],
    });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const suite = useDevServerAndBrowser({
  vars: () => ({ WHOP_OAUTH_ISSUER: fake.issuer, WHOP_OAUTH_CLIENT_ID: CLIENT.clientId, WHOP_OAUTH_CLIENT_SECRET: CLIENT.clientSecret }),
});

it("signs a new person up through Whop: signed out → Sign in with Whop → Whop → 18+ and policies → the app", async () => {
  const { server, browser } = suite;
  fake.redirectUris.push(`${server.origin}/api/auth/whop/callback`);
  fake.signedIn = fakeWhopUser({ name: "Grace Hopper" });
  // The axe script is injected by the test; the app's CSP ('self' only) would refuse it otherwise.
  const context = await browser.newContext({ bypassCSP: true, colorScheme: "dark" });
  const page = await context.newPage();
  const errors = recordPageErrors(page);

  await page.goto(`${server.origin}/login`);
  await page.getByRole("link", { name: "Sign in with Whop" }).waitFor();
  await screenshot(page, "whop-login-button");
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("link", { name: "Sign in with Whop" }).click();

  // Whop's consent page (the fake), then back to Ausar, which asks for the confirmations first.
  await page.waitForURL(`${fake.issuer}/oauth/authorize?**`);
  await page.getByRole("button", { name: "Approve" }).click();
  await page.waitForURL(`${server.origin}/whop-sign-in`);
  await page.getByRole("heading", { name: "Create your account" }).waitFor();
  await page.getByText(fake.signedIn.email).waitFor();
  expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("Grace Hopper");
  await screenshot(page, "whop-sign-up-step");
  expect(await seriousViolations(page)).toEqual([]);

  // Without the boxes ticked, the server says what is missing and nothing is made.
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByText("You must confirm that you are 18 or older.").waitFor();
  await page.getByLabel("I am 18 or older").check();
  await page.getByLabel(/I accept the Terms/).check();
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${server.origin}/create`);

  const me = await context.request.get(`${server.origin}/api/me`);
  expect(me.status()).toBe(200);
  expect((await me.json()).user).toMatchObject({ email: fake.signedIn.email, name: "Grace Hopper", emailVerified: true });
  // The round-trip cookie is gone; only the session cookies stay.
  expect((await context.cookies()).map((c) => c.name).sort()).toEqual(["ausar_at", "ausar_rt"]);

  // Account → Security shows the connection; Whop is the only way in, so it offers a password first.
  await page.goto(`${server.origin}/account`);
  await page.locator("#whop-title .badge", { hasText: "Connected" }).waitFor();
  await page.getByRole("button", { name: "Set a password" }).waitFor();
  expect(await page.getByRole("button", { name: "Disconnect Whop" }).count()).toBe(0);
  await page.locator("#whop").screenshot({ path: "test-results/browser/whop-account-section.png" });
  expect(await seriousViolations(page)).toEqual([]);

  // The unticked boxes' 400 is the browser's only complaint.
  expect(errors).toEqual(["console: Failed to load resource: the server responded with a status of 400 (Bad Request)"]);
  await context.close();
});

it("links an existing account only after its password: Sign in with Whop → Whop → password → the app", async () => {
  const { server, browser } = suite;
  if (!fake.redirectUris.includes(`${server.origin}/api/auth/whop/callback`))
    fake.redirectUris.push(`${server.origin}/api/auth/whop/callback`);
  const person = newUser("whop-link");
  await signUpInContext(await browser.newContext(), server.origin, person);
  fake.signedIn = fakeWhopUser({ email: person.email });
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${server.origin}/login`);
  await page.getByRole("link", { name: "Sign in with Whop" }).click();
  await page.getByRole("button", { name: "Approve" }).click();
  await page.getByRole("heading", { name: "Connect Whop to your account" }).waitFor();
  // Whop's word about the email signs nobody in.
  expect((await context.request.get(`${server.origin}/api/me`)).status()).toBe(401);
  await screenshot(page, "whop-link-step");
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel("Password").fill("not-the-password-at-all");
  await page.getByRole("button", { name: "Connect and sign in" }).click();
  await page.getByText("That email and password do not match an account.").waitFor();
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Connect and sign in" }).click();
  await page.waitForURL(`${server.origin}/create`);
  await page.goto(`${server.origin}/account`);
  await page.locator("#whop-title .badge", { hasText: "Connected" }).waitFor();
  await page.getByRole("button", { name: "Disconnect Whop" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
  await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
  // Connecting again from Account → Security asks for the password first, then goes to Whop and back.
  const connect = page.getByRole("form", { name: "Connect Whop" });
  // Under load the section may still be re-rendering from the disconnect when the button first shows.
  await expect
    .poll(async () => {
      if ((await connect.count()) === 0)
        await page
          .getByRole("button", { name: "Connect Whop" })
          .click({ timeout: 5000 })
          .catch(() => {});
      return connect.count();
    })
    .toBe(1);
  await connect.getByLabel("Current password").fill("not-the-password-at-all");
  await connect.getByRole("button", { name: "Continue to Whop" }).click();
  await connect.getByText("This is not your current password.").waitFor();
  await connect.getByLabel("Current password").fill(person.password);
  await connect.getByRole("button", { name: "Continue to Whop" }).click();
  await page.getByRole("button", { name: "Approve" }).click();
  await page.waitForURL(`${server.origin}/account?whop=connected`);
  await page.locator("#whop-title .badge", { hasText: "Connected" }).waitFor();
  await context.close();
});

it("explains a refused sign-in on its own page", async () => {
  const { server, browser } = suite;
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${server.origin}/whop-sign-in?error=state_mismatch`);
  await page.getByText("This answer from Whop is not for this browser").waitFor();
  await page.getByText("Nothing was created or connected.").waitFor();
  await screenshot(page, "whop-refused");
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});
