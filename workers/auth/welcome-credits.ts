import { accountFor } from "../credits/account-client";
import type { AccountApi } from "../credits/contract";

const MINUTE = 60_000;

/** What the welcome grant needs: how many credits (`SIGNUP_CREDITS`) and the user's Account object. */
export interface WelcomeCreditDeps {
  signupCredits: number;
  account(userId: string): Pick<AccountApi, "grant">;
}

/** The welcome grant's dependencies from the Worker's bindings. */
export function welcomeCreditDeps(env: Pick<Env, "SIGNUP_CREDITS" | "ACCOUNT">): WelcomeCreditDeps {
  return { signupCredits: Number.parseInt(env.SIGNUP_CREDITS, 10) || 0, account: (userId) => accountFor(env, userId) };
}

/** The welcome grant, keyed by the user id so that it can be retried and still arrive once. */
export async function grantWelcomeCredits(deps: WelcomeCreditDeps, userId: string): Promise<void> {
  if (deps.signupCredits <= 0) return;
  const result = await deps.account(userId).grant(userId, deps.signupCredits, "signup", null, "Welcome credits");
  if (!result.ok) throw new Error(`welcome grant refused: ${result.code}`);
}

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
  const deps = welcomeCreditDeps(env);
  for (const { id } of results) await grantWelcomeCredits(deps, id);
}
