import { env } from "cloudflare:workers";
import { codeAt, newTotpSecret } from "../../workers/auth/two-factor/totp";

const STEP_MS = 30_000;

/**
 * Enrols `userId` in two-factor directly in D1 and returns fresh codes in order: each call gives a
 * code of a later 30-second step than the one before (the server accepts one step either side of
 * now, and each step once), so a test can make up to three destructive calls in a row.
 */
export async function enrolTotp(userId: string): Promise<() => string> {
  const secret = newTotpSecret();
  const now = Date.now();
  await env.DB.prepare("INSERT INTO totp_credentials (user_id, secret, enabled_at, last_step, created_at) VALUES (?1, ?2, ?3, 0, ?3)")
    .bind(userId, secret, now)
    .run();
  let last = 0;
  return () => {
    const current = Math.floor(Date.now() / STEP_MS);
    const step = Math.max(last + 1, current - 1);
    if (step > current + 1) throw new Error("enrolTotp: more than three codes within one step; use another staff member");
    last = step;
    return codeAt(secret, step * STEP_MS);
  };
}
