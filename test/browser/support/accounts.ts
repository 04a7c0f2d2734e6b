import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";

/** Only these may ever be in localStorage (privacy policy §2.2; promise P7). */
export const ALLOWED_LOCAL_STORAGE_KEYS = ["ausar.auth", "ausar.theme", "ausar.ref", "ausar.gallery-size"];
/** Only the session cookies may be set (promise P9); `__Host-` versions are used over https. */
export const SESSION_COOKIE_NAMES = ["ausar_at", "ausar_rt", "__Host-ausar_at", "__Host-ausar_rt"];

export interface NewUser {
  name: string;
  email: string;
  password: string;
}

/** A fresh person with a unique address and a password the strength check accepts. */
export function newUser(label: string): NewUser {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return { name: "Ada Lovelace", email: `${label}-${unique}@example.com`, password: "quiet-lantern-orbit-7204" };
}

/** The welcome credits granted when the address is verified, as wrangler.toml configures the dev server. */
export function signupCredits(): number {
  const match = /^SIGNUP_CREDITS\s*=\s*"(\d+)"/m.exec(readFileSync("wrangler.toml", "utf8"));
  if (!match?.[1]) throw new Error("SIGNUP_CREDITS not found in wrangler.toml");
  return Number(match[1]);
}

/** Signs `user` up through the API in `context`: its pages then share the session cookies. */
export async function signUpInContext(context: BrowserContext, origin: string, user: NewUser): Promise<void> {
  const response = await context.request.post(`${origin}/api/auth/signup`, { data: { ...user, ageConfirmed: true, acceptPolicies: true } });
  if (response.status() !== 201) throw new Error(`sign-up failed: ${response.status()} ${await response.text()}`);
}

/** Confirms `email` through the emailed link, in `context` (the welcome credits arrive then). */
export async function verifyInContext(context: BrowserContext, origin: string, email: string): Promise<void> {
  const token = new URL(await emailedLink(origin, email, "/verify-email")).searchParams.get("token");
  const response = await context.request.post(`${origin}/api/auth/verify-email`, { headers: { Origin: origin }, data: { token } });
  if (response.status() !== 200) throw new Error(`verification failed: ${response.status()} ${await response.text()}`);
}

/** Signs `user` up and verifies the address, so the context holds the welcome credits. */
export async function signUpVerifiedInContext(context: BrowserContext, origin: string, user: NewUser): Promise<void> {
  await signUpInContext(context, origin, user);
  await verifyInContext(context, origin, user.email);
}

/** Fills the sign-up form (on /signup already) and submits it. */
export async function fillSignup(page: Page, user: NewUser, options: { password?: string } = {}): Promise<void> {
  await page.getByLabel("Name", { exact: true }).fill(user.name);
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(options.password ?? user.password);
  await page.getByLabel("I am 18 or older").check();
  await page.getByLabel(/I accept the Terms/).check();
  await page.getByRole("button", { name: "Create account" }).click();
}

/** The localStorage keys of the page's origin. */
export function localStorageKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).sort());
}

interface OutboxEmail {
  to: string;
  subject: string;
  text: string;
}

/** The newest link to `path` (e.g. "/verify-email") in a development email sent to `to`. */
export async function emailedLink(origin: string, to: string, path: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { emails } = (await (await fetch(`${origin}/api/dev/emails`)).json()) as { emails: OutboxEmail[] };
    for (const email of emails.filter((e) => e.to === to)) {
      const link = email.text.match(new RegExp(`https?://[^\\s"]+${path}\\?token=[^\\s"]+`))?.[0];
      if (link) return link;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no email to ${to} with a ${path} link`);
}
