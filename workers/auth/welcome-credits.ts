import { accountFor } from "../credits/account-client";
import { grantWelcomeCredits } from "./signup";

const MINUTE = 60_000;

/**
 * Cron backstop: a sign-up whose welcome grant failed (the account exists, the grant threw)
 * gets it here, with the same idempotency key, so it still arrives exactly once. A new account's
 * first ledger row is always that grant, so "no ledger row yet" finds them.
 */
export async function grantMissedWelcomeCredits(env: Env, now: number): Promise<void> {
  const { results } = await env.DB.prepare(
    `SELECT u.id FROM users u
     WHERE u.created_at BETWEEN ?1 AND ?2 AND u.deleted_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM credit_ledger l WHERE l.user_id = u.id)
     LIMIT 100`,
  )
    .bind(now - 7 * 24 * 60 * MINUTE, now - MINUTE)
    .all<{ id: string }>();
  const deps = { signupCredits: Number.parseInt(env.SIGNUP_CREDITS, 10) || 0, account: (id: string) => accountFor(env, id) };
  for (const { id } of results) await grantWelcomeCredits(deps, id);
}
