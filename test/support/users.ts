import { exports } from "cloudflare:workers";

/** Options for a test request through the Worker's own fetch handler. */
export interface ApiInit extends Omit<RequestInit, "body"> {
  /** Sent as the `Cookie` header. */
  cookie?: string;
  /** Sent as `CF-Connecting-IP` (rate limits key on it). */
  ip?: string;
  /** Serialised as the JSON body with the JSON content type. */
  json?: unknown;
  body?: BodyInit | null;
}

/** Calls the Worker (`exports.default.fetch`) at `http://localhost{path}`. */
export function api(path: string, init: ApiInit = {}): Promise<Response> {
  const { cookie, ip, json, headers: extra, ...rest } = init;
  const headers = new Headers(extra);
  if (cookie) headers.set("Cookie", cookie);
  if (ip) headers.set("CF-Connecting-IP", ip);
  if (json !== undefined) headers.set("Content-Type", "application/json");
  const body = json !== undefined ? JSON.stringify(json) : rest.body;
  return exports.default.fetch(new Request(`http://localhost${path}`, { ...rest, headers, body }));
}

/** The `name=value` pairs a response set, joined as a `Cookie` header (cleared cookies dropped). */
export function cookiesFrom(res: Response, previous = ""): string {
  const jar = new Map(
    previous
      .split("; ")
      .filter(Boolean)
      .map((pair) => pair.split("=", 2) as [string, string]),
  );
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const [name, value = ""] = pair!.split("=", 2) as [string, string?];
    if (value === "" || /max-age=0/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** A random IPv4-looking value so each caller gets its own rate-limit bucket. */
export function randomIp(): string {
  const b = crypto.getRandomValues(new Uint8Array(3));
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

export const TEST_PASSWORD = "correct-horse-battery-staple-42";

export interface TestUser {
  userId: string;
  email: string;
  name: string;
  password: string;
  /** The session cookies, ready for the `cookie` option of `api`. */
  cookie: string;
}

/** Signs up a fresh user through the real route and returns their session cookies. */
export async function signUp(
  options: { email?: string; name?: string; password?: string; ip?: string; referralCode?: string } = {},
): Promise<TestUser> {
  const email = options.email ?? `user-${crypto.randomUUID()}@example.com`;
  const name = options.name ?? "Test Person";
  const password = options.password ?? TEST_PASSWORD;
  const res = await api("/api/auth/signup", {
    method: "POST",
    ip: options.ip ?? randomIp(),
    json: { email, name, password, ageConfirmed: true, acceptPolicies: true, referralCode: options.referralCode },
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const { user } = await res.json<{ user: { id: string } }>();
  return { userId: user.id, email, name, password, cookie: cookiesFrom(res) };
}

/** Confirms the user's address through the emailed link (which is when the welcome credits arrive). */
export async function verifyEmailOf(user: TestUser): Promise<void> {
  // The account stores the address trimmed and lower-cased, and mails it there.
  const email = await waitForEmail(user.email.trim().toLowerCase(), /Confirm your email/);
  const res = await api("/api/auth/verify-email", { method: "POST", ip: randomIp(), json: { token: tokenFromEmail(email.text) } });
  if (res.status !== 200) throw new Error(`verification failed: ${res.status} ${await res.text()}`);
}

/** Signs up a fresh user and verifies their address, so they hold the welcome credits. */
export async function signUpVerified(options: Parameters<typeof signUp>[0] = {}): Promise<TestUser> {
  const user = await signUp(options);
  await verifyEmailOf(user);
  return user;
}

/** Waits for the development outbox to hold an email to `to` whose subject matches, and returns it. */
export async function waitForEmail(to: string, subject: RegExp): Promise<{ subject: string; text: string }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const res = await api("/api/dev/emails");
    const { emails } = await res.json<{ emails: { to: string; subject: string; text: string }[] }>();
    const found = emails.find((e) => e.to === to && subject.test(e.subject));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no email to ${to} matching ${subject}`);
}

/** The `token` query parameter of the first link in an email's text. */
export function tokenFromEmail(text: string): string {
  const match = /token=([A-Za-z0-9_%-]+)/.exec(text);
  if (!match) throw new Error(`no token link in: ${text}`);
  return decodeURIComponent(match[1]!);
}
