import { isLocalDevelopment } from "./local-development";

/**
 * The base of links Ausar sends people (emails, checkout return): `PUBLIC_URL`, except in local
 * development, where it is the origin the app was reached on (another port, 127.0.0.1), so a
 * link in the development outbox opens the running app. Provider callbacks keep `PUBLIC_URL`:
 * they come from outside, not from the person's browser.
 */
export function publicUrlFor(env: Pick<Env, "ENVIRONMENT" | "PUBLIC_URL">, requestUrl: string): string {
  return isLocalDevelopment(env, requestUrl) ? new URL(requestUrl).origin : env.PUBLIC_URL;
}
