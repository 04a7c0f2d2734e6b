import type { Database } from "../db/client";
import type { EmailMessage } from "../lib/email/sender";

/** What the account flows need from the outside world. */
export interface AuthDeps {
  db: Database;
  now: number;
  /** Base of links in emails (`PUBLIC_URL`; the request's origin in local development, see lib/public-url.ts). */
  publicUrl: string;
  /** Schedules an email; delivery happens after the response so timing reveals nothing. */
  deliver(message: EmailMessage): void;
}

/** A link into the web app. */
export function appLink(deps: AuthDeps, path: string, token: string): string {
  return `${deps.publicUrl.replace(/\/$/, "")}${path}?token=${encodeURIComponent(token)}`;
}
