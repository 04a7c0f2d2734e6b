import { spawnSync } from "node:child_process";
import { delimiter, resolve } from "node:path";
import { Secret, TOTP } from "otpauth";
import type { BrowserContext } from "playwright-core";
import type { NewUser } from "./accounts";
import type { DevServer } from "./server";

const ENV = { ...process.env, PATH: `${resolve("node_modules/.bin")}${delimiter}${process.env.PATH ?? ""}`, CI: "true" };

/** Runs the real staff command (`npm run staff -- …`, scripts/staff.mjs) on the dev server's local state; returns what it printed. */
export function staffCommand(server: Pick<DevServer, "persist">, ...args: string[]): string {
  const run = spawnSync("node", ["scripts/staff.mjs", ...args, "--persist-to", server.persist], { encoding: "utf8", env: ENV });
  if (run.status !== 0) throw new Error(`npm run staff -- ${args.join(" ")} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

const PERIOD_MS = 30_000;
const stepOf = (ms: number) => Math.floor(ms / PERIOD_MS);

/**
 * The staff member's authenticator app. The server takes each 30-second step once, and a code one
 * step either side of its clock, so `code()` hands out the next unused step's code, waiting for the
 * clock only when the step ahead is taken too.
 */
export class Authenticator {
  private readonly totp: TOTP;

  constructor(
    secret: string,
    private lastStep = 0,
  ) {
    this.totp = new TOTP({ algorithm: "SHA1", digits: 6, period: PERIOD_MS / 1000, secret: Secret.fromBase32(secret) });
  }

  /** A code the server has not taken yet. */
  async code(): Promise<string> {
    const step = Math.max(this.lastStep + 1, stepOf(Date.now()));
    const wait = (step - 1) * PERIOD_MS - Date.now();
    if (wait > 0) await new Promise((done) => setTimeout(done, wait + 100));
    this.lastStep = step;
    return this.totp.generate({ timestamp: step * PERIOD_MS });
  }
}

async function post(context: BrowserContext, server: DevServer, path: string, data: unknown): Promise<unknown> {
  const response = await context.request.post(`${server.origin}${path}`, { headers: { Origin: server.origin }, data });
  if (!response.ok()) throw new Error(`POST ${path}: ${response.status()} ${await response.text()}`);
  return response.json();
}

/**
 * Makes the signed-up `user` staff as an operator would: the role from the staff command (which ends
 * their sessions), then, in `context`, sign-in again and two-factor enrolment through Account →
 * Security's API, so the context holds a session that proved the second factor and the console opens.
 */
export async function makeStaff(
  context: BrowserContext,
  server: DevServer,
  user: NewUser,
  role: "support" | "admin" = "admin",
): Promise<Authenticator> {
  staffCommand(server, "grant", user.email, role, "--reason", "browser test staff");
  await post(context, server, "/api/auth/login", { email: user.email, password: user.password });
  const { secret } = (await post(context, server, "/api/account/2fa/totp", {})) as { secret: string };
  const authenticator = new Authenticator(secret);
  await post(context, server, "/api/account/2fa/totp/confirm", { code: await authenticator.code() });
  return authenticator;
}
